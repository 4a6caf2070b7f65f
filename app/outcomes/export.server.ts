import { stringify } from "csv-stringify/sync";
import type { SessionUser } from "~/accounts/session.server.ts";
import { getT, resolveLanguage } from "~/i18n/i18n.server.ts";
import { now } from "~/clock/clock.ts";
import { csvCell } from "~/import/export.server.ts";
import { readMessage, type FieldErrors } from "~/ui/form-data.ts";
import type { TFunction } from "~/i18n/i18n.ts";
import { scopeText } from "./scope-text.ts";
import { definitionsUsed, flattenFigures, type FlatFigure } from "./flatten.ts";
import { outcomeScopes, programmeOutcomes, readOutcomesQuery, type OutcomesQuery } from "./outcomes.server.ts";
import { FEWER_THAN_5, type Shown, type ShownFigures } from "./small-numbers.ts";

// The figures as files: CSV (one row per figure) and JSON, the same for the live figures and a
// frozen report. Read by machines, so "fewer than 5" is written the same in every language: `<5`
// in the CSV (its value column says so) and "fewer_than_5" in the JSON (its `smallNumbers` says so).

export const exportFormats = ["csv", "json"] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** The value column's header: "value", and what "<5" means in the coordinator's language. */
export const csvValueColumn = (t: TFunction) => `value (${t("outcomeReports.export.valueNote")})`;
const CSV_FEWER_THAN_5 = "<5";

export interface FiguresFile {
  from: string;
  to: string;
  scope: string;
  scopeLabel: string;
  generatedAt: Date;
  figures: ShownFigures;
  definitions: { id: string; version: number; text: Record<string, string> }[];
  /** A frozen report's version, who submitted it, when, and the note. */
  report?: { version: number; submittedAt: Date; submittedBy: string; note: string };
}

const csvValue = (value: Shown) => (value === FEWER_THAN_5 ? CSV_FEWER_THAN_5 : value === null ? "" : String(value));

export function figuresCsv(rows: readonly FlatFigure[], t: TFunction): string {
  const header = ["section", "figure", "definition", "definition_version", csvValueColumn(t)];
  return stringify([header, ...rows.map((r) => [r.section, csvCell(r.id), r.definition, String(r.version), csvValue(r.value)])], { bom: true, record_delimiter: "\r\n" });
}

export function figuresJson(file: FiguresFile, t: TFunction): string {
  return `${JSON.stringify(
    {
      period: { from: file.from, to: file.to },
      scope: { value: file.scope, label: scopeText(t, file.scope, file.scopeLabel) },
      generatedAt: file.generatedAt.toISOString(),
      ...(file.report ? { report: { ...file.report, submittedAt: file.report.submittedAt.toISOString() } } : {}),
      smallNumbers: { marker: FEWER_THAN_5, meaning: "fewer than 5 people stand behind this figure; its number is not shown" },
      definitions: file.definitions,
      figures: flattenFigures(file.figures),
    },
    null,
    2,
  )}\n`;
}

/** A file name of letters, digits, dots and dashes only. */
export function safeFileName(parts: string[], format: ExportFormat): string {
  const name = parts
    .map((p) => p.replace(/[^A-Za-z0-9-]+/g, "-").replace(/^-+|-+$/g, ""))
    .filter(Boolean)
    .join("_")
    .slice(0, 120);
  return `${name || "outcomes"}.${format}`;
}

export function scopeSlug(scope: string): string {
  return scope === "all" ? "all" : scope.replace(":", "-");
}

/** The file in the language of the coordinator who asks for it (its value note, its programme's name). */
export async function figuresDownload(request: Request, actor: SessionUser, file: FiguresFile, format: ExportFormat, name: string): Promise<Response> {
  const t = getT(await resolveLanguage(request, actor.language));
  const body = format === "csv" ? figuresCsv(flattenFigures(file.figures), t) : figuresJson(file, t);
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** A refused download: 400 with a short text in the reader's language (a download has no page to show errors on). */
export async function badDownload(request: Request, actor: SessionUser, fieldErrors: FieldErrors): Promise<Response> {
  const t = getT(await resolveLanguage(request, actor.language));
  const problems = Object.values(fieldErrors).map((message) => {
    const { key, params } = readMessage(message);
    return t(key, params);
  });
  return new Response(`${t("outcomeReports.export.refused")}\n${problems.join("\n")}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/** The programme scope a form or address names, if it is one the coordinator can choose; its label for the file. */
export async function knownScope(scope: string): Promise<{ value: string; label: string } | null> {
  const found = (await outcomeScopes()).find((s) => s.value === scope);
  return found ? { value: found.value, label: found.kind === "all" ? "" : found.label } : null;
}

/**
 * A filter read from an address or a form for a download or a report: unlike the page, a wrong or
 * missing value is refused instead of replaced by the default.
 */
export async function readStrictQuery(params: URLSearchParams): Promise<{ ok: true; query: OutcomesQuery; scopeLabel: string } | { ok: false; fieldErrors: FieldErrors; values: Record<string, string> }> {
  const read = readOutcomesQuery(params);
  const fieldErrors: FieldErrors = { ...read.fieldErrors };
  for (const name of ["from", "to"]) if (!params.get(name)?.trim() && !fieldErrors[name]) fieldErrors[name] = "errors.required";
  const scope = Object.keys(fieldErrors).length ? null : await knownScope(read.query.scope);
  if (!scope && !fieldErrors.scope && !Object.keys(fieldErrors).length) fieldErrors.scope = "errors.choice";
  if (Object.keys(fieldErrors).length || !scope) {
    const values = Object.fromEntries(["from", "to", "scope"].map((name) => [name, (params.get(name) ?? "").slice(0, 40)]));
    return { ok: false, fieldErrors, values };
  }
  return { ok: true, query: read.query, scopeLabel: scope.label };
}

/** `/coordinator/outcomes/export?from&to&scope&format`: the figures the page shows, as a file. */
export async function outcomesExport(request: Request, actor: SessionUser): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const format = params.get("format") ?? "csv";
  const read = await readStrictQuery(params);
  const fieldErrors: FieldErrors = read.ok ? {} : { ...read.fieldErrors };
  if (!(exportFormats as readonly string[]).includes(format)) fieldErrors.format = "errors.choice";
  if (!read.ok || Object.keys(fieldErrors).length) return badDownload(request, actor, fieldErrors);
  const { query, scopeLabel } = read;
  const figures = await programmeOutcomes(actor, query);
  const file: FiguresFile = { from: query.from, to: query.to, scope: query.scope, scopeLabel, generatedAt: now(), figures, definitions: definitionsUsed(flattenFigures(figures)) };
  return figuresDownload(request, actor, file, format as ExportFormat, safeFileName(["outcomes", query.from, query.to, scopeSlug(query.scope)], format as ExportFormat));
}
