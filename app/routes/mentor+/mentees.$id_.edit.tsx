import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { planValues, submittedMenteeValues } from "~/mentees/form-values.ts";
import { MenteeForm } from "~/mentees/mentee-form.tsx";
import { getMenteePlan, requireLeadMentor, updateMenteePlan } from "~/mentees/mentees.server.ts";
import { menteeFormSchema, menteeListFields } from "~/mentees/schema.server.ts";
import { townNames } from "~/placements/gazetteer.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = {
  title: "mentees.editTitle",
  i18n: ["countries", "vocabularyPicker", "fields", "mentees", "vocab.readiness", "vocab.support", "vocab.workLanguage", "vocab.status", "vocab.supportPlain"],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  const plan = await getMenteePlan(mentor, params.id ?? "");
  return { values: planValues(plan), towns: townNames(plan.country, 300) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  await requireLeadMentor(mentor, params.id ?? "");
  const formData = await readFormData(request);
  const form = parseForm(formData, menteeFormSchema, menteeListFields);
  if (!form.ok) return formFailure({ fieldErrors: form.fieldErrors, values: submittedMenteeValues(formData) as Record<string, string> });
  const result = await updateMenteePlan(mentor, params.id ?? "", form.data);
  if (!result.ok) return formFailure({ fieldErrors: result.fieldErrors, values: submittedMenteeValues(formData) as Record<string, string> });
  return redirect(`/mentor/mentees/${params.id}?notice=menteeSaved`);
}

export default function EditMentee() {
  const { t } = useTranslation();
  const { values, towns } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("mentees.editTitle")}</h1>
      <MenteeForm towns={towns} errors={result?.fieldErrors} values={result?.values ?? values} submitLabel={t("mentees.save")} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
