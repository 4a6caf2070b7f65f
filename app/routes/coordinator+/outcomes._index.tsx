import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { formatDay } from "~/i18n/dates.ts";
import { outcomeScopes, programmeOutcomes, readOutcomesQuery } from "~/outcomes/outcomes.server.ts";
import { CheckinsSection, EndingsSection, FunnelSection, IntroductionsSection, ReadinessSection, RetentionSection } from "~/outcomes/sections.tsx";
import { SubmitReportForm } from "~/outcomes/submit-report-form.tsx";
import { DefinitionText, DefinitionsContext, peopleLink } from "~/outcomes/view.tsx";
import { definitionsIn } from "~/outcomes/definitions.ts";
import { pageLanguage } from "~/i18n/i18n.server.ts";
import { FormErrorSummary, SelectField, TextField } from "~/ui/field.tsx";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "outcomes.title", i18n: ["outcomes", "outcomeReports", "countries", "vocab.readiness", "checkins.endings", "checkins.earlyReasons"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const read = readOutcomesQuery(new URL(request.url).searchParams);
  const scopes = await outcomeScopes();
  // A programme that is not one of the choices (an old bookmark, a typed address) is an error on the form, not "the whole programme".
  const unknownScope = !scopes.some((s) => s.value === read.query.scope);
  const query = unknownScope ? { ...read.query, scope: "all" } : read.query;
  const fieldErrors = unknownScope ? { ...read.fieldErrors, scope: "errors.choice" } : read.fieldErrors;
  const values = read.values;
  const [figures, language] = await Promise.all([programmeOutcomes(coordinator, query), pageLanguage(request, coordinator)]);
  const failed = Object.keys(fieldErrors).length > 0;
  return data({ query, figures, scopes, fieldErrors, values, definitions: definitionsIn(language) }, { status: failed ? 400 : 200 });
}

export default function ProgrammeOutcomes() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const { query, figures, scopes, fieldErrors, values, definitions } = useLoaderData<typeof loader>();
  const scopeLabel = (scope: (typeof scopes)[number]) =>
    scope.kind === "all" ? t("outcomes.scopeAll") : scope.kind === "country" ? t("outcomes.scopeCountry", { country: t(`countries.${scope.label}`) }) : scope.label;
  const shownScope = scopes.find((s) => s.value === query.scope);
  const labels = { from: t("outcomes.from"), to: t("outcomes.to"), scope: t("outcomes.scope") };
  const linkTo = (path: string) => peopleLink("/coordinator/outcomes/people", query, path);
  const sections = { figures, linkTo, idPrefix: "" };
  return (
    <DefinitionsContext.Provider value={definitions}>
      <h1>{t("outcomes.title")}</h1>
      <p>{t("outcomes.intro")}</p>
      <FormErrorSummary fieldErrors={fieldErrors} labels={labels} />
      <Form method="get" noValidate className="outcomes-filter panel" key={JSON.stringify(values)}>
        <div className="filter-fields">
          <TextField name="from" type="date" label={labels.from} error={fieldErrors.from} defaultValue={values.from ?? query.from} required={false} />
          <TextField name="to" type="date" label={labels.to} error={fieldErrors.to} defaultValue={values.to ?? query.to} required={false} />
          <SelectField name="scope" label={labels.scope} error={fieldErrors.scope} defaultValue={shownScope ? query.scope : "all"} options={scopes.map((s) => ({ value: s.value, label: scopeLabel(s) }))} />
        </div>
        <button type="submit">{t("outcomes.show")}</button>
      </Form>
      <h2 id="shown-for" className="shown-for">
        {t("outcomes.shownFor", { from: formatDay(query.from, language), to: formatDay(query.to, language), programme: shownScope ? scopeLabel(shownScope) : t("outcomes.scopeAll") })}
      </h2>
      <div className="panel small-print">
        <DefinitionText id="small_numbers" />
        <p>{t("outcomes.namedListsNote")}</p>
      </div>
      <FunnelSection {...sections} />
      <RetentionSection {...sections} />
      <ReadinessSection {...sections} />
      <EndingsSection {...sections} />
      <IntroductionsSection {...sections} />
      <CheckinsSection {...sections} />
      <section aria-labelledby="downloads" className="panel no-print">
        <h2 id="downloads">{t("outcomes.downloadsTitle")}</h2>
        <ul>
          <li>
            <a href={`/coordinator/outcomes/export?${new URLSearchParams({ ...query, format: "csv" })}`} download>
              {t("outcomes.downloadCsv")}
            </a>
          </li>
          <li>
            <a href={`/coordinator/outcomes/export?${new URLSearchParams({ ...query, format: "json" })}`} download>
              {t("outcomes.downloadJson")}
            </a>
          </li>
          <li>
            <Link to={`/coordinator/outcomes/participants?${new URLSearchParams(query)}`}>{t("outcomes.participantFile")}</Link>
          </li>
          <li>
            <Link to="/coordinator/reports">{t("outcomes.reportsList")}</Link>
          </li>
        </ul>
      </section>
      {fieldErrors && Object.keys(fieldErrors).length ? null : <SubmitReportForm from={query.from} to={query.to} scope={query.scope} />}
    </DefinitionsContext.Provider>
  );
}
