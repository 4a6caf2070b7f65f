import { stringify } from "csv-stringify/sync";
import type { SessionUser } from "~/accounts/session.server.ts";
import { nowMs } from "~/clock/clock.ts";
import { programmeToday } from "~/i18n/dates.ts";
import { csvCell } from "~/import/export.server.ts";
import { ledgerFacts } from "~/ledger/reader.server.ts";
import { recordAccessMany } from "~/mentees/audit.server.ts";
import { MenteeModel } from "~/mentees/model.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { openSignedToken, participantPseudonym, signedToken } from "~/security/derived-keys.server.ts";
import { parseForm, type FieldErrors } from "~/ui/form-data.ts";
import { forbidden } from "~/ui/responses.server.ts";
import { readStrictQuery, safeFileName, scopeSlug } from "./export.server.ts";
import { retentionMonths } from "./figures.ts";
import type { OutcomesQuery } from "./outcomes.server.ts";
import { participantRows, type ParticipantRow } from "./participants.ts";
import { participantExportSchema, purposesAllowingNames, type ParticipantPurpose } from "./reports-schema.server.ts";
import { scopeOf } from "./outcomes.server.ts";
import { SMALL_NUMBER_LIMIT } from "./small-numbers.ts";

// The participant-level file for a funder: one row per person in the period's caseload, with the
// fields a funder asks for and nothing more (participants.ts), a pseudonym instead of the id, and
// names only when the coordinator asks for them and the purpose allows them. Without names, fewer
// than 5 people are refused: a short file of months and countries could point at someone.
//
// The form is checked by a POST (its errors shown on the form); a good form is answered with a
// redirect to a signed download address, valid for a few minutes and only for the coordinator
// who asked, and that GET writes the audit entries (with names) before returning the file.

const DOWNLOAD_PURPOSE = "participant-export";
const DOWNLOAD_VALID_MS = 10 * 60_000;
/** The message for a download address that is not (or no longer) good. */
export const DOWNLOAD_LINK_EXPIRED = "outcomeReports.participants.linkExpired";

interface ExportRequest {
  query: OutcomesQuery;
  purpose: ParticipantPurpose;
  names: boolean;
}

function requireCoordinator(actor: SessionUser) {
  if (actor.role !== "coordinator") forbidden();
}

async function rowsFor(query: OutcomesQuery): Promise<ParticipantRow[]> {
  return participantRows(await ledgerFacts(), { from: query.from, to: query.to, today: programmeToday(), scope: scopeOf(query.scope) });
}

export type PrepareResult = { ok: true; downloadPath: string } | { ok: false; fieldErrors: FieldErrors; values: Record<string, string> };

/** Checks the form (period, programme, purpose, names) and the small-number rule; answers with the address of the file. */
export async function prepareParticipantExport(actor: SessionUser, form: FormData): Promise<PrepareResult> {
  requireCoordinator(actor);
  const params = new URLSearchParams();
  const rest = new FormData();
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") continue;
    if (name === "from" || name === "to" || name === "scope") params.set(name, value);
    else if (name === "purpose" || name === "includeNames") rest.append(name, value);
  }
  const read = await readStrictQuery(params);
  const parsed = parseForm(rest, participantExportSchema);
  const values = { ...(read.ok ? { from: params.get("from") ?? "", to: params.get("to") ?? "", scope: params.get("scope") ?? "" } : read.values), ...(parsed.ok ? {} : parsed.values) };
  if (!read.ok || !parsed.ok) return { ok: false, fieldErrors: { ...(read.ok ? {} : read.fieldErrors), ...(parsed.ok ? {} : parsed.fieldErrors) }, values };
  const names = parsed.data.includeNames === "yes";
  values.purpose = parsed.data.purpose;
  if (names) values.includeNames = "yes";
  if (names && !purposesAllowingNames.includes(parsed.data.purpose)) return { ok: false, fieldErrors: { includeNames: "outcomeReports.participants.namesNotAllowed" }, values };
  const rows = await rowsFor(read.query);
  if (!names && rows.length < SMALL_NUMBER_LIMIT) return { ok: false, fieldErrors: { form: "outcomeReports.participants.tooFew" }, values };
  const token = signedToken(DOWNLOAD_PURPOSE, { actor: String(actor._id), ...read.query, purpose: parsed.data.purpose, names, until: nowMs() + DOWNLOAD_VALID_MS });
  return { ok: true, downloadPath: `/coordinator/outcomes/participants/download?token=${encodeURIComponent(token)}` };
}

function readToken(actor: SessionUser, token: string | null): ExportRequest | null {
  const payload = token ? openSignedToken(DOWNLOAD_PURPOSE, token) : null;
  if (typeof payload !== "object" || payload === null) return null;
  const p = payload as Record<string, unknown>;
  if (p.actor !== String(actor._id) || typeof p.until !== "number" || p.until < nowMs()) return null;
  if (typeof p.from !== "string" || typeof p.to !== "string" || typeof p.scope !== "string" || typeof p.purpose !== "string") return null;
  const names = p.names === true;
  if (names && !purposesAllowingNames.includes(p.purpose as ParticipantPurpose)) return null;
  return { query: { from: p.from, to: p.to, scope: p.scope }, purpose: p.purpose as ParticipantPurpose, names };
}

export const participantColumns = [
  "participant",
  "country",
  "mentor_organisation",
  "joined_month",
  "readiness_at_joining",
  "readiness_at_period_end",
  "first_start_in_period_month",
  "placement_kind",
  "ending",
  "ending_month",
  ...retentionMonths.map((m) => `in_work_after_${m}_months`),
] as const;

/** The file a signed address names, or null when the address is not (or no longer) good for this coordinator. */
export async function participantExportFile(actor: SessionUser, token: string | null): Promise<{ body: string; name: string } | null> {
  requireCoordinator(actor);
  const request = readToken(actor, token);
  if (!request) return null;
  const rows = await rowsFor(request.query);
  if (!request.names && rows.length < SMALL_NUMBER_LIMIT) return null;
  const organisationIds = [...new Set(rows.map((r) => r.organisationId).filter((id) => /^[a-f0-9]{24}$/.test(id)))];
  const organisations = new Map((await OrganisationModel.find({ _id: { $in: organisationIds } }).select("name").lean()).map((o) => [String(o._id), o.name]));
  let names = new Map<string, string>();
  if (request.names) {
    const mentees = await MenteeModel.find({ _id: { $in: rows.map((r) => r.menteeId) } }).select("firstName fullName").lean();
    names = new Map(mentees.map((m) => [String(m._id), m.fullName || m.firstName]));
    // Every person named in the file is a read of her record: recorded before the file leaves.
    await recordAccessMany(actor, mentees.map((m) => m._id), "export");
  }
  const lines = rows
    .map((r) => ({ pseudonym: participantPseudonym(r.menteeId, request.purpose), row: r }))
    .sort((a, b) => (a.pseudonym < b.pseudonym ? -1 : 1))
    .map(({ pseudonym, row }) => [
      pseudonym,
      ...(request.names ? [csvCell(names.get(row.menteeId) ?? "")] : []),
      row.country,
      csvCell(organisations.get(row.organisationId) ?? ""),
      row.joinedMonth,
      row.readinessAtJoining,
      row.readinessAtEnd,
      row.startMonth,
      row.placementKind,
      row.endingKind,
      row.endingMonth,
      ...retentionMonths.map((m) => row.inWork[m]),
    ]);
  const header = request.names ? [participantColumns[0], "name", ...participantColumns.slice(1)] : [...participantColumns];
  const body = stringify([header, ...lines], { bom: true, record_delimiter: "\r\n" });
  return { body, name: safeFileName(["participants", request.query.from, request.query.to, scopeSlug(request.query.scope), request.purpose, ...(request.names ? ["with-names"] : [])], "csv") };
}
