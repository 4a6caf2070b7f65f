import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { programmeToday } from "~/i18n/dates.ts";
import { townNames } from "~/placements/gazetteer.server.ts";
import { submittedValues, valuesOf } from "~/placements/form-values.ts";
import { PlacementForm } from "~/placements/placement-form.tsx";
import { getOwnPlacement, placementFormProblems, updatePlacement } from "~/placements/placements.server.ts";
import { placementFormSchema, placementListFields } from "~/placements/schema.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = {
  title: "employerPlacements.editTitle",
  i18n: ["countries", "vocabularyPicker", "employerPlacements", "fields", "vocab.flexibility", "vocab.kind", "vocab.physical", "vocab.readiness", "vocab.sector", "vocab.support", "vocab.workLanguage", "vocab.status", "vocab.supportPlain"],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "employer");
  const placement = await getOwnPlacement(user, params.id ?? "");
  return { values: valuesOf(placement), towns: townNames(placement.country, 300), today: programmeToday() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, "employer");
  const placement = await getOwnPlacement(user, params.id ?? "");
  const formData = await readFormData(request);
  const form = parseForm(formData, placementFormSchema, placementListFields);
  if (!form.ok) return formFailure({ fieldErrors: { ...placementFormProblems(formData, placement.startDate), ...form.fieldErrors }, values: submittedValues(formData) as Record<string, string> });
  const result = await updatePlacement(user, params.id ?? "", form.data);
  if (!result.ok) return formFailure({ fieldErrors: result.fieldErrors, values: submittedValues(formData) as Record<string, string> });
  return redirect(`/employer/placements/${params.id}?notice=placementSaved`);
}

export default function EditPlacement() {
  const { t } = useTranslation();
  const { values, towns, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("employerPlacements.editTitle")}</h1>
      <PlacementForm mode="edit" towns={towns} canPublish={false} today={today} errors={result?.fieldErrors} values={result?.values ?? values} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
