import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { submittedMenteeValues } from "~/mentees/form-values.ts";
import { MenteeForm } from "~/mentees/mentee-form.tsx";
import { createMentee } from "~/mentees/mentees.server.ts";
import { menteeFormSchema, menteeListFields } from "~/mentees/schema.server.ts";
import { townNames } from "~/placements/gazetteer.server.ts";
import { parseForm } from "~/ui/form-data.ts";
import { readFormData } from "~/ui/request.server.ts";
import { forbidden, formFailure } from "~/ui/responses.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = {
  title: "mentees.newTitle",
  i18n: ["countries", "vocabularyPicker", "fields", "mentees", "vocab.readiness", "vocab.support", "vocab.workLanguage", "vocab.status", "vocab.supportPlain"],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  if (mentor.approval !== "approved") forbidden();
  return { towns: townNames(undefined, 300) };
}

export async function action({ request }: ActionFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  const formData = await readFormData(request);
  const form = parseForm(formData, menteeFormSchema, menteeListFields);
  if (!form.ok) return formFailure({ fieldErrors: form.fieldErrors, values: submittedMenteeValues(formData) as Record<string, string> });
  const result = await createMentee(mentor, form.data);
  if (!result.ok) return formFailure({ fieldErrors: result.fieldErrors, values: submittedMenteeValues(formData) as Record<string, string> });
  return redirect(`/mentor/mentees/${result.id}?notice=menteeSaved`);
}

export default function NewMentee() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const { towns } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("mentees.newTitle")}</h1>
      <MenteeForm towns={towns} errors={result?.fieldErrors} values={result?.values ?? { language, travelKm: "20", hoursMin: "5", hoursMax: "20" }} submitLabel={t("mentees.create")} />
    </>
  );
}
