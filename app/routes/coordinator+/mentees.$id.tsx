import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/accounts/session.server.ts";
import { getMenteePlan, handOverMentee, listApprovedMentors } from "~/mentees/mentees.server.ts";
import { PlanView } from "~/mentees/plan-view.tsx";
import { eraseMentee } from "~/mentees/privacy.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { FormAlert, SelectField } from "~/ui/field.tsx";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = {
  title: "mentees.plan",
  i18n: ["fields", "mentees", "placements", "privacy", "vocab.readiness", "vocab.status", "vocab.support", "vocab.supportPlain", "vocab.workLanguage"],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const plan = await getMenteePlan(coordinator, params.id ?? "");
  const mentors = await listApprovedMentors();
  return { plan, mentors: mentors.map((m) => ({ id: String(m._id), name: m.name })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const form = await readFormData(request);
  if (form.get("intent") === "erase") {
    if (form.get("confirm") !== "yes") return formFailure({ fieldErrors: { confirm: "errors.required" } });
    if (!(await eraseMentee(coordinator, params.id ?? ""))) return formFailure({ fieldErrors: { form: "errors.invalid" } });
    return redirect("/coordinator/mentees?notice=erased");
  }
  const mentorId = form.get("mentorId");
  if (typeof mentorId !== "string" || !(await handOverMentee(coordinator, params.id ?? "", mentorId)))
    return formFailure({ fieldErrors: { mentorId: "errors.choice" } });
  return redirect(`/coordinator/mentees/${params.id}?notice=handedOver`);
}

export default function CoordinatorMentee() {
  const { t } = useTranslation();
  const { plan, mentors } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const lead = mentors.find((m) => m.id === plan.mentorId);
  return (
    <>
      <p>
        <Link to="/coordinator/mentees">{t("mentees.allMentees")}</Link>
      </p>
      <h1>{plan.fullName || plan.firstName}</h1>
      <p>{t("mentees.leadMentor", { name: lead?.name ?? "" })}</p>
      <PlanView plan={plan} />
      <Form method="post" className="stack">
        <FormAlert error={result?.fieldErrors?.form} />
        <SelectField name="mentorId" label={t("fields.newMentor")} error={result?.fieldErrors?.mentorId} defaultValue={plan.mentorId} options={mentors.map((m) => ({ value: m.id, label: m.name }))} />
        <button type="submit">{t("mentees.handover")}</button>
      </Form>
      <Form method="post" className="stack panel">
        <p id="erase-hint">{t("privacy.eraseHint")}</p>
        {result?.fieldErrors?.confirm ? <p className="field-error">{t(result.fieldErrors.confirm)}</p> : null}
        <div className="choice">
          <input type="checkbox" id="confirm" name="confirm" value="yes" aria-describedby="erase-hint" />
          <label htmlFor="confirm">{t("privacy.eraseConfirm")}</label>
        </div>
        <button type="submit" name="intent" value="erase" className="danger">
          {t("privacy.erase")}
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
