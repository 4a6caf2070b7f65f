import { stringify } from "csv-stringify/sync";
import type { Types } from "mongoose";
import { UserModel } from "~/accounts/model.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { recordAccessMany } from "~/mentees/audit.server.ts";
import { toPlan } from "~/mentees/mentees.server.ts";
import { MenteeModel, type Mentee } from "~/mentees/model.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { PlacementModel, type Placement } from "~/placements/model.server.ts";
import { fieldNames, type ImportKind } from "./format.ts";
import { forbidden } from "~/ui/responses.server.ts";

type Actor = Pick<SessionUser, "_id" | "role" | "approval" | "organisationId">;
export type ExportRow = Record<string, string | number | boolean | string[] | null>;
export type ExportData = Partial<Record<ImportKind, ExportRow[]>>;

/** Which kinds each role may take out (and bring back in). */
export function exportableKinds(actor: Actor): ImportKind[] {
  if (actor.role === "coordinator") return ["organisations", "mentors", "placements", "mentees"];
  if (actor.role === "employer" && actor.organisationId) return ["placements"];
  if (actor.role === "mentor" && actor.approval === "approved") return ["mentees"];
  return [];
}

const day = (d: Date | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : null);

/**
 * A record made in the portal has no stored key; it leaves (and comes back) as `<kind>-<id>`,
 * which the import matches to the record without an export having to write anything.
 */
export const implicitKey = (prefix: "placement" | "mentee" | "mentor", record: { _id: unknown; key?: string | null }) => record.key ?? `${prefix}-${String(record._id)}`;

/** A placement as a row of the exchange format. */
export function placementToRow(p: Placement, organisationKey: string): ExportRow {
  return {
    key: implicitKey("placement", p),
    organisation: organisationKey,
    title: p.title,
    description: p.description,
    language: p.language,
    kind: p.kind,
    sector: p.sector,
    town: p.town,
    country: p.country,
    lat: p.lat,
    lng: p.lng,
    hoursMin: p.hoursMin,
    hoursMax: p.hoursMax,
    scheduleFlexibility: p.scheduleFlexibility,
    startDate: day(p.startDate),
    durationWeeks: p.durationWeeks ?? null,
    places: p.places,
    readiness: p.readiness,
    languages: p.languages ?? [],
    support: p.support ?? [],
    skills: p.skills ?? [],
    physicalDemands: p.physicalDemands,
    supportNotes: p.supportNotes ?? "",
    status: p.status,
  };
}

/** A mentee's plan as a row of the exchange format, sealed parts opened: only for callers that audited the read. */
export function menteeToRow(m: Mentee, mentorKey: string): ExportRow {
  const plan = toPlan(m);
  return {
    key: implicitKey("mentee", m),
    mentor: mentorKey,
    firstName: plan.firstName,
    fullName: plan.fullName,
    email: plan.email,
    language: plan.language,
    readiness: plan.readiness,
    town: plan.town,
    country: plan.country,
    lat: plan.lat,
    lng: plan.lng,
    travelKm: plan.travelKm,
    hoursMin: plan.hoursMin,
    hoursMax: plan.hoursMax,
    languages: plan.languages,
    interests: plan.interests,
    skills: plan.skills,
    strengths: plan.strengths,
    supportNeeded: plan.supportNeeded,
    goals: plan.goals,
    barriers: plan.barriers,
    notes: plan.notes,
  };
}

/** A readable, unique key for an organisation that has none yet (its placements are exported with it). */
export async function ensureOrganisationKey(organisationId: Types.ObjectId): Promise<string> {
  const organisation = await OrganisationModel.findById(organisationId).select("name key").lean();
  if (!organisation) throw new Error("organisation not found");
  if (organisation.key) return organisation.key;
  const slug =
    organisation.name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "organisation";
  const taken = await OrganisationModel.exists({ key: slug });
  const key = taken ? `${slug}-${String(organisationId).slice(-6)}` : slug;
  await OrganisationModel.updateOne({ _id: organisationId, key: { $exists: false } }, { $set: { key } });
  return (await OrganisationModel.findById(organisationId).select("key").lean())!.key!;
}

async function placementRows(actor: Actor): Promise<ExportRow[]> {
  const filter = actor.role === "coordinator" ? {} : { organisationId: actor.organisationId };
  const placements = await PlacementModel.find(filter).sort({ createdAt: 1 }).lean<Placement[]>();
  const organisationKeys = new Map<string, string>();
  for (const id of new Set(placements.map((p) => String(p.organisationId)))) {
    organisationKeys.set(id, await ensureOrganisationKey(placements.find((p) => String(p.organisationId) === id)!.organisationId));
  }
  return placements.map((p) => placementToRow(p, organisationKeys.get(String(p.organisationId)) ?? ""));
}

async function menteeRows(actor: Actor): Promise<ExportRow[]> {
  const filter = actor.role === "coordinator" ? {} : { mentorId: actor._id };
  const mentees = await MenteeModel.find(filter).sort({ createdAt: 1 }).lean<Mentee[]>();
  // The read of every exported plan is in each mentee's audit trail before any of it leaves.
  await recordAccessMany(actor, mentees.map((m) => m._id), "export");
  const mentorIds = [...new Set(mentees.map((m) => String(m.mentorId)))];
  const mentors = new Map((await Promise.all(mentorIds.map((id) => UserModel.findById(id).select("key email").lean()))).filter(Boolean).map((u) => [String(u!._id), u!.key ?? u!.email]));
  return mentees.map((m) => menteeToRow(m, mentors.get(String(m.mentorId)) ?? ""));
}

async function organisationRows(): Promise<ExportRow[]> {
  const organisations = await OrganisationModel.find({}).sort({ createdAt: 1 }).lean();
  const rows: ExportRow[] = [];
  for (const o of organisations) {
    rows.push({
      key: o.key ?? (await ensureOrganisationKey(o._id)),
      name: o.name,
      kind: o.kind,
      mentorOrganisationType: o.mentorOrganisationType ?? null,
      town: o.town,
      country: o.country,
      contactEmail: o.contactEmail ?? null,
      verified: o.status === "verified",
    });
  }
  return rows;
}

async function mentorRows(): Promise<ExportRow[]> {
  const mentors = await UserModel.find({ role: "mentor", approval: "approved" }).sort({ createdAt: 1 }).select("key email name organisationId language").lean();
  const rows: ExportRow[] = [];
  for (const m of mentors) {
    rows.push({ key: implicitKey("mentor", m), email: m.email, name: m.name, organisation: m.organisationId ? await ensureOrganisationKey(m.organisationId) : "", language: m.language });
  }
  return rows;
}

/** The actor's records of the asked kinds, in the import format. */
export async function exportData(actor: Actor, kinds: ImportKind[]): Promise<ExportData> {
  const allowed = exportableKinds(actor);
  if (kinds.some((k) => !allowed.includes(k))) forbidden();
  const data: ExportData = {};
  if (kinds.includes("organisations")) data.organisations = await organisationRows();
  if (kinds.includes("mentors")) data.mentors = await mentorRows();
  if (kinds.includes("placements")) data.placements = await placementRows(actor);
  if (kinds.includes("mentees")) data.mentees = await menteeRows(actor);
  return data;
}

// A cell that starts like a formula is prefixed with an apostrophe, which a spreadsheet shows as
// text; an import takes the apostrophe off again.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;

export function csvCell(value: ExportRow[string]): string {
  if (value === null || value === undefined) return "";
  const text = Array.isArray(value) ? value.join("; ") : String(value);
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function toCsv(kind: ImportKind, rows: ExportRow[]): string {
  const columns = fieldNames(kind);
  return stringify([columns, ...rows.map((row) => columns.map((c) => csvCell(row[c] ?? null)))], { bom: true, record_delimiter: "\r\n" });
}

/** Every field of every row, an empty one as null: a field left out of an import keeps its value, a null one is cleared. */
export function toJson(data: ExportData): string {
  return `${JSON.stringify(data, (_key, value: unknown) => (value === "" ? null : value), 2)}\n`;
}
