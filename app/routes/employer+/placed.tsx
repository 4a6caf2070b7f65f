import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { answerAsEmployer, employerAnswerRefusal, placedForEmployer } from "~/checkins/employer.server.ts";
import { employerAnswerSchema } from "~/checkins/schema.server.ts";
import { employerImpressions } from "~/checkins/vocabulary.ts";
import { formatDate } from "~/i18n/dates.ts";
import { FormAlert, FormErrorSummary, RadioGroup, TextArea, TextField } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { redirect } from "~/ui/redirect.server.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "checkins.employer.title", i18n: ["checkins.employer", "checkins.impressions"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const employer = await requireUser(request, "employer");
  return { placed: await placedForEmployer(employer) };
}

export async function action({ request }: ActionFunctionArgs) {
  const employer = await requireUser(request, "employer");
  const formData = await readFormData(request);
  const checkinId = formData.get("checkinId");
  const refusal = await employerAnswerRefusal(employer, checkinId);
  if (refusal) return formFailure({ fieldErrors: { form: refusal } });
  const form = parseForm(formData, employerAnswerSchema);
  if (!form.ok) return formFailure({ fieldErrors: Object.fromEntries(Object.entries(form.fieldErrors).map(([field, error]) => [`${field}-${checkinId}`, error])), values: form.values });
  const result = await answerAsEmployer(employer, form.data);
  return result.ok ? redirect("/employer/placed?notice=checkinAnswered") : formFailure(result);
}

/** The people placed with the organisation: what their consent shows, and the check-ins the employer is asked about. */
export default function Placed() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const { placed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const sent = result?.values?.checkinId;
  const labels = Object.fromEntries(
    placed.flatMap((p) =>
      p.toAnswer.flatMap((c) => [
        [`attended-${c.id}`, t("checkins.employer.attended")],
        [`expected-${c.id}`, t("checkins.employer.expected")],
        [`impression-${c.id}`, t("checkins.employer.impression")],
        [`concern-${c.id}`, t("checkins.employer.concern")],
      ]),
    ),
  );
  // Several check-ins may wait at once, for one person or several, in one placement or several:
  // each form sums up its own problems, named by the person, the placement and the day.
  const who = (p: (typeof placed)[number]) => p.firstName ?? t("checkins.employer.someone");
  const formName = (p: (typeof placed)[number], c: (typeof placed)[number]["toAnswer"][number]) => `${who(p)}, ${p.placement}, ${t("checkins.employer.formFor", { date: formatDate(c.dueDay, language) })}`;
  const labelsOf = (c: { id: string }) => Object.fromEntries(["attended", "expected", "impression", "concern"].map((field) => [`${field}-${c.id}`, labels[`${field}-${c.id}`]]));
  const value = (id: string, name: string) => (sent === id ? result?.values?.[name] : undefined);
  return (
    <>
      <h1>{t("checkins.employer.title")}</h1>
      <p>{t("checkins.employer.intro")}</p>
      <FormAlert error={result?.fieldErrors?.form} />
      <FormErrorSummary fieldErrors={result?.fieldErrors} labels={labels} claimedElsewhere={labels} />
      {placed.length === 0 ? <p>{t("checkins.employer.none")}</p> : null}
      {placed.map((p) => (
        <article key={p.id} aria-labelledby={`placed-${p.id}`}>
          <h2 id={`placed-${p.id}`}>
            {who(p)} · {p.placement}
          </h2>
          <p>{t("checkins.employer.since", { date: formatDate(p.startDay, language) })}</p>
          {p.toAnswer.map((c) => (
            <Form method="post" noValidate key={c.id} aria-labelledby={`placed-${p.id} checkin-${c.id}`}>
              <h3 id={`checkin-${c.id}`}>{t("checkins.employer.formFor", { date: formatDate(c.dueDay, language) })}</h3>
              <input type="hidden" name="checkinId" value={c.id} />
              <FormErrorSummary fieldErrors={result?.fieldErrors} labels={labelsOf(c)} formName={formName(p, c)} />
              <TextField name="attended" id={`attended-${c.id}`} label={labels[`attended-${c.id}`]} formName={formName(p, c)} inputMode="numeric" error={result?.fieldErrors?.[`attended-${c.id}`]} defaultValue={value(c.id, "attended")} />
              <TextField name="expected" id={`expected-${c.id}`} label={labels[`expected-${c.id}`]} formName={formName(p, c)} inputMode="numeric" error={result?.fieldErrors?.[`expected-${c.id}`]} defaultValue={value(c.id, "expected")} />
              <RadioGroup
                name="impression"
                id={`impression-${c.id}`}
                label={labels[`impression-${c.id}`]}
                formName={formName(p, c)}
                error={result?.fieldErrors?.[`impression-${c.id}`]}
                defaultValue={value(c.id, "impression")}
                options={employerImpressions.map((i) => ({ value: i, label: t(`checkins.impressions.${i}`) }))}
              />
              <TextArea name="concern" id={`concern-${c.id}`} label={labels[`concern-${c.id}`]} formName={formName(p, c)} hint={t("checkins.employer.concernHint")} required={false} maxLength={1000} error={result?.fieldErrors?.[`concern-${c.id}`]} defaultValue={value(c.id, "concern")} />
              <button type="submit">{t("checkins.employer.send")}</button>
            </Form>
          ))}
          {p.answered.length ? (
            <ul>
              {p.answered.map((c) => (
                <li key={c.id}>
                  {formatDate(c.dueDay, language)}: {t("checkins.employer.answered", { attended: c.attended, expected: c.expected })} · {c.impression ? t(`checkins.impressions.${c.impression}`) : ""}
                </li>
              ))}
            </ul>
          ) : null}
        </article>
      ))}
    </>
  );
}
