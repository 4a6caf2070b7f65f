import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/accounts/session.server.ts";
import { ConsentForm } from "~/consent/consent-form.tsx";
import { giveConsent, introductionForMentor, markPlaced, withdrawConsent } from "~/consent/consent.server.ts";
import { consentFormSchema } from "~/consent/schema.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { FormAlert } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { formatDate } from "~/ui/placement-bits.tsx";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";

export const handle = {
  title: "introductions.title",
  i18n: ["consent", "introductionStatus", "introductions", "placements", "vocab.status", "vocab.support", "vocab.supportPlain"],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  const { introduction, organisation, placement, mentee, consent } = await introductionForMentor(mentor, params.id ?? "");
  return {
    id: String(introduction._id),
    menteeId: String(mentee!._id),
    name: mentee!.firstName,
    status: introduction.status,
    organisation: organisation?.name ?? "",
    placement: placement?.title ?? "",
    mentorName: mentor.name,
    fields: (consent?.fields ?? []) as string[],
    meetingAt: introduction.meetingAt?.toISOString() ?? null,
    meetingPlace: introduction.meetingPlace ?? null,
    declineReason: introduction.declineReason ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const id = params.id ?? "";
  if (intent === "withdraw") {
    const result = await withdrawConsent(mentor, id);
    return result.ok ? redirect(`/mentor/introductions/${id}?notice=consentWithdrawn`) : formFailure(result);
  }
  if (intent === "placed") {
    const result = await markPlaced(mentor, id);
    return result.ok ? redirect(`/mentor/introductions/${id}`) : formFailure(result);
  }
  const form = parseForm(formData, consentFormSchema, ["fields"]);
  if (!form.ok) return formFailure({ fieldErrors: { ...form.fieldErrors, form: "errors.formHasErrors" } });
  const result = await giveConsent(mentor, id, { fields: form.data.fields, note: form.data.note, method: "with_mentor" });
  return result.ok ? redirect(`/mentor/introductions/${id}?notice=introduced`) : formFailure(result);
}

export default function MentorIntroduction() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/mentor/mentees/${data.menteeId}`}>{data.name}</Link>
      </p>
      <h1>{t("introductions.consentTitle", { organisation: data.organisation })}</h1>
      <p>
        {t("introductions.status")}: <span className="status">{t(`introductionStatus.${data.status}`)}</span>
      </p>
      {data.status === "proposed" ? (
        <>
          <p>{t("introductions.consentIntro", { name: data.name })}</p>
          <ConsentForm organisation={data.organisation} placement={data.placement} mentor={data.mentorName} submitLabel={t("introductions.confirm", { name: data.name })} errors={result?.fieldErrors} />
        </>
      ) : (
        <>
          <FormAlert error={result?.fieldErrors?.form} />
          {data.fields.length ? (
            <ul>
              {data.fields.map((f) => (
                <li key={f}>{t(`consent.fields.${f}`)}</li>
              ))}
            </ul>
          ) : null}
          {data.meetingAt ? <p>{t("introductions.meeting", { date: `${formatDate(data.meetingAt, language)} ${data.meetingAt.slice(11, 16)}`, place: data.meetingPlace })}</p> : null}
          {data.declineReason ? <p>„{data.declineReason}“</p> : null}
          <div className="actions">
            {["accepted", "meeting_proposed"].includes(data.status) ? (
              <Form method="post">
                <button type="submit" name="intent" value="placed">
                  {t("introductions.placed")}
                </button>
              </Form>
            ) : null}
            {!["withdrawn", "declined"].includes(data.status) ? (
              <Form method="post">
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
