import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { programmeToday } from "~/i18n/dates.ts";
import { townNames } from "~/placements/gazetteer.server.ts";
import { submittedValues } from "~/placements/form-values.ts";
import { PlacementForm } from "~/placements/placement-form.tsx";
import { createPlacement, placementFormProblems } from "~/placements/placements.server.ts";
import { placementFormSchema, placementListFields } from "~/placements/schema.server.ts";
import { getOrganisationSummary } from "~/organisations/verification.server.ts";
import { parseForm } from "~/ui/form-data.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = {
  title: "employerPlacements.newTitle",
  i18n: ["countries", "vocabularyPicker", "employerPlacements", "fields", "vocab.flexibility", "vocab.kind", "vocab.physical", "vocab.readiness", "vocab.sector", "vocab.support", "vocab.workLanguage", "vocab.status", "vocab.supportPlain"],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "employer");
  const organisation = await getOrganisationSummary(user.organisationId);
  return { towns: townNames(organisation?.country ?? undefined, 300), canPublish: organisation?.status === "verified", country: organisation?.country ?? "", today: programmeToday() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "employer");
  const formData = await readFormData(request);
  const form = parseForm(formData, placementFormSchema, placementListFields);
  if (!form.ok) return formFailure({ fieldErrors: { ...placementFormProblems(formData), ...form.fieldErrors }, values: submittedValues(formData) as Record<string, string> });
  const result = await createPlacement(user, form.data, { publish: formData.get("intent") === "publish" });
  if (!result.ok) return formFailure({ fieldErrors: result.fieldErrors, values: submittedValues(formData) as Record<string, string> });
  return redirect(`/employer/placements/${result.id}?notice=${result.published ? "placementPublished" : "placementSaved"}`);
}

export default function NewPlacement() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const { towns, canPublish, country, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("employerPlacements.newTitle")}</h1>
      <PlacementForm
        mode="create"
        towns={towns}
        canPublish={canPublish}
        today={today}
        errors={result?.fieldErrors}
        values={result?.values ?? { language, country }}
      />
    </>
  );
}
