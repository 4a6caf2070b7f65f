import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { FeelingQuestion, FeelingWords } from "~/checkins/feeling.tsx";
import { answerAsMentee, checkinsForMentee, whyCheckinNotAnswerable } from "~/checkins/mentee.server.ts";
import { menteeAnswerSchema } from "~/checkins/schema.server.ts";
import { formatDay } from "~/i18n/dates.ts";
import { FormAlert, FormErrorSummary, TextArea } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { redirect } from "~/ui/redirect.server.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "checkins.mentee.title", i18n: ["checkins.mentee", "checkins.feelings"], scripts: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const mentee = await requireUser(request, "mentee", { desk: true });
  return checkinsForMentee(mentee);
}

export async function action({ request }: ActionFunctionArgs) {
  const mentee = await requireUser(request, "mentee", { desk: true });
  const formData = await readFormData(request);
  const checkinId = formData.get("checkinId");
  const refusal = await whyCheckinNotAnswerable(mentee, checkinId);
  if (refusal) return formFailure({ fieldErrors: { form: refusal } });
  const form = parseForm(formData, menteeAnswerSchema);
  // Each check-in has its own form: the errors name that form's fields.
  if (!form.ok) return formFailure({ fieldErrors: Object.fromEntries(Object.entries(form.fieldErrors).map(([field, error]) => [`${field}-${checkinId}`, error])), values: form.values });
  const result = await answerAsMentee(mentee, form.data);
  return result.ok ? redirect("/me/checkins?notice=checkinAnswered") : formFailure(result);
}

/** Plain words, big type, three questions, no script needed: answered on an old phone or at the mentor's desk. */
export default function MyCheckins() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const { toAnswer, answered } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const sent = result?.values?.checkinId;
  const labels = Object.fromEntries(
    toAnswer.flatMap((c) => [
      [`feeling-${c.id}`, t("checkins.mentee.feeling")],
      [`goesWell-${c.id}`, t("checkins.mentee.goesWell")],
      [`needsSupport-${c.id}`, t("checkins.mentee.needsSupport")],
    ]),
  );
  // Several check-ins may wait at once: each form sums up its own problems, named by its day and placement.
  const formName = (c: (typeof toAnswer)[number]) => `${formatDay(c.dueDay, language, { weekday: true })}: ${c.placement}`;
  const labelsOf = (id: string) => Object.fromEntries(["feeling", "goesWell", "needsSupport"].map((field) => [`${field}-${id}`, labels[`${field}-${id}`]]));
  return (
    <div className="easy">
      <h1>{t("checkins.mentee.title")}</h1>
      <p>{t("checkins.mentee.intro")}</p>
      <FormAlert error={result?.fieldErrors?.form} />
      <FormErrorSummary fieldErrors={result?.fieldErrors} labels={labels} claimedElsewhere={labels} />
      {toAnswer.length === 0 ? <p>{t("checkins.mentee.nothingNow")}</p> : null}
      {toAnswer.map((c) => (
        <article key={c.id} aria-labelledby={`checkin-${c.id}`}>
          <h2 id={`checkin-${c.id}`}>
            {formName(c)}
          </h2>
          <Form method="post" noValidate>
            <input type="hidden" name="checkinId" value={c.id} />
            <FormErrorSummary fieldErrors={result?.fieldErrors} labels={labelsOf(c.id)} formName={formName(c)} />
            <FeelingQuestion id={`feeling-${c.id}`} label={labels[`feeling-${c.id}`]} formName={formName(c)} error={result?.fieldErrors?.[`feeling-${c.id}`]} defaultValue={sent === c.id ? result?.values?.feeling : undefined} />
            <TextArea name="goesWell" id={`goesWell-${c.id}`} label={labels[`goesWell-${c.id}`]} formName={formName(c)} required={false} maxLength={1000} error={result?.fieldErrors?.[`goesWell-${c.id}`]} defaultValue={sent === c.id ? result?.values?.goesWell : undefined} />
            <TextArea name="needsSupport" id={`needsSupport-${c.id}`} label={labels[`needsSupport-${c.id}`]} formName={formName(c)} required={false} maxLength={1000} error={result?.fieldErrors?.[`needsSupport-${c.id}`]} defaultValue={sent === c.id ? result?.values?.needsSupport : undefined} />
            <button type="submit">{t("checkins.mentee.send")}</button>
          </Form>
        </article>
      ))}
      {answered.length ? (
        <section aria-labelledby="before">
          <h2 id="before">{t("checkins.mentee.beforeTitle")}</h2>
          <ul className="cards">
            {answered.map((c) => (
              <li key={c.id}>
                <p>
                  <strong>{formatDay(c.dueDay, language)}</strong> · {c.placement}
                </p>
                {c.feeling ? (
                  <p>
                    <FeelingWords feeling={c.feeling} />
                  </p>
                ) : null}
                {c.goesWell ? <p>{t("checkins.mentee.goesWell")} {c.goesWell}</p> : null}
                {c.needsSupport ? <p>{t("checkins.mentee.needsSupport")} {c.needsSupport}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
