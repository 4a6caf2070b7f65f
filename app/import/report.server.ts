import type { ImportKind } from "./format.ts";
import type { Problem } from "./read-file.server.ts";

export type RowAction = "create" | "update" | "unchanged" | "reject";

export interface RowReport {
  kind: ImportKind;
  row: number;
  key: string;
  action: RowAction;
  problems: Problem[];
  /** For an update: the fields that change. */
  changed: string[];
}

export interface ImportReport {
  dryRun: boolean;
  allOrNothing: boolean;
  /** False when nothing was written: a dry run, a problem with the file, or a rejected row under all-or-nothing. */
  written: boolean;
  fileProblems: Problem[];
  rows: RowReport[];
  counts: Record<RowAction, number>;
  ms: number;
}

/**
 * How much of a report leaves the server, on the page and on the command line. Every list a report
 * carries is cut here, and so is every text in it, so that no kind of problem (today's or a future
 * one) can make the answer grow with the square of the file: at most the counts, the first rows and
 * the fact that the list is shortened.
 */
export const reportLimits = {
  rejectedRows: 1000,
  changedRows: 300,
  problemsPerRow: 10,
  changedFieldsPerRow: 30,
  fileProblems: 20,
  /** A key, a field name or a value named in a reason. */
  textChars: 200,
  paramsPerProblem: 6,
  /** The shown rows of each list together, as JSON: rows are left out once this is spent. */
  rejectedBytes: 150_000,
  changedBytes: 50_000,
} as const;

export interface ShownRow {
  kind: ImportKind;
  row: number;
  key: string;
  action: RowAction;
  problems: Problem[];
  /** Reasons of this row that are not shown. */
  moreProblems: number;
  changed: string[];
  moreChanged: number;
}

export interface ShownReport {
  dryRun: boolean;
  allOrNothing: boolean;
  written: boolean;
  counts: Record<RowAction, number>;
  seconds: number;
  fileProblems: Problem[];
  moreFileProblems: number;
  rejected: ShownRow[];
  /** Refused rows in all, shown or not. */
  rejectedTotal: number;
  changes: ShownRow[];
  changesTotal: number;
}

/** At most `max` characters (without splitting a character in two), with "…" when cut. */
export function cutText(text: string, max: number = reportLimits.textChars): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

function shownProblem(problem: Problem): Problem {
  const shown: Problem = { field: cutText(problem.field, 60), message: cutText(problem.message, 100) };
  if (problem.params) {
    const entries = Object.entries(problem.params).slice(0, reportLimits.paramsPerProblem);
    shown.params = Object.fromEntries(entries.map(([name, value]) => [cutText(name, 40), typeof value === "string" ? cutText(value) : value]));
  }
  return shown;
}

function shownRow(row: RowReport): ShownRow {
  return {
    kind: row.kind,
    row: row.row,
    key: cutText(row.key, 110),
    action: row.action,
    problems: row.problems.slice(0, reportLimits.problemsPerRow).map(shownProblem),
    moreProblems: Math.max(0, row.problems.length - reportLimits.problemsPerRow),
    changed: row.changed.slice(0, reportLimits.changedFieldsPerRow).map((field) => cutText(field, 60)),
    moreChanged: Math.max(0, row.changed.length - reportLimits.changedFieldsPerRow),
  };
}

/** The first rows of a list that fit both the row limit and the byte budget. */
function firstRows(rows: RowReport[], maxRows: number, maxBytes: number): ShownRow[] {
  const shown: ShownRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    if (shown.length >= maxRows) break;
    const candidate = shownRow(row);
    bytes += JSON.stringify(candidate).length;
    if (bytes > maxBytes) break;
    shown.push(candidate);
  }
  return shown;
}

/** The report as it leaves the server: counts in full, rows, reasons and texts within `reportLimits`. */
export function shownReport(report: ImportReport): ShownReport {
  const rejected: RowReport[] = [];
  const changes: RowReport[] = [];
  for (const row of report.rows) {
    if (row.action === "reject") rejected.push(row);
    else if (row.action === "create" || row.action === "update") changes.push(row);
  }
  return {
    dryRun: report.dryRun,
    allOrNothing: report.allOrNothing,
    written: report.written,
    counts: report.counts,
    seconds: Math.round(report.ms / 100) / 10,
    fileProblems: report.fileProblems.slice(0, reportLimits.fileProblems).map(shownProblem),
    moreFileProblems: Math.max(0, report.fileProblems.length - reportLimits.fileProblems),
    rejected: firstRows(rejected, reportLimits.rejectedRows, reportLimits.rejectedBytes),
    rejectedTotal: rejected.length,
    changes: firstRows(changes, reportLimits.changedRows, reportLimits.changedBytes),
    changesTotal: changes.length,
  };
}
