import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { getMenteePlan, handOverMentee, handoverCrossing, leadMentorOf, listApprovedMentors } from "~/mentees/mentees.server.ts";
import { handoverFormSchema } from "~/mentees/schema.server.ts";
import { handoverReasonLength } from "~/mentees/vocabulary.ts";
import { PlanView } from "~/mentees/plan-view.tsx";
import { eraseMentee } from "~/privacy/mentee-data.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { CheckboxField, FormAlert, FormErrorSummary, SelectField, TextArea } from "~/ui/field.tsx";
import { echoValues, parseForm } from "~/ui/form-data.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = {
  title: "mentees.plan",
  i18n: ["fields", "mentees", "placements", "privacy", "vocab.readiness", "vocab.status", "vocab.support", "vocab.supportPlain", "vocab.workLanguage", "countries"],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const plan = await getMenteePlan(coordinator, params.id ?? "");
  const [mentors, lead] = await Promise.all([listApprovedMentors(), leadMentorOf(plan.mentorId)]);
  return { plan, lead, mentors: mentors.map((m) => ({ ...m, crossing: handoverCrossing(plan, lead ?? undefined, m) })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const form = await readFormData(request);
  if (form.get("intent") === "erase") {
    if (form.get("confirm") !== "yes") return formFailure({ fieldErrors: { confirm: "errors.confirmErase" } });
    if (!(await eraseMentee(coordinator, params.id ?? ""))) return formFailure({ fieldErrors: { form: "errors.invalid" } });
    return redirect("/coordinator/mentees?notice=erased");
  }
  const handover = parseForm(form, handoverFormSchema);
  if (!handover.ok) return formFailure(handover);
  const { mentorId, reason, confirmAcross, from } = handover.data;
  const result = await handOverMentee(coordinator, params.id ?? "", mentorId, { acrossConfirmed: confirmAcross === "yes", reason });
  // Asked from the mentors list, a confirmation asked here still goes back to that list.
  if (!result.ok) return formFailure({ ...result, values: echoValues({ mentorId, reason, from }) });
  return redirect(from === "mentors" ? "/coordinator/mentors?notice=handedOver" : `/coordinator/mentees/${params.id}?notice=handedOver`);
}

export default function CoordinatorMentee() {
  const { t } = useTranslation();
  const { plan, lead, mentors } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors;
  const chosen = mentors.find((m) => m.id === (result?.values?.mentorId ?? plan.mentorId));
  const where = (m: { organisation: string; country: string | null }) => [m.organisation, m.country ? t(`countries.${m.country}`) : ""].filter(Boolean).join(", ");
  const labels = { mentorId: t("fields.newMentor"), reason: t("mentees.handoverReason"), confirmAcross: t("mentees.handoverConfirmAcross"), confirm: t("privacy.eraseConfirm") };
  return (
    <>
      <p>
        <Link to="/coordinator/mentees">{t("mentees.allMentees")}</Link>
      </p>
      <h1>{plan.fullName || plan.firstName}</h1>
      <p>{lead ? t("mentees.leadMentorAt", { name: lead.name, where: where(lead) }) : t("mentees.leadMentor", { name: "" })}</p>
      {lead && !lead.active ? <p className="warning">{t("mentees.leadMentorInactive", { name: lead.name })}</p> : null}
      <FormAlert error={errors?.form} />
      <FormErrorSummary fieldErrors={errors} labels={labels} />
      <PlanView plan={plan} viewer="coordinator" />
      <Form method="post" noValidate className="stack">
        {result?.values?.from === "mentors" ? <input type="hidden" name="from" value="mentors" /> : null}
        <SelectField
          name="mentorId"
          label={labels.mentorId}
          hint={t("mentees.handoverHint")}
          error={errors?.mentorId}
          defaultValue={chosen?.id ?? plan.mentorId}
          options={mentors.map((m) => ({
            value: m.id,
            label: `${m.name} — ${where(m)}${m.crossing.organisation || m.crossing.country ? ` (${t(m.crossing.country ? "mentees.otherCountry" : "mentees.otherOrganisation")})` : ""}`,
          }))}
        />
        <TextArea name="reason" label={labels.reason} hint={t("mentees.handoverReasonHint")} error={errors?.reason} defaultValue={result?.values?.reason} maxLength={handoverReasonLength.max} />
        {errors?.confirmAcross && chosen ? (
          <>
            <p className="warning" id="handover-warning">
              {t(chosen.crossing.country ? "mentees.handoverWarningCountry" : "mentees.handoverWarningOrganisation", { name: chosen.name, where: where(chosen), person: plan.firstName })}
            </p>
            <CheckboxField name="confirmAcross" label={labels.confirmAcross} error={errors.confirmAcross} />
          </>
        ) : null}
        <button type="submit" name="intent" value="handover">
          {t("mentees.handover")}
        </button>
      </Form>
      <Form method="post" noValidate className="stack panel">
        <p id="erase-hint">{t("privacy.eraseHint")}</p>
        <CheckboxField name="confirm" label={labels.confirm} error={errors?.confirm} />
        <button type="submit" name="intent" value="erase" className="danger" aria-describedby="erase-hint">
          {t("privacy.erase")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
