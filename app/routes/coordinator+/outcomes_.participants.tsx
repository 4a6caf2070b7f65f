import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { scopeText } from "~/outcomes/scope-text.ts";
import { outcomeScopes, readOutcomesQuery } from "~/outcomes/outcomes.server.ts";
import { prepareParticipantExport } from "~/outcomes/participants.server.ts";
import { participantPurposes } from "~/outcomes/reports-schema.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { CheckboxField, FormAlert, FormErrorSummary, SelectField, TextField } from "~/ui/field.tsx";
import { redirect } from "~/ui/redirect.server.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = { title: "outcomeReports.participants.title", i18n: ["outcomeReports", "countries"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "coordinator");
  const scopes = await outcomeScopes();
  // Opened from the outcomes page: its period and programme (the default period when they are not valid).
  const { query } = readOutcomesQuery(new URL(request.url).searchParams);
  return { scopes: scopes.map((s) => ({ value: s.value, label: s.label })), period: query, purposes: [...participantPurposes] };
}

export async function action({ request }: ActionFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const prepared = await prepareParticipantExport(coordinator, await readFormData(request));
  if (!prepared.ok) return formFailure(prepared);
  // The file comes from a signed address (the page's own answer cannot be a download): the browser follows it and stays on this page.
  return redirect(prepared.downloadPath, 303);
}

export default function ParticipantExport() {
  const { t } = useTranslation();
  const { scopes, period, purposes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors;
  const values = result?.values ?? {};
  const labels = {
    from: t("outcomeReports.submit.from"),
    to: t("outcomeReports.submit.to"),
    scope: t("outcomeReports.submit.scope"),
    purpose: t("outcomeReports.participants.purpose"),
    includeNames: t("outcomeReports.participants.includeNames"),
  };
  return (
    <>
      <p>
        <Link to="/coordinator/reports">{t("outcomeReports.backToList")}</Link>
      </p>
      <h1>{t("outcomeReports.participants.title")}</h1>
      <p>{t("outcomeReports.participants.intro")}</p>
      <h2>{t("outcomeReports.participants.columnsTitle")}</h2>
      <ul>
        {(["participant", "country", "organisation", "joined", "readiness", "start", "ending", "inWork"] as const).map((column) => (
          <li key={column}>{t(`outcomeReports.participants.columns.${column}`)}</li>
        ))}
      </ul>
      <p>{t("outcomeReports.participants.notIncluded")}</p>
      <p>{t("outcomeReports.participants.smallNumbers")}</p>
      <FormErrorSummary fieldErrors={errors} labels={labels} />
      <FormAlert error={errors?.form} />
      <Form method="post" reloadDocument noValidate className="stack">
        <div className="field-row">
          <TextField name="from" type="date" label={labels.from} defaultValue={values.from ?? period.from} error={errors?.from} />
          <TextField name="to" type="date" label={labels.to} defaultValue={values.to ?? period.to} error={errors?.to} />
          <SelectField name="scope" label={labels.scope} options={scopes.map((s) => ({ value: s.value, label: scopeText(t, s.value, s.label) }))} defaultValue={values.scope ?? (scopes.some((s) => s.value === period.scope) ? period.scope : "all")} error={errors?.scope} />
        </div>
        <SelectField
          name="purpose"
          label={labels.purpose}
          hint={t("outcomeReports.participants.purposeHint")}
          options={purposes.map((p) => ({ value: p, label: t(`outcomeReports.participants.purposes.${p}`) }))}
          defaultValue={values.purpose ?? "funder_statistics"}
          error={errors?.purpose}
        />
        <CheckboxField name="includeNames" label={labels.includeNames} hint={t("outcomeReports.participants.includeNamesHint")} defaultChecked={values.includeNames === "yes"} error={errors?.includeNames} />
        <button type="submit">{t("outcomeReports.participants.download")}</button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
