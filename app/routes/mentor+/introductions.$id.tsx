import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { ConsentForm } from "~/consent/consent-form.tsx";
import { consentFormSchema, consentFormValues } from "~/consent/schema.server.ts";
import { giveConsent, placementIsOpen, requireIntroductionParty, withdrawConsent } from "~/introductions/introductions.server.ts";
import { meetingInWords } from "~/introductions/meeting.ts";
import { mayIntroduceAgain } from "~/introductions/states.ts";
import { introductionForMentor } from "~/introductions/mentor.server.ts";
import { addCheckinOnIntroduction, endFollowUp, followUpOnIntroductionPage, startFollowUp } from "~/checkins/checkins.server.ts";
import { addFormSchema, endFormSchema, startFormSchema } from "~/checkins/schema.server.ts";
import { StartForm, FollowUpPlan } from "~/checkins/plan-view.tsx";
import { formatDay } from "~/i18n/dates.ts";
import { pageLanguage } from "~/i18n/i18n.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { FormAlert } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = {
  title: "introductions.title",
  i18n: ["consent", "introductionStatus", "introductions", "vocab.status", "vocab.support", "vocab.supportPlain", "checkins.start", "checkins.plan", "checkins.milestones", "checkins.statuses", "checkins.partners", "checkins.fields", "checkins.end", "checkins.endings", "checkins.contracts", "checkins.earlyReasons"],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  const { introduction, organisation, placementTitle, mentee, consent } = await introductionForMentor(mentor, params.id ?? "");
  const language = await pageLanguage(request, mentor);
  const status = introduction.status;
  const [followUp, open] = await Promise.all([followUpOnIntroductionPage(mentor, introduction), placementIsOpen(introduction)]);
  return {
    id: String(introduction._id),
    menteeId: String(mentee!._id),
    name: mentee!.firstName,
    status,
    organisation: organisation?.name ?? "",
    placement: placementTitle,
    placementId: String(introduction.placementId),
    mentorName: mentor.name,
    fields: (consent?.fields ?? []) as string[],
    givenOn: consent?.givenAt ? formatDay(consent.givenAt, language) : null,
    withdrawnOn: consent?.withdrawnAt ? formatDay(consent.withdrawnAt, language) : null,
    meeting: introduction.meetingAt ? { ...meetingInWords(introduction.meetingAt, language), place: introduction.meetingPlace ?? "" } : null,
    declineReason: introduction.declineReason ?? null,
    followUp,
    open,
    mayIntroduceAgain: mayIntroduceAgain(introduction),
    // The mentee's own right, which her lead mentor may use on her behalf: while a consent is in force.
    mayWithdraw: Boolean(consent && !consent.withdrawnAt),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  const id = params.id ?? "";
  await requireIntroductionParty(mentor, id);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "withdraw") {
    const result = await withdrawConsent(mentor, id);
    return result.ok ? redirect(`/mentor/introductions/${id}?notice=consentWithdrawn`) : formFailure(result);
  }
  if (intent === "start") {
    const form = parseForm(formData, startFormSchema);
    if (!form.ok) return formFailure(form);
    const result = await startFollowUp(mentor, id, form.data);
    return result.ok ? redirect(`/mentor/introductions/${id}?notice=followUpStarted`) : formFailure({ ...result, values: echo(formData, ["startDay", "hoursPerWeek", "plannedEndDay"]) });
  }
  if (intent === "end") {
    const form = parseForm(formData, endFormSchema);
    if (!form.ok) return formFailure(form);
    const result = await endFollowUp(mentor, id, form.data);
    return result.ok ? redirect(`/mentor/introductions/${id}?notice=followUpEnded`) : formFailure({ ...result, values: echo(formData, ["ending", "endDay", "contractType", "earlyEndReason"]) });
  }
  if (intent === "add") {
    const form = parseForm(formData, addFormSchema);
    if (!form.ok) return formFailure(form);
    const result = await addCheckinOnIntroduction(mentor, id, form.data);
    return result.ok ? redirect(`/mentor/introductions/${id}?notice=checkinAdded`) : formFailure(result);
  }
  const form = parseForm(formData, consentFormSchema, ["fields"]);
  if (!form.ok) return formFailure({ fieldErrors: form.fieldErrors, values: consentFormValues(formData) });
  const result = await giveConsent(mentor, id, { fields: form.data.fields, note: form.data.note, method: "with_mentor" });
  return result.ok ? redirect(`/mentor/introductions/${id}?notice=introduced`) : formFailure({ ...result, values: consentFormValues(formData) });
}

/** What was typed, to fill the form in again after a refusal. */
function echo(formData: FormData, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(formData.get(name) ?? "").slice(0, 300)]));
}

export default function MentorIntroduction() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/mentor/mentees/${data.menteeId}`}>{data.name}</Link> · <Link to="/mentor/introductions">{t("introductions.mentorListTitle")}</Link>
      </p>
      <h1>{t("introductions.consentTitle", { organisation: data.organisation })}</h1>
      <p>
        <Link to={`/placements/${data.placementId}`}>{data.placement}</Link>
      </p>
      <p>
        {t("introductions.status")}: <span className="status">{t(`introductionStatus.${data.status}`)}</span>
      </p>
      {data.status === "proposed" && !data.open ? (
        <p className="alert" role="alert">
          {t("introductions.placementNotOpen")}
        </p>
      ) : data.status === "proposed" ? (
        <>
          <p>{t("introductions.consentIntro", { name: data.name })}</p>
          <ConsentForm
            organisation={data.organisation}
            placement={data.placement}
            mentor={data.mentorName}
            submitLabel={t("introductions.confirm", { name: data.name })}
            errors={result?.fieldErrors}
            chosen={result?.values?.fields?.split(",")}
            note={result?.values?.note}
          />
        </>
      ) : (
        <>
          <FormAlert error={result?.fieldErrors?.form} />
          {data.meeting && data.status !== "withdrawn" ? <p className="meeting">{t("introductions.meetingWhen", data.meeting)}</p> : null}
          {data.declineReason ? (
            <p>
              {t("introductions.employerReason")}: <q>{data.declineReason}</q>
            </p>
          ) : null}
          {data.withdrawnOn ? (
            <p className="withdrawn-note">{t("introductions.withdrawnOn", { date: data.withdrawnOn, organisation: data.organisation })}</p>
          ) : null}
          {data.status === "withdrawn" && data.open && data.mayIntroduceAgain ? (
            <p>
              {t("introductions.introduceAgainFromPlan")} <Link to={`/mentor/mentees/${data.menteeId}`}>{data.name}</Link>
            </p>
          ) : null}
          {data.fields.length ? (
            <>
              <p>{t(data.withdrawnOn ? "introductions.fieldsUntilWithdrawn" : "introductions.fieldsShared", { date: data.givenOn, organisation: data.organisation })}</p>
              <ul>
                {data.fields.map((f) => (
                  <li key={f}>{t(`consent.fields.${f}`)}</li>
                ))}
              </ul>
            </>
          ) : null}
          {data.followUp.mayStart ? <StartForm needsPlannedEnd={data.followUp.needsPlannedEnd} result={result} /> : null}
          {data.followUp.started ? <FollowUpPlan plan={data.followUp.started} result={result} /> : null}
          <div className="actions">
            {data.mayWithdraw ? (
              <Form method="post" noValidate>
                <button type="submit" name="intent" value="withdraw" className="danger">
                  {t("introductions.withdrawOnBehalf")}
                </button>
              </Form>
            ) : null}
          </div>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
