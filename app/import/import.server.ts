import { OrganisationModel } from "~/organisations/model.server.ts";
import { exportableKinds } from "./export.server.ts";
import { importKinds, type ImportKind } from "./format.ts";
import { planMentees } from "./kinds/mentees.server.ts";
import { planMentors } from "./kinds/mentors.server.ts";
import { planOrganisations } from "./kinds/organisations.server.ts";
import { planPlacements } from "./kinds/placements.server.ts";
import { loadContext, type Actor, type Context, type KindPlan } from "./plan.server.ts";
import { readImportFile, type RawRow } from "./read-file.server.ts";
import type { ImportReport, RowAction, RowReport } from "./report.server.ts";
import { rejectRepeatedKeys } from "./rows.server.ts";

// The import of a file: read it, check every row of every kind (kinds/*.server.ts, each with the
// rules of its own feature), then write the kinds in the order they refer to each other.

export type { ImportReport, RowAction, RowReport };

export interface ImportOptions {
  dryRun: boolean;
  allOrNothing?: boolean;
  fileName?: string;
  kind?: ImportKind;
}

/** Each kind's rows are planned, and written, in this order: a row may name an organisation or mentor that an earlier kind brings. */
const planners: Record<ImportKind, (ctx: Context, rows: RawRow[]) => Promise<KindPlan>> = {
  organisations: planOrganisations,
  mentors: planMentors,
  placements: planPlacements,
  mentees: planMentees,
};

/**
 * Why this person may not import at all, or null when they may. An employer imports once a
 * coordinator has verified the organisation, a mentor once approved: before that the portal does not
 * read their files (the page says why instead of offering the form).
 */
export async function whyImportIsClosed(actor: Actor): Promise<string | null> {
  if (actor.role === "employer") {
    const organisation = actor.organisationId ? await OrganisationModel.findById(actor.organisationId).select("status").lean() : null;
    return organisation?.status === "verified" ? null : "import.closed.organisationNotVerified";
  }
  if (actor.role === "mentor" && actor.approval !== "approved") return "import.closed.mentorNotApproved";
  return null;
}

const emptyCounts = (): Record<RowAction, number> => ({ create: 0, update: 0, unchanged: 0, reject: 0 });

/**
 * Imports a file for the actor: every row is checked first, then (unless it is a dry run, or
 * all-or-nothing and a row was refused) the valid rows are written, kind by kind.
 */
export async function importFile(actor: Actor, bytes: Uint8Array, options: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const report: ImportReport = { dryRun: options.dryRun, allOrNothing: Boolean(options.allOrNothing), written: false, fileProblems: [], rows: [], counts: emptyCounts(), ms: 0 };
  const closed = await whyImportIsClosed(actor);
  if (closed) {
    report.fileProblems = [{ field: "file", message: closed }];
    report.ms = Date.now() - started;
    return report;
  }
  // Someone who may import only one kind need not say which kind a file holds.
  const allowed = exportableKinds(actor);
  const file = await readImportFile(bytes, { fileName: options.fileName, kind: options.kind, fallbackKind: allowed.length === 1 ? allowed[0] : undefined });
  if (!file.ok) {
    report.fileProblems = file.problems;
    report.ms = Date.now() - started;
    return report;
  }
  for (const section of file.sections) rejectRepeatedKeys(section);
  const ctx = await loadContext(actor, file.sections);
  const rowsOf = (kind: ImportKind) => file.sections.filter((s) => s.kind === kind).flatMap((s) => s.rows);
  const plans: KindPlan[] = [];
  for (const kind of importKinds) plans.push(await planners[kind](ctx, rowsOf(kind)));
  for (const plan of plans) for (const row of plan.reports) report.rows.push(row);
  const count = () => {
    report.counts = emptyCounts();
    for (const row of report.rows) report.counts[row.action] += 1;
  };
  count();
  const blocked = report.counts.reject > 0 && report.allOrNothing;
  if (!options.dryRun && !blocked) {
    for (const plan of plans) await plan.write();
    report.written = true;
    count();
  }
  report.ms = Date.now() - started;
  return report;
}
