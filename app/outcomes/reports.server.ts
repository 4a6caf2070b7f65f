import type { SessionUser } from "~/accounts/session.server.ts";
import { now } from "~/clock/clock.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { parseForm, type FieldErrors } from "~/ui/form-data.ts";
import { forbidden, notFound } from "~/ui/responses.server.ts";
import { readStrictQuery, type FiguresFile } from "./export.server.ts";
import { changedDefinitions, changedFigures, definitionsUsed, flattenFigures } from "./flatten.ts";
import { OutcomeReportModel } from "./model.server.ts";
import { programmeOutcomes } from "./outcomes.server.ts";
import { reportNoteSchema } from "./reports-schema.server.ts";
import type { ShownFigures } from "./small-numbers.ts";

// Frozen reports: a coordinator submits the figures of a period and programme as they are shown
// now; the stored copy never changes (a later correction of the data gives different live
// figures, and a new version when submitted again). Versions are numbered per period and programme.

function requireCoordinator(actor: SessionUser) {
  if (actor.role !== "coordinator") forbidden();
}

const MAX_VERSION_TRIES = 50;

export type SubmitResult = { ok: true; id: string } | { ok: false; fieldErrors: FieldErrors; values: Record<string, string> };

/** Freezes the figures the form names (hidden from, to, scope and a note) as the next version of their report. */
export async function submitOutcomeReport(actor: SessionUser, form: FormData): Promise<SubmitResult> {
  requireCoordinator(actor);
  const params = new URLSearchParams();
  for (const name of ["from", "to", "scope"]) {
    const value = form.get(name);
    if (typeof value === "string") params.set(name, value);
  }
  const read = await readStrictQuery(params);
  const noteForm = new FormData();
  const note = form.get("note");
  if (note !== null) noteForm.set("note", note);
  const parsedNote = parseForm(noteForm, reportNoteSchema);
  if (!read.ok || !parsedNote.ok) {
    return { ok: false, fieldErrors: { ...(read.ok ? {} : read.fieldErrors), ...(parsedNote.ok ? {} : parsedNote.fieldErrors) }, values: { ...(read.ok ? {} : read.values), ...(parsedNote.ok ? {} : parsedNote.values) } };
  }
  const { query, scopeLabel } = read;
  const figures = await programmeOutcomes(actor, query);
  const periodKey = `${query.from}|${query.to}|${query.scope}`;
  const doc = {
    periodKey,
    from: query.from,
    to: query.to,
    scope: query.scope,
    scopeLabel,
    figures: JSON.stringify(figures),
    definitions: definitionsUsed(flattenFigures(figures)),
    submittedBy: actor._id,
    submittedByName: actor.name,
    submittedAt: now(),
    note: parsedNote.data.note,
  };
  // The next number is the highest stored + 1; when another coordinator takes it meanwhile, the unique index refuses ours and we try the next.
  const latest = await OutcomeReportModel.findOne({ periodKey }).sort({ version: -1 }).select("version").lean();
  let version = (latest?.version ?? 0) + 1;
  for (let attempt = 1; ; attempt++) {
    try {
      const created = await OutcomeReportModel.create({ ...doc, version });
      return { ok: true, id: String(created._id) };
    } catch (error) {
      if (!isDuplicateKeyError(error) || attempt >= MAX_VERSION_TRIES) throw error;
      version += 1;
    }
  }
}

/** Every submitted report, newest first, grouped by period and programme (each group's versions newest first). */
export async function outcomeReportsList(actor: SessionUser) {
  requireCoordinator(actor);
  const reports = await OutcomeReportModel.find({}).select("periodKey version from to scope scopeLabel submittedByName submittedAt note").sort({ submittedAt: -1, version: -1 }).limit(1000).lean();
  const groups = new Map<string, { from: string; to: string; scope: string; scopeLabel: string; versions: { id: string; version: number; submittedAt: string; submittedBy: string; note: string }[] }>();
  for (const r of reports) {
    const group = groups.get(r.periodKey) ?? { from: r.from, to: r.to, scope: r.scope, scopeLabel: r.scopeLabel ?? "", versions: [] };
    group.versions.push({ id: String(r._id), version: r.version, submittedAt: r.submittedAt.toISOString(), submittedBy: r.submittedByName, note: r.note ?? "" });
    groups.set(r.periodKey, group);
  }
  for (const group of groups.values()) group.versions.sort((a, b) => b.version - a.version);
  return [...groups.values()];
}

const isObjectId = (id: string) => /^[a-f0-9]{24}$/.test(id);

type StoredReport = NonNullable<Awaited<ReturnType<typeof findReport>>>;
async function findReport(id: string) {
  return OutcomeReportModel.findById(id).lean();
}

function asFile(report: StoredReport): FiguresFile {
  return {
    from: report.from,
    to: report.to,
    scope: report.scope,
    scopeLabel: report.scopeLabel ?? "",
    generatedAt: report.submittedAt,
    figures: JSON.parse(report.figures) as ShownFigures,
    definitions: report.definitions.map((d) => ({ id: d.id, version: d.version, text: { en: d.text?.en ?? "", hr: d.text?.hr ?? "", sl: d.text?.sl ?? "", da: d.text?.da ?? "" } })),
    report: { version: report.version, submittedAt: report.submittedAt, submittedBy: report.submittedByName, note: report.note ?? "" },
  };
}

/** One frozen report as stored, for its file. */
export async function frozenReportFile(actor: SessionUser, id: string): Promise<FiguresFile> {
  requireCoordinator(actor);
  const report = isObjectId(id) ? await findReport(id) : null;
  if (!report) notFound();
  return asFile(report);
}

/** One frozen report as its page shows it: its figures and definitions, the other versions, and what changed since the one before. */
export async function frozenReport(actor: SessionUser, id: string) {
  requireCoordinator(actor);
  const report = isObjectId(id) ? await findReport(id) : null;
  if (!report) notFound();
  const file = asFile(report);
  const rows = flattenFigures(file.figures);
  const versions = await OutcomeReportModel.find({ periodKey: report.periodKey }).select("version submittedAt").sort({ version: -1 }).limit(200).lean();
  const previous = report.version > 1 ? await OutcomeReportModel.findOne({ periodKey: report.periodKey, version: { $lt: report.version } }).sort({ version: -1 }).lean() : null;
  const before = previous ? asFile(previous) : null;
  return {
    id: String(report._id),
    version: report.version,
    from: report.from,
    to: report.to,
    scope: report.scope,
    scopeLabel: report.scopeLabel ?? "",
    submittedBy: report.submittedByName,
    submittedAt: report.submittedAt.toISOString(),
    note: report.note ?? "",
    rows,
    definitions: file.definitions,
    versions: versions.map((v) => ({ id: String(v._id), version: v.version, submittedAt: v.submittedAt.toISOString() })),
    changes: before
      ? { since: before.report!.version, figures: changedFigures(flattenFigures(before.figures), rows), definitions: changedDefinitions(before.definitions, file.definitions) }
      : null,
  };
}
