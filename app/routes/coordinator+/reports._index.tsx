import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { formatDateAndTime, formatDay } from "~/i18n/dates.ts";
import { scopeText } from "~/outcomes/scope-text.ts";
import { defaultPeriod, outcomeScopes } from "~/outcomes/outcomes.server.ts";
import { outcomeReportsList, submitOutcomeReport } from "~/outcomes/reports.server.ts";
import { SubmitReportForm } from "~/outcomes/submit-report-form.tsx";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { redirect } from "~/ui/redirect.server.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";

export const handle = { title: "outcomeReports.list.title", i18n: ["outcomeReports", "countries"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const [reports, scopes] = await Promise.all([outcomeReportsList(coordinator), outcomeScopes()]);
  return { reports, scopes: scopes.map((s) => ({ value: s.value, kind: s.kind, label: s.label })), period: defaultPeriod() };
}

export async function action({ request }: ActionFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const submitted = await submitOutcomeReport(coordinator, await readFormData(request));
  if (!submitted.ok) return formFailure(submitted);
  return redirect(`/coordinator/reports/${submitted.id}?notice=reportSubmitted`);
}

export default function OutcomeReports() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const { reports, scopes, period } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const scopeOptions = scopes.map((s) => ({ value: s.value, label: scopeText(t, s.value, s.label) }));
  return (
    <>
      <p>
        <Link to="/coordinator">{t("outcomeReports.backToCoordinator")}</Link>
      </p>
      <h1>{t("outcomeReports.list.title")}</h1>
      <p>{t("outcomeReports.list.intro")}</p>
      <p>
        <Link to="/coordinator/outcomes/participants">{t("outcomeReports.participants.title")}</Link>
      </p>
      {reports.length === 0 ? <p>{t("outcomeReports.list.none")}</p> : null}
      {reports.map((group) => {
        const heading = t("outcomeReports.periodAndScope", { from: formatDay(group.from, language), to: formatDay(group.to, language), scope: scopeText(t, group.scope, group.scopeLabel) });
        return (
          <section key={`${group.from}|${group.to}|${group.scope}`} aria-label={heading}>
            <h2>{heading}</h2>
            <ul>
              {group.versions.map((v) => {
                const at = formatDateAndTime(v.submittedAt, language);
                return (
                  <li key={v.id}>
                    <Link to={`/coordinator/reports/${v.id}`}>{t("outcomeReports.versionN", { version: v.version })}</Link>{" "}
                    {t("outcomeReports.submittedByOn", { name: v.submittedBy, date: at.date, time: at.time })}
                    {v.note ? <> — {v.note}</> : null}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      <SubmitReportForm
        from={result?.values?.from ?? period.from}
        to={result?.values?.to ?? period.to}
        scope={result?.values?.scope ?? "all"}
        note={result?.values?.note}
        scopes={scopeOptions}
        fieldErrors={result?.fieldErrors}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
