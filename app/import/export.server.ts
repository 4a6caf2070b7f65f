import { stringify } from "csv-stringify/sync";
import { UserModel } from "~/accounts/model.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { recordAccessMany } from "~/mentees/audit.server.ts";
import { toPlan } from "~/mentees/mentees.server.ts";
import { MenteeModel, type Mentee } from "~/mentees/model.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { PlacementModel, type Placement } from "~/placements/model.server.ts";
import { fieldNames, importFields, type ImportKind } from "./format.ts";
import { ensureOrganisationKey } from "./import.server.ts";

type Actor = Pick<SessionUser, "_id" | "role" | "approval" | "organisationId">;
export type ExportRow = Record<string, string | number | boolean | string[] | null>;
export type ExportData = Partial<Record<ImportKind, ExportRow[]>>;

const forbidden = (): never => {
  throw new Response("Forbidden", { status: 403 });
};

/** Which kinds each role may take out (and bring back in). */
export function exportableKinds(actor: Actor): ImportKind[] {
  if (actor.role === "coordinator") return ["organisations", "mentors", "placements", "mentees"];
  if (actor.role === "employer" && actor.organisationId) return ["placements"];
  if (actor.role === "mentor" && actor.approval === "approved") return ["mentees"];
  return [];
}

const day = (d: Date | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : null);

/** Records made in the portal get their key the first time they leave it, so that they come back to the same record. */
async function keyed<T extends { _id: unknown; key?: string | null }>(records: T[], prefix: string, model: { bulkWrite: (ops: object[]) => Promise<unknown> }) {
  const missing = records.filter((r) => !r.key);
  if (missing.length) {
    await model.bulkWrite(missing.map((r) => ({ updateOne: { filter: { _id: r._id, key: { $exists: false } }, update: { $set: { key: `${prefix}-${String(r._id)}` } } } })));
    for (const r of missing) r.key = `${prefix}-${String(r._id)}`;
  }
  return records;
}

async function placementRows(actor: Actor): Promise<ExportRow[]> {
  const filter = actor.role === "coordinator" ? {} : { organisationId: actor.organisationId };
  const placements = await keyed(await PlacementModel.find(filter).sort({ createdAt: 1 }).lean<Placement[]>(), "placement", PlacementModel as never);
  const organisationKeys = new Map<string, string>();
  for (const id of new Set(placements.map((p) => String(p.organisationId)))) {
    organisationKeys.set(id, await ensureOrganisationKey(placements.find((p) => String(p.organisationId) === id)!.organisationId));
  }
  return placements.map((p) => ({
    key: p.key!,
    organisation: organisationKeys.get(String(p.organisationId)) ?? "",
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
  }));
}

async function menteeRows(actor: Actor): Promise<ExportRow[]> {
  const filter = actor.role === "coordinator" ? {} : { mentorId: actor._id };
  const mentees = await keyed(await MenteeModel.find(filter).sort({ createdAt: 1 }).lean<Mentee[]>(), "mentee", MenteeModel as never);
  // The read of every exported plan is in each mentee's audit trail before any of it leaves.
  await recordAccessMany(actor, mentees.map((m) => m._id), "export");
  const mentorIds = [...new Set(mentees.map((m) => String(m.mentorId)))];
  const mentors = new Map((await Promise.all(mentorIds.map((id) => UserModel.findById(id).select("key email").lean()))).filter(Boolean).map((u) => [String(u!._id), u!.key ?? u!.email]));
  return mentees.map((m) => {
    const plan = toPlan(m);
    return {
      key: m.key!,
      mentor: mentors.get(String(m.mentorId)) ?? "",
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
  });
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
    if (!m.key) {
      // A registered mentor is named by e-mail until an export gives the account a key.
      await UserModel.updateOne({ _id: m._id, key: { $exists: false } }, { $set: { key: m.email } });
      m.key = m.email;
    }
    rows.push({ key: m.key, email: m.email, name: m.name, organisation: m.organisationId ? await ensureOrganisationKey(m.organisationId) : "", language: m.language });
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

export function toJson(data: ExportData): string {
  const clean: ExportData = {};
  for (const [kind, rows] of Object.entries(data) as [ImportKind, ExportRow[]][]) {
    const types = importFields[kind] as Record<string, string>;
    clean[kind] = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([field, v]) => v !== null && (types[field] !== "text" || v !== ""))));
  }
  return `${JSON.stringify(clean, null, 2)}\n`;
}
