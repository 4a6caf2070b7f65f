import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { introductionForEmployer, requireEmployerIntroduction, respondToIntroduction } from "~/introductions/employer.server.ts";
import { meetingInWords } from "~/introductions/meeting.ts";
import { employerAnswerSchema } from "~/introductions/schema.server.ts";
import { pageLanguage } from "~/i18n/i18n.server.ts";
import { placementTitle } from "~/placements/titles.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { FormAlert, FormErrorSummary, TextArea, TextField } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { programmeNow } from "~/i18n/dates.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { boundsText } from "~/i18n/hours.ts";

export const handle = { title: "introductions.title", i18n: ["consent", "introductionStatus", "introductions", "vocab.support", "vocab.status", "vocab.supportPlain"] };

/** Words for the states the employer's page explains; the others need none. */
const explained = ["introduced", "meeting_proposed", "accepted", "declined", "placed"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const employer = await requireUser(request, "employer");
  const { introduction, profile, answers, placementEnded } = await introductionForEmployer(employer, params.id ?? "");
  const [placement, language] = await Promise.all([placementTitle(introduction.placementId), pageLanguage(request, employer)]);
  return {
    id: String(introduction._id),
    status: introduction.status,
    placement,
    profile,
    meeting: introduction.meetingAt ? { ...meetingInWords(introduction.meetingAt, language), place: introduction.meetingPlace ?? "" } : null,
    declineReason: introduction.declineReason ?? "",
    // Only the answers the introduction's state and its placement allow are offered: no form that would be refused.
    answers,
    placementEnded,
    earliestMeeting: programmeNow().toISOString().slice(0, 16),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const employer = await requireUser(request, "employer");
  await requireEmployerIntroduction(employer, params.id ?? "");
  const form = parseForm(await readFormData(request), employerAnswerSchema);
  // No answer (only a hand-made request sends none): the form as a whole, not a field the page lacks.
  if (!form.ok) return formFailure({ fieldErrors: form.fieldErrors.answer ? { form: "errors.invalid" } : form.fieldErrors, values: form.values });
  const result = await respondToIntroduction(employer, params.id ?? "", form.data);
  return result.ok ? redirect(`/employer/introductions/${params.id}?notice=introductionAnswered`) : formFailure(result);
}

export default function EmployerIntroduction() {
  const { t } = useTranslation();
  const { id, status, placement, profile, meeting, declineReason, answers, placementEnded, earliestMeeting } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors;
  const values = result?.values;
  const labels = { at: t("introductions.meetingAt"), place: t("introductions.meetingPlace"), reason: t("introductions.declineReason") };
  // The page's own address, without a notice: a refused answer must not sit under "answer sent".
  const here = `/employer/introductions/${id}`;
  return (
    <>
      <p>
        <Link to="/employer/introductions">{t("introductions.title")}</Link>
      </p>
      <h1>{t("introductions.detailTitle", { placement })}</h1>
      <section className="panel introduction-state" aria-labelledby="state-title">
        <h2 id="state-title">{t("introductions.stateTitle")}</h2>
        <p>
          {t("introductions.status")}: <span className="status">{t(`introductionStatus.${status}`)}</span>
        </p>
        {meeting && status !== "withdrawn" ? <p className="meeting">{t("introductions.meetingWhen", meeting)}</p> : null}
        {status === "declined" && declineReason ? (
          <p>
            {t("introductions.yourReason")}: <q>{declineReason}</q>
          </p>
        ) : null}
        {placementEnded ? (
          <p className="placement-ended">{t(`introductions.placementEndedNote.${placementEnded}`)}</p>
        ) : explained.includes(status) ? (
          <p>{t(`introductions.employerNext.${status}`)}</p>
        ) : null}
      </section>
      {profile.withdrawn ? (
        <p className="alert">{t("introductions.withdrawn")}</p>
      ) : (
        <dl className="plan panel">
          {profile.firstName ? (<><dt>{t("consent.labels.firstName")}</dt><dd>{profile.firstName}</dd></>) : null}
          {profile.fullName ? (<><dt>{t("consent.labels.fullName")}</dt><dd>{profile.fullName}</dd></>) : null}
          {profile.ownContact ? (<><dt>{t("consent.labels.ownContact")}</dt><dd>{profile.ownContact}</dd></>) : null}
          {profile.skillsSummary ? (<><dt>{t("consent.labels.skillsSummary")}</dt><dd>{profile.skillsSummary}</dd></>) : null}
          {profile.availability ? (<><dt>{t("consent.labels.availability")}</dt><dd>{boundsText(profile.availability.hoursMin, profile.availability.hoursMax)}</dd></>) : null}
          {profile.supportNeeded?.length ? (<><dt>{t("consent.labels.supportNeeded")}</dt><dd>{profile.supportNeeded.map((s) => t(`vocab.support.${s}`)).join(", ")}</dd></>) : null}
          {profile.note ? (<><dt>{t("consent.labels.note")}</dt><dd>{profile.note}</dd></>) : null}
        </dl>
      )}
      <p>{t("introductions.mentorContact", { name: profile.mentor.name, email: profile.mentor.email })}</p>
      {answers.length ? (
        <section aria-labelledby="answer-title" className="answer-options">
          <h2 id="answer-title">{t("introductions.yourAnswer")}</h2>
          <FormAlert error={errors?.form} />
          <FormErrorSummary fieldErrors={errors} labels={labels} />
          {answers.includes("accepted") ? (
            <Form method="post" action={here} className="answer-option" noValidate>
              <h3>{t("introductions.acceptTitle")}</h3>
              <p className="hint">{t("introductions.acceptHint")}</p>
              <button type="submit" name="answer" value="accepted">
                {t("introductions.accept")}
              </button>
            </Form>
          ) : null}
          {answers.includes("meeting_proposed") ? (
            <Form method="post" action={here} className="answer-option" noValidate>
              <h3>{t("introductions.meetingTitle")}</h3>
              <TextField name="at" type="datetime-local" label={labels.at} hint={t("introductions.meetingAtHint")} error={errors?.at} defaultValue={values?.at} min={earliestMeeting} />
              <TextField name="place" label={labels.place} error={errors?.place} defaultValue={values?.place} maxLength={160} />
              <button type="submit" name="answer" value="meeting_proposed" className="secondary">
                {t("introductions.proposeMeeting")}
              </button>
            </Form>
          ) : null}
          {answers.includes("declined") ? (
            <Form method="post" action={here} className="answer-option" noValidate>
              <h3>{t("introductions.declineTitle")}</h3>
              <TextArea name="reason" label={labels.reason} hint={t("introductions.declineReasonHint")} error={errors?.reason} defaultValue={values?.reason} maxLength={500} />
              <button type="submit" name="answer" value="declined" className="danger">
                {t("introductions.decline")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
