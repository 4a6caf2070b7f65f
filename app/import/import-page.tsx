import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { useMessage } from "~/ui/field.tsx";
import { fieldNames, valueLabels, type ImportKind } from "./format.ts";
import type { PageReport } from "./import-route.server.ts";

interface LoaderData {
  base: string;
  kinds: ImportKind[];
  maxMb: number;
  closed: string | null;
  tooLarge: boolean;
}
type ActionData = {
  report: PageReport | null;
  formError: { message: string; params: Record<string, number> } | null;
  chosen: { kind: string; allOrNothing: boolean };
  upload: { id: string; fileName: string } | null;
};

function Problems({ problems, more, kind }: { problems: PageReport["fileProblems"]; more: number; kind?: ImportKind }) {
  const { t, i18n } = useTranslation();
  const message = useMessage();
  // The file holds the values as they are ("work_trial"); the reader also gets their words for them.
  const named = (field: string, params: Record<string, string | number>) => {
    const prefix = kind ? valueLabels[kind]?.[field] : undefined;
    if (!prefix || typeof params.allowed !== "string") return params;
    const allowed = params.allowed
      .split(", ")
      .map((value) => (i18n.exists(`${prefix}.${value}`) ? `${value} (${t(`${prefix}.${value}`)})` : value))
      .join(", ");
    return { ...params, allowed };
  };
  return (
    <ul className="problems">
      {problems.map((p, i) => {
        const params = Object.fromEntries(Object.entries(named(p.field, p.params ?? {})).map(([name, value]) => [name, String(value)]));
        return (
          <li key={i}>
            {p.field !== "row" && p.field !== "file" ? <code>{p.field}</code> : null} {message(p.message, params)}
          </li>
        );
      })}
      {more ? <li>{t("import.report.more", { count: more })}</li> : null}
    </ul>
  );
}

type ReportRow = PageReport["rejected"][number];

/** Rows of the report: which kind, which row of the file, which key, and what about it; a long list is shortened on the server. */
function RowTable({ title, lastColumn, rows, total, detail }: { title: string; lastColumn: string; rows: ReportRow[]; total: number; detail: (row: ReportRow) => ReactNode }) {
  const { t } = useTranslation();
  if (!rows.length) return null;
  return (
    <>
      <h3>{title}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("import.report.kind")}</th>
            <th scope="col">{t("import.report.row")}</th>
            <th scope="col">{t("import.report.key")}</th>
            <th scope="col">{lastColumn}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.kind}-${r.row}`}>
              <td>{t(`import.kinds.${r.kind}`)}</td>
              <td>{r.row}</td>
              <td>{r.key}</td>
              <td>{detail(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > rows.length ? <p className="notice">{t("import.report.shortened", { shown: rows.length, total })}</p> : null}
    </>
  );
}

function ReportView({ report, upload, base, allOrNothing }: { report: PageReport; upload: ActionData["upload"]; base: string; allOrNothing: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), [report]);
  const outcome = report.fileProblems.length
    ? "import.report.fileRefused"
    : report.dryRun
      ? "import.report.dryRun"
      : report.written
        ? report.counts.reject
          ? "import.report.written"
          : "import.report.writtenAll"
        : "import.report.blocked";
  // A check and a finished import are news, not errors; refused rows are listed below either way.
  const tone = report.fileProblems.length || (!report.dryRun && !report.written) ? "alert" : !report.dryRun && report.counts.reject ? "warning" : "notice";
  return (
    <section aria-labelledby="report-title" className="import-report" id="report" tabIndex={-1} ref={ref}>
      <h2 id="report-title">{t("import.report.title")}</h2>
      <p className={tone} role="status">
        {t(outcome)}
      </p>
      {upload ? (
        <Form method="post" noValidate encType="multipart/form-data" reloadDocument action={`${base}/import#report`} className="stack">
          <input type="hidden" name="uploadId" value={upload.id} />
          <input type="hidden" name="intent" value="import" />
          <div className="field">
            <div className="choice">
              <input id="allOrNothingChecked" name="allOrNothing" type="checkbox" defaultChecked={allOrNothing} />
              <label htmlFor="allOrNothingChecked">{t("import.allOrNothing")}</label>
            </div>
          </div>
          <button type="submit">{t("import.runChecked", { file: upload.fileName })}</button>
        </Form>
      ) : null}
      {report.fileProblems.length ? <Problems problems={report.fileProblems} more={report.moreFileProblems} /> : null}
      {report.fileProblems.length ? null : (
        <dl className="counts">
          {(["create", "update", "unchanged", "reject"] as const).map((action) => (
            <div key={action}>
              <dt>{t(`import.actions.${action}`)}</dt>
              <dd>{report.counts[action]}</dd>
            </div>
          ))}
        </dl>
      )}
      <RowTable
        title={t("import.report.rejectedTitle")}
        lastColumn={t("import.report.reasons")}
        rows={report.rejected}
        total={report.rejectedTotal}
        detail={(r) => <Problems problems={r.problems} more={r.moreProblems} kind={r.kind} />}
      />
      <RowTable
        title={t(report.written ? "import.report.changedTitle" : "import.report.wouldChangeTitle")}
        lastColumn={t("import.report.action")}
        rows={report.changes}
        total={report.changesTotal}
        detail={(r) => `${t(`import.actions.${r.action}`)}${r.changed.length ? `: ${r.changed.join(", ")}${r.moreChanged ? ", …" : ""}` : ""}`}
      />
    </section>
  );
}

const fileMessages = ["import.errors.noFile", "import.errors.tooLarge", "import.errors.uploadExpired"];

/** The import page of every role that may import; what each may bring in is decided on the server. */
export function ImportPage() {
  const { t } = useTranslation();
  const { base, kinds, maxMb, closed, tooLarge } = useLoaderData<LoaderData>();
  const result = useActionData<ActionData>();
  const formError = result?.formError ?? (tooLarge ? { message: "import.errors.tooLarge", params: { mb: maxMb } } : null);
  // What is wrong with the chosen file is said at the file field; a closed or busy import for the whole form.
  const fileError = formError && fileMessages.includes(formError.message) ? t(formError.message, formError.params) : null;
  if (closed) {
    return (
      <>
        <h1>{t("import.title")}</h1>
        <p className="notice" role="status">
          {t(closed)}
        </p>
        <Downloads base={base} kinds={kinds} />
      </>
    );
  }
  return (
    <>
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro")}</p>
      <details>
        <summary>{t("import.columnsTitle")}</summary>
        <p>{t("import.columnsIntro")}</p>
        <dl>
          {kinds.map((k) => (
            <div key={k}>
              <dt>{t(`import.kinds.${k}`)}</dt>
              <dd>
                <code>{fieldNames(k).join(", ")}</code>
              </dd>
            </div>
          ))}
        </dl>
      </details>
      {/* A plain form post: a file upload needs no script, and a refused size is answered with a redirect. */}
      <Form method="post" noValidate encType="multipart/form-data" reloadDocument action={`${base}/import#report`} className="stack">
        {formError && !fileError ? (
          <div className="alert" role="alert">
            <p>{t(formError.message, formError.params)}</p>
          </div>
        ) : null}
        {fileError ? (
          <div className="alert error-summary" role="alert">
            <p>{t("errors.formHasErrors")}</p>
            <ul>
              <li>
                <a href="#file">{`${t("import.file")}: ${fileError}`}</a>
              </li>
            </ul>
          </div>
        ) : null}
        <div className={fileError ? "field has-error" : "field"}>
          <label htmlFor="file">{t("import.file")}</label>
          <p className="hint" id="file-hint">
            {t("import.fileHint", { mb: maxMb })}
          </p>
          {fileError ? (
            <p className="field-error" id="file-error">
              {fileError}
            </p>
          ) : null}
          <input id="file" name="file" type="file" accept=".csv,.json,.txt,text/csv,application/json,text/plain" aria-required aria-describedby={fileError ? "file-hint file-error" : "file-hint"} aria-invalid={fileError ? true : undefined} />
        </div>
        <div className="field">
          <label htmlFor="kind">{t("import.kind")}</label>
          <select id="kind" name="kind" defaultValue={result?.chosen.kind ?? ""}>
            <option value="">{t("import.kindFromFile")}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`import.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <div className="choice">
            <input id="allOrNothing" name="allOrNothing" type="checkbox" defaultChecked={result?.chosen.allOrNothing ?? false} />
            <label htmlFor="allOrNothing">{t("import.allOrNothing")}</label>
          </div>
        </div>
        <div className="actions">
          <button type="submit" name="intent" value="check">
            {t("import.check")}
          </button>
          <button type="submit" name="intent" value="import" className="secondary">
            {t("import.run")}
          </button>
        </div>
      </Form>
      {result?.report ? <ReportView report={result.report} upload={result.upload} base={base} allOrNothing={result.chosen.allOrNothing} /> : null}
      <Downloads base={base} kinds={kinds} />
    </>
  );
}

function Downloads({ base, kinds }: { base: string; kinds: ImportKind[] }) {
  const { t } = useTranslation();
  if (!kinds.length) return null;
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t("import.exportTitle")}</h2>
      <p>{t("import.exportIntro")}</p>
      <ul>
        {kinds.map((k) => (
          <li key={k}>
            {t(`import.kinds.${k}`)}: <a href={`${base}/export?kind=${k}&format=csv`}>CSV</a> · <a href={`${base}/export?kind=${k}&format=json`}>JSON</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
