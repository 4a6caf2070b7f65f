import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { isLanguage } from "~/i18n/languages.ts";
import { formatDateAndTime, formatDay } from "~/i18n/dates.ts";
import { figureLabel, sectionLabel, shownValueText } from "~/outcomes/figure-labels.ts";
import { scopeText } from "~/outcomes/scope-text.ts";
import { frozenReport } from "~/outcomes/reports.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";

export const handle = { title: "outcomeReports.report.title", i18n: ["outcomeReports", "countries", "vocab.readiness", "checkins.endings", "checkins.earlyReasons"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  return frozenReport(coordinator, params.id ?? "");
}

export default function OutcomeReport() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const report = useLoaderData<typeof loader>();
  const at = formatDateAndTime(report.submittedAt, language);
  const value = (v: Parameters<typeof shownValueText>[1]) => shownValueText(t, v, language);
  const heading = t("outcomeReports.periodAndScope", { from: formatDay(report.from, language), to: formatDay(report.to, language), scope: scopeText(t, report.scope, report.scopeLabel) });
  return (
    <>
      <p>
        <Link to="/coordinator/reports">{t("outcomeReports.backToList")}</Link>
      </p>
      <h1>
        {t("outcomeReports.report.title")}: {heading}
      </h1>
      <p>
        <strong>{t("outcomeReports.versionN", { version: report.version })}</strong> — {t("outcomeReports.submittedByOn", { name: report.submittedBy, date: at.date, time: at.time })}
      </p>
      {report.note ? (
        <p>
          {t("outcomeReports.report.note")}: {report.note}
        </p>
      ) : null}
      <p>{t("outcomeReports.report.frozen")}</p>
      <p>{t("outcomeReports.report.smallNumbers")}</p>
      <ul className="inline-list">
        <li>
          <a href={`/coordinator/reports/${report.id}/download?format=csv`} download>
            {t("outcomeReports.report.downloadCsv")}
          </a>
        </li>
        <li>
          <a href={`/coordinator/reports/${report.id}/download?format=json`} download>
            {t("outcomeReports.report.downloadJson")}
          </a>
        </li>
      </ul>
      {report.versions.length > 1 ? (
        <nav aria-label={t("outcomeReports.report.versions")}>
          <h2>{t("outcomeReports.report.versions")}</h2>
          <ul>
            {report.versions.map((v) => (
              <li key={v.id}>
                {v.id === report.id ? (
                  <span aria-current="page">{t("outcomeReports.versionN", { version: v.version })}</span>
                ) : (
                  <Link to={`/coordinator/reports/${v.id}`}>{t("outcomeReports.versionN", { version: v.version })}</Link>
                )}{" "}
                ({formatDateAndTime(v.submittedAt, language).date})
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      {report.changes ? (
        <section aria-labelledby="changes">
          <h2 id="changes">{t("outcomeReports.changes.title", { version: report.changes.since })}</h2>
          {report.changes.figures.length === 0 ? (
            <p>{t("outcomeReports.changes.noFigures")}</p>
          ) : (
            <table id="changed-figures">
              <caption>{t("outcomeReports.changes.figures")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("outcomeReports.table.figure")}</th>
                  <th scope="col">{t("outcomeReports.changes.before", { version: report.changes.since })}</th>
                  <th scope="col">{t("outcomeReports.changes.after", { version: report.version })}</th>
                </tr>
              </thead>
              <tbody>
                {report.changes.figures.map((c) => (
                  <tr key={c.id} data-figure={c.id}>
                    <th scope="row">
                      {sectionLabel(t, c.section)}: {figureLabel(t, c.id)}
                    </th>
                    <td>{value(c.before)}</td>
                    <td>{value(c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.changes.definitions.length === 0 ? (
            <p>{t("outcomeReports.changes.noDefinitions")}</p>
          ) : (
            <table>
              <caption>{t("outcomeReports.changes.definitions")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("outcomeReports.table.definition")}</th>
                  <th scope="col">{t("outcomeReports.changes.before", { version: report.changes.since })}</th>
                  <th scope="col">{t("outcomeReports.changes.after", { version: report.version })}</th>
                </tr>
              </thead>
              <tbody>
                {report.changes.definitions.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">{d.id}</th>
                    <td>{d.before ?? "—"}</td>
                    <td>{d.after ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}

      {[...new Set(report.rows.map((r) => r.section))].map((section) => {
        const rows = report.rows.filter((r) => r.section === section);
        if (rows.length === 0) return null;
        return (
          <section key={section} aria-labelledby={`section-${section}`}>
            <h2 id={`section-${section}`}>{sectionLabel(t, section)}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("outcomeReports.table.figure")}</th>
                  <th scope="col">{t("outcomeReports.table.value")}</th>
                  <th scope="col">{t("outcomeReports.table.definition")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-figure={r.id}>
                    <th scope="row">{figureLabel(t, r.id)}</th>
                    <td>{value(r.value)}</td>
                    <td>
                      <a href={`#definition-${r.definition}`}>{t("outcomeReports.definitionVersion", { id: r.definition, version: r.version })}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}

      <section aria-labelledby="definitions">
        <h2 id="definitions">{t("outcomeReports.report.definitions")}</h2>
        <dl>
          {report.definitions.map((d) => (
            <div key={d.id} id={`definition-${d.id}`}>
              <dt>{t("outcomeReports.definitionVersion", { id: d.id, version: d.version })}</dt>
              <dd>{(isLanguage(language) ? d.text[language] : "") || d.text.en}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
