import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/accounts/session.server.ts";
import { introductionForEmployer, requireEmployerIntroduction, respondToIntroduction } from "~/consent/consent.server.ts";
import { employerAnswerSchema } from "~/consent/schema.server.ts";
import { PlacementModel } from "~/placements/model.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { FormAlert, FormErrorSummary, TextArea, TextField } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = { title: "introductions.title", i18n: ["consent", "introductionStatus", "introductions", "vocab.support"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const employer = await requireUser(request, "employer");
  const { introduction, profile } = await introductionForEmployer(employer, params.id ?? "");
  const placement = await PlacementModel.findById(introduction.placementId).select("title").lean();
  return { id: String(introduction._id), status: introduction.status, placement: placement?.title ?? "", profile };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const employer = await requireUser(request, "employer");
  await requireEmployerIntroduction(employer, params.id ?? "");
  const form = parseForm(await readFormData(request), employerAnswerSchema);
  if (!form.ok) return formFailure({ fieldErrors: form.fieldErrors });
  const result = await respondToIntroduction(employer, params.id ?? "", form.data);
  return result.ok ? redirect(`/employer/introductions/${params.id}?notice=introductionAnswered`) : formFailure(result);
}

export default function EmployerIntroduction() {
  const { t } = useTranslation();
  const { status, placement, profile } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors;
  return (
    <>
      <p>
        <Link to="/employer/introductions">{t("introductions.title")}</Link>
      </p>
      <h1>{t("introductions.detailTitle", { placement })}</h1>
      <p>
        {t("introductions.status")}: <span className="status">{t(`introductionStatus.${status}`)}</span>
      </p>
      {profile.withdrawn ? (
        <p className="alert">{t("introductions.withdrawn")}</p>
      ) : (
        <dl className="plan panel">
          {profile.firstName ? (<><dt>{t("consent.labels.firstName")}</dt><dd>{profile.firstName}</dd></>) : null}
          {profile.fullName ? (<><dt>{t("consent.labels.fullName")}</dt><dd>{profile.fullName}</dd></>) : null}
          {profile.ownContact ? (<><dt>{t("consent.labels.ownContact")}</dt><dd>{profile.ownContact}</dd></>) : null}
          {profile.skillsSummary ? (<><dt>{t("consent.labels.skillsSummary")}</dt><dd>{profile.skillsSummary}</dd></>) : null}
          {profile.availability ? (<><dt>{t("consent.labels.availability")}</dt><dd>{profile.availability.hoursMin}–{profile.availability.hoursMax}</dd></>) : null}
          {profile.supportNeeded?.length ? (<><dt>{t("consent.labels.supportNeeded")}</dt><dd>{profile.supportNeeded.map((s) => t(`vocab.support.${s}`)).join(", ")}</dd></>) : null}
          {profile.note ? (<><dt>{t("consent.labels.note")}</dt><dd>{profile.note}</dd></>) : null}
        </dl>
      )}
      <p>{t("introductions.mentorContact", { name: profile.mentor.name, email: profile.mentor.email })}</p>
      {["introduced", "meeting_proposed"].includes(status) ? (
        <div className="decision">
          <FormAlert error={errors?.form} />
          <FormErrorSummary fieldErrors={errors} />
          <Form method="post">
            <button type="submit" name="answer" value="accepted">
              {t("introductions.accept")}
            </button>
          </Form>
          <Form method="post" className="reject-form" noValidate>
            <TextField name="at" type="text" label={t("introductions.meetingAt")} hint="2027-03-01T10:00" error={errors?.at} />
            <TextField name="place" label={t("introductions.meetingPlace")} error={errors?.place} maxLength={160} />
            <button type="submit" name="answer" value="meeting_proposed" className="secondary">
              {t("introductions.proposeMeeting")}
            </button>
          </Form>
          <Form method="post" className="reject-form" noValidate>
            <TextArea name="reason" label={t("introductions.declineReason")} error={errors?.reason} />
            <button type="submit" name="answer" value="declined" className="danger">
              {t("introductions.decline")}
            </button>
          </Form>
        </div>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
