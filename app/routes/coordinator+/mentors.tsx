import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { deactivateMentor, reactivateMentor } from "~/accounts/activation.server.ts";
import { mentorActivationSchema } from "~/accounts/schemas.server.ts";
import { requireUser } from "~/accounts/session.server.ts";
import { formatDateAndTime } from "~/i18n/dates.ts";
import { menteesWithInactiveMentor, mentorsOfProgramme } from "~/mentees/mentors.server.ts";
import { handoverReasonLength } from "~/mentees/vocabulary.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { FormAlert, SelectField, TextArea } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
import { Pager } from "~/ui/pager.tsx";
import { pageAsked } from "~/db/paging.ts";

export const handle = { title: "coordinatorMentors.title", i18n: ["coordinatorMentors", "mentees.handoverReason", "mentees.handoverReasonHint", "mentees.handover", "fields.newMentor", "countries", "placements.previous", "placements.next", "placements.page"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const params = new URL(request.url).searchParams;
  // Both lists at once; the handover form's choice of mentors (from the same read of the accounts) only when someone waits.
  const [waiting, { choices, ...mentors }] = await Promise.all([
    menteesWithInactiveMentor(coordinator, { page: pageAsked(params.get("waiting")) }),
    mentorsOfProgramme(coordinator, { page: pageAsked(params.get("page")), withChoices: true }),
  ]);
  return { mentors, waiting, choices: waiting.waiting.length > 0 ? choices : [] };
}

export async function action({ request }: ActionFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const form = parseForm(await readFormData(request), mentorActivationSchema);
  if (!form.ok) return formFailure({ fieldErrors: { form: "errors.invalid" } });
  const done = form.data.intent === "deactivate" ? await deactivateMentor(coordinator, form.data.mentorId) : await reactivateMentor(coordinator, form.data.mentorId);
  if (!done) return formFailure({ fieldErrors: { form: "errors.alreadyDecided" } });
  return redirect(`/coordinator/mentors?notice=${form.data.intent === "deactivate" ? "mentorDeactivated" : "mentorReactivated"}`);
}

export default function ProgrammeMentors() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const { mentors: mentorsPage, waiting: waitingPage, choices } = useLoaderData<typeof loader>();
  const { mentors } = mentorsPage;
  const { waiting } = waitingPage;
  // Each list pages on its own; a link keeps the other list's page.
  const pageLink = (mentorsAt: number, waitingAt: number) => `?${new URLSearchParams({ ...(mentorsAt > 1 ? { page: String(mentorsAt) } : {}), ...(waitingAt > 1 ? { waiting: String(waitingAt) } : {}) })}`;
  const result = useActionData<typeof action>();
  const options = choices.map((m) => ({ value: m.id, label: `${m.name} — ${[m.organisation, m.country ? t(`countries.${m.country}`) : ""].filter(Boolean).join(", ")}` }));
  return (
    <>
      <p>
        <Link to="/coordinator">{t("coordinatorMentors.back")}</Link>
      </p>
      <h1>{t("coordinatorMentors.title")}</h1>
      <p>{t("coordinatorMentors.intro")}</p>
      <FormAlert error={result?.fieldErrors?.form} />
      <section aria-labelledby="waiting-mentees">
        <h2 id="waiting-mentees">{t("coordinatorMentors.waitingTitle")}</h2>
        {waiting.length === 0 ? <p>{t("coordinatorMentors.waitingNone")}</p> : <p>{t("coordinatorMentors.waitingIntro")}</p>}
        {waiting.length > 0 ? (
          // One form for the page's mentees: the choice of every mentor is on the page once (a
          // <select> per mentee repeated 400 mentors each). Each person's button sends it to that
          // person's own page, which hands over (and asks there to confirm one across an
          // organisation or country).
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="from" value="mentors" />
            <fieldset className="stack">
              <legend>{t("mentees.handover")}</legend>
              <p id="handover-how-to">{t("coordinatorMentors.handoverHowTo")}</p>
              <SelectField name="mentorId" id="handover-mentorId" label={t("fields.newMentor")} options={options} placeholder={t("coordinatorMentors.chooseMentor")} />
              <TextArea name="reason" id="handover-reason" label={t("mentees.handoverReason")} hint={t("mentees.handoverReasonHint")} maxLength={handoverReasonLength.max} />
            </fieldset>
            <ul className="cards">
              {waiting.map((m) => {
                // Several mentees may share a first name: the town tells them apart, on the button too.
                const who = m.town ? `${m.name}, ${m.town}` : m.name;
                return (
                <li key={m.id}>
                  <h3>
                    <Link to={`/coordinator/mentees/${m.id}`}>{who}</Link>
                  </h3>
                  <p>{t("coordinatorMentors.waitingLine", { mentor: m.mentor, count: m.openCheckins })}</p>
                  <button type="submit" name="intent" value="handover" formAction={`/coordinator/mentees/${m.id}`} aria-describedby="handover-how-to">
                    {t("coordinatorMentors.handOverPerson", { name: who })}
                  </button>
                </li>
                );
              })}
            </ul>
          </Form>
        ) : null}
        <Pager label={t("coordinatorMentors.waitingPages")} page={waitingPage.page} pages={waitingPage.pages} link={(n) => pageLink(mentorsPage.page, n)} rel={false} />
      </section>
      <section aria-labelledby="programme-mentors">
        <h2 id="programme-mentors">{t("coordinatorMentors.mentorsTitle")}</h2>
        {mentors.length === 0 ? <p>{t("coordinatorMentors.none")}</p> : null}
        <ul className="cards">
          {mentors.map((m) => (
            <li key={m.id}>
              <h3>{m.name}</h3>
              <p>
                {m.email} · {m.organisation}
              </p>
              <p>
                {m.deactivatedAt ? (
                  <span className="status rejected">{t("coordinatorMentors.deactivatedOn", { date: formatDateAndTime(m.deactivatedAt, language).date })}</span>
                ) : (
                  <span className="status approved">{t("coordinatorMentors.active")}</span>
                )}{" "}
                · {t("coordinatorMentors.caseload", { count: m.mentees })}
              </p>
              <Form method="post" noValidate>
                <input type="hidden" name="mentorId" value={m.id} />
                {m.deactivatedAt ? (
                  <button type="submit" name="intent" value="reactivate" className="secondary">
                    {t("coordinatorMentors.reactivate")}
                  </button>
                ) : (
                  <button type="submit" name="intent" value="deactivate" className="danger" aria-describedby="deactivate-hint">
                    {t("coordinatorMentors.deactivate")}
                  </button>
                )}
              </Form>
            </li>
          ))}
        </ul>
        <p className="hint" id="deactivate-hint">
          {t("coordinatorMentors.deactivateHint")}
        </p>
        <Pager label={t("coordinatorMentors.mentorsPages")} page={mentorsPage.page} pages={mentorsPage.pages} link={(n) => pageLink(n, waitingPage.page)} />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
