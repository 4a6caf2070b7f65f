import type { Types } from "mongoose";
import type { z } from "zod";
import { UserModel } from "~/accounts/model.server.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { hashPassword } from "~/accounts/password.server.ts";
import { mentorProfileSchema } from "~/accounts/schemas.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { issueToken } from "~/accounts/tokens.server.ts";
import { enqueueEmail } from "~/email/queue.server.ts";
import { publicUrl } from "~/env.server.ts";
import type { Language } from "~/i18n/languages.ts";
import { recordAccessMany } from "~/mentees/audit.server.ts";
import { menteeRecordFields, toPlan } from "~/mentees/mentees.server.ts";
import { MenteeModel, PlanChangeModel, type Mentee } from "~/mentees/model.server.ts";
import { menteeFormSchema, menteeListFields, type MenteeInput } from "~/mentees/schema.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { organisationSchema } from "~/organisations/schema.server.ts";
import { findTown, placeOf } from "~/placements/gazetteer.server.ts";
import { PlacementModel, type Placement } from "~/placements/model.server.ts";
import { placementRecordFields, startDateProblem, syncOrganisationPlacements } from "~/placements/placements.server.ts";
import { placementFormSchema, placementListFields, type PlacementInput } from "~/placements/schema.server.ts";
import { enqueuePlacementSync } from "~/placements/search-index.server.ts";
import { lifecycle, type PlacementStatus } from "~/placements/vocabulary.ts";
import { randomToken } from "~/security/tokens.server.ts";
import { readMessage } from "~/ui/form-data.ts";
import { importDefaults, importFields, importKinds, MAX_KEY_CHARS, type ImportKind } from "./format.ts";
import { importOnlySchemas } from "./row-schemas.server.ts";
import { exportableKinds, implicitKey, menteeToRow, placementToRow } from "./export.server.ts";
import { giveWay } from "./pacing.server.ts";
import { readImportFile, type FileSection, type Problem, type RawRow } from "./read-file.server.ts";
import { reportLimits, type ImportReport, type RowAction, type RowReport } from "./report.server.ts";

export type { ImportReport, RowAction, RowReport };

export interface ImportOptions {
  dryRun: boolean;
  allOrNothing?: boolean;
  fileName?: string;
  kind?: ImportKind;
}

type Actor = Pick<SessionUser, "_id" | "role" | "approval" | "organisationId" | "name" | "email">;

/** Forms' fields as their list fields arrive (checkbox lists); other lists are `;`-joined text. */
const formListFields: Partial<Record<ImportKind, string[]>> = { placements: placementListFields, mentees: menteeListFields };

const countryLanguage: Record<string, string> = { HR: "hr", SI: "sl", DK: "da" };

/**
 * No field takes more than 5000 characters. A longer value is refused as it is, before a schema
 * splits or matches it: a 20 MB cell of commas would otherwise become millions of list items.
 */
export const MAX_VALUE_CHARS = 10_000;

const valueLength = (value: unknown) => (typeof value === "string" ? value.length : Array.isArray(value) ? value.reduce((sum: number, v) => sum + (typeof v === "string" ? v.length : 0), 0) : 0);

/** A JSON or CSV value as the text (or list of texts) that a form would have sent. */
function formValues(kind: ImportKind, row: RawRow): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const types = importFields[kind] as Record<string, string>;
  const arrayFields = formListFields[kind] ?? [];
  for (const [field, type] of Object.entries(types)) {
    const value = row.values[field];
    if (value === undefined || value === null) continue;
    if (valueLength(value) > MAX_VALUE_CHARS) {
      row.problems.push({ field, message: "errors.tooLong" });
      continue;
    }
    if (type === "list") {
      let list: string[];
      if (Array.isArray(value) && value.every((v) => typeof v === "string")) list = value.map((v) => v.trim()).filter(Boolean);
      else if (typeof value === "string") list = value.split(";").map((v) => v.trim()).filter(Boolean);
      else {
        row.problems.push({ field, message: "errors.invalid" });
        continue;
      }
      out[field] = arrayFields.includes(field) ? list : list.join("; ");
    } else if (typeof value === "string") out[field] = value;
    else if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") out[field] = String(value);
    else row.problems.push({ field, message: "errors.invalid" });
  }
  for (const [field, fallback] of Object.entries(importDefaults[kind] ?? {})) {
    if (out[field] === undefined || out[field] === "") out[field] = fallback;
  }
  if (kind === "mentees" && !out.language && typeof out.country === "string") out.language = countryLanguage[out.country.trim()] ?? "";
  return out;
}

// The same list of allowed values is named in many rows' reasons: held once, not once per row.
const allowedLists = new Map<string, string>();
function allowedList(values: unknown[]) {
  const text = values.join(", ");
  const known = allowedLists.get(text);
  if (known !== undefined) return known;
  if (allowedLists.size < 1000) allowedLists.set(text, text);
  return text;
}

/** Zod's issues as the report's reasons; for a spreadsheet, a wrong choice names the allowed values and a limit its number. */
function problemsOf(error: z.ZodError, known: Set<string>, values: Record<string, string | string[]>): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "row");
    if (problems.some((p) => p.field === field)) continue;
    const { key: message, params } = readMessage(issue.message.startsWith("errors.") ? issue.message : "errors.invalid");
    const detail = issue as { values?: unknown[]; maximum?: number | bigint; minimum?: number | bigint; origin?: string };
    const given = values[field];
    const value = Array.isArray(given) ? given[Number(issue.path[1])] : given;
    let problem: Problem = { field: known.has(field) ? field : "row", message, ...(Object.keys(params).length ? { params } : {}) };
    if (message === "errors.choice" && detail.values && value !== undefined) {
      problem = { ...problem, message: "import.errors.choiceOf", params: { value: String(value).slice(0, 40), allowed: allowedList(detail.values) } };
    } else if (message === "errors.tooLong" && detail.maximum !== undefined) {
      problem = { ...problem, message: "import.errors.tooLongMax", params: { max: Number(detail.maximum) } };
    } else if (message === "errors.outOfRange" && detail.maximum !== undefined) {
      problem = { ...problem, message: "import.errors.atMost", params: { max: Number(detail.maximum) } };
    } else if (message === "errors.outOfRange" && detail.minimum !== undefined) {
      problem = { ...problem, message: "import.errors.atLeast", params: { min: Number(detail.minimum) } };
    }
    problems.push(problem);
  }
  return problems;
}

/** Validates a row with the form's own schema and the import's few extra fields. */
function validate<F extends z.ZodType, E extends z.ZodType>(kind: ImportKind, row: RawRow, formSchema: F, extraSchema: E) {
  // A row that is not a row (wrong number of cells, not an object) gets that one reason, not a field list.
  if (row.problems.some((p) => p.field === "row")) return { key: rawKey(row), ok: false as const };
  const values = formValues(kind, row);
  const known = new Set(Object.keys(importFields[kind]));
  const form = formSchema.safeParse(values);
  const extra = extraSchema.safeParse(values);
  // One reason per field: a value already refused (too long, a formula, not text) is not also "required".
  const newFields = (problems: Problem[]) => problems.filter((p) => !row.problems.some((q) => q.field === p.field));
  if (!form.success) row.problems.push(...newFields(problemsOf(form.error, known, values)));
  if (!extra.success) row.problems.push(...newFields(problemsOf(extra.error, known, values)));
  const key = typeof values.key === "string" ? values.key.trim() : "";
  if (!form.success || !extra.success || row.problems.length) return { key, ok: false as const };
  return { key, ok: true as const, input: form.data as z.output<F>, extra: extra.data as z.output<E> };
}

function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => {
    if (v === undefined || v === null || v === "") return null;
    if (v instanceof Date) return v.toISOString();
    if (typeof v === "object" && v !== null && "toHexString" in v) return String(v);
    if (Array.isArray(v)) return v.map(norm);
    return v;
  };
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

function changedFields(record: Record<string, unknown>, existing: Record<string, unknown>, names: Record<string, string> = {}): string[] {
  return Object.keys(record)
    .filter((field) => !sameValue(record[field], existing[field]))
    .map((field) => names[field] ?? field);
}

/** A repeated key's problem names this many of its rows, and how many there are in all. */
const REPEATED_ROWS_NAMED = 10;

/** Rows whose key appears twice in a file are all refused: which one is right is the person's call. */
function rejectRepeatedKeys(section: FileSection) {
  const rowsOfKey = new Map<string, number[]>();
  for (const row of section.rows) {
    const key = rawKey(row);
    if (!key) continue;
    const rows = rowsOfKey.get(key);
    if (rows) rows.push(row.row);
    else rowsOfKey.set(key, [row.row]);
  }
  // One problem per key, shared by its rows: 50 000 rows of one key are one short message, not 50 000 long ones.
  const problemOf = new Map<string, Problem>();
  for (const [key, rows] of rowsOfKey) {
    if (rows.length < 2) continue;
    const named = rows.slice(0, REPEATED_ROWS_NAMED).join(", ");
    problemOf.set(key, rows.length > REPEATED_ROWS_NAMED ? { field: "key", message: "import.errors.repeatedKeyMany", params: { rows: named, count: rows.length } } : { field: "key", message: "import.errors.repeatedKey", params: { rows: named } });
  }
  if (!problemOf.size) return;
  for (const row of section.rows) {
    const problem = problemOf.get(rawKey(row));
    if (problem) row.problems.push(problem);
  }
}

const MAX_EMAIL_CHARS = 254;

const rawKey = (row: RawRow) => (typeof row.values.key === "string" || typeof row.values.key === "number" ? String(row.values.key).trim() : "");

/**
 * The keys (or e-mail addresses) of rows worth looking up: each once, and none longer than a valid
 * one, so that one enormous cell never becomes a database query.
 */
function lookupValues(rows: RawRow[], field: "key" | "email", maxLength: number) {
  const values = new Set<string>();
  for (const row of rows) {
    const value = field === "key" ? rawKey(row) : typeof row.values.email === "string" ? row.values.email.trim().toLowerCase() : "";
    if (value && value.length <= maxLength) values.add(value);
  }
  return [...values];
}

/**
 * A field the file leaves out (no such column, no such property) keeps its current value; an
 * empty cell clears it. Coordinates are kept only while the town stays the same.
 */
function keepAbsentFields(row: RawRow, current: Record<string, unknown>) {
  const same = (field: string) => !(field in row.values) || String(row.values[field] ?? "").trim().toLowerCase() === String(current[field] ?? "").toLowerCase();
  for (const [field, value] of Object.entries(current)) {
    if (field in row.values) continue;
    if ((field === "lat" || field === "lng") && !(same("town") && same("country"))) continue;
    row.values[field] = value;
  }
}

/**
 * An exported row carries the record's coordinates. When the row moves the record to another town
 * but keeps those coordinates, they belong to the old town: the new town's are looked up instead.
 */
function dropStaleCoordinates(row: RawRow, current: { town: string; country: string; lat: number; lng: number }) {
  const text = (v: unknown) => String(v ?? "").trim().toLowerCase();
  const moved = ("town" in row.values && text(row.values.town) !== current.town.toLowerCase()) || ("country" in row.values && text(row.values.country) !== current.country.toLowerCase());
  const sameCoordinates = Number(String(row.values.lat).replace(",", ".")) === current.lat && Number(String(row.values.lng).replace(",", ".")) === current.lng;
  if (moved && sameCoordinates) {
    row.values.lat = "";
    row.values.lng = "";
  }
}

interface KnownOrganisation {
  id: Types.ObjectId | null;
  kind: string;
  verified: boolean;
}

interface KnownMentor {
  id: Types.ObjectId | null;
  key?: string;
  email: string;
}

/** What rows refer to: organisations and mentors already there, and those the same file brings. */
const OWN_ORGANISATION = "#own";

interface Context {
  actor: Actor;
  /** Refused rows planned so far. */
  refused: number;
  organisations: Map<string, KnownOrganisation>;
  mentors: Map<string, KnownMentor>;
  ownOrganisation?: { id: Types.ObjectId; key: string };
}

/** A mentor rows may name by key or by e-mail address. */
function rememberMentor(ctx: Context, mentor: KnownMentor) {
  if (mentor.key) ctx.mentors.set(mentor.key, mentor);
  ctx.mentors.set(mentor.email.toLowerCase(), mentor);
}

interface Planned<R> {
  report: RowReport;
  record?: R;
  existingId?: Types.ObjectId;
}

const notAllowed = (kind: ImportKind, row: RawRow): Planned<never> => ({
  report: { kind, row: row.row, key: rawKey(row), action: "reject", problems: [{ field: "row", message: "import.errors.notAllowed" }], changed: [] },
});

/**
 * Plans each row in turn, giving way to other requests between rows. A report shows the reasons of
 * its first refused rows only (report.server.ts); later refused rows keep their first reason, so
 * that 50 000 rows of fifteen reasons each do not hold 750 000 reasons in memory.
 */
async function planEach<R>(ctx: Context, rows: RawRow[], plan: (row: RawRow) => Planned<R>): Promise<Planned<R>[]> {
  const pause = giveWay();
  const planned: Planned<R>[] = [];
  for (const row of rows) {
    await pause();
    const p = plan(row);
    if (p.report.action === "reject" && ++ctx.refused > reportLimits.rejectedRows) p.report.problems.length = Math.min(p.report.problems.length, 1);
    planned.push(p);
  }
  return planned;
}

function outcome<R>(kind: ImportKind, row: RawRow, key: string, result: Omit<Planned<R>, "report"> & { action?: RowAction; changed?: string[] }): Planned<R> {
  const action: RowAction = row.problems.length ? "reject" : (result.action ?? (result.existingId ? "update" : "create"));
  return {
    report: { kind, row: row.row, key, action, problems: row.problems, changed: action === "update" ? (result.changed ?? []) : [] },
    record: action === "create" || action === "update" ? result.record : undefined,
    existingId: result.existingId,
  };
}

// ---------------------------------------------------------------- organisations

interface OrganisationRecord {
  key: string;
  name: string;
  kind: string;
  mentorOrganisationType: string | null;
  town: string;
  country: string;
  contactEmail: string | null;
  status: string;
}

async function planOrganisations(ctx: Context, rows: RawRow[]): Promise<Planned<OrganisationRecord>[]> {
  if (ctx.actor.role !== "coordinator") return rows.map((row) => notAllowed("organisations", row));
  const keys = lookupValues(rows, "key", MAX_KEY_CHARS);
  const existing = keys.length ? await OrganisationModel.find({ key: { $in: keys } }).lean() : [];
  const byKey = new Map(existing.map((o) => [o.key!, o]));
  return planEach(ctx, rows, (row) => {
    const existing = byKey.get(rawKey(row));
    if (existing) {
      const { name, kind, mentorOrganisationType, town, country, contactEmail } = existing;
      keepAbsentFields(row, { name, kind, mentorOrganisationType, town, country, contactEmail });
    }
    const v = validate("organisations", row, organisationSchema, importOnlySchemas.organisations);
    if (!v.ok) return outcome("organisations", row, v.key, {});
    const current = byKey.get(v.key);
    // An employer may become a social enterprise and back; neither may become a mentor organisation, or the reverse.
    if (current && current.kind !== v.input.kind && (current.kind === "mentor_organisation" || v.input.kind === "mentor_organisation")) {
      row.problems.push({ field: "kind", message: "import.errors.kindChange" });
      return outcome("organisations", row, v.key, {});
    }
    // As registration does: a town of the gazetteer, in its own spelling. A kept town is not asked again (it may predate the check).
    const keptTown = current && current.town === v.input.town && current.country === v.input.country;
    const town = keptTown ? { name: current.town } : findTown(v.input.town, v.input.country);
    if (!town) {
      row.problems.push({ field: "town", message: "errors.unknownTown" });
      return outcome("organisations", row, v.key, {});
    }
    const status = v.extra.verified === true ? "verified" : v.extra.verified === false && current?.status === "verified" ? "pending" : (current?.status ?? "pending");
    const record: OrganisationRecord = { key: v.key, ...v.input, town: town.name, mentorOrganisationType: v.input.mentorOrganisationType ?? null, contactEmail: v.input.contactEmail ?? null, status };
    ctx.organisations.set(v.key, { id: current?._id ?? null, kind: record.kind, verified: status === "verified" });
    if (!current) return outcome("organisations", row, v.key, { record });
    const changed = changedFields({ ...record }, current as unknown as Record<string, unknown>, { status: "verified" });
    return outcome("organisations", row, v.key, { record, existingId: current._id, changed, action: changed.length ? "update" : "unchanged" });
  });
}

async function writeOrganisations(ctx: Context, planned: Planned<OrganisationRecord>[]) {
  for (const p of planned) {
    if (!p.record) continue;
    const decision = p.record.status === "pending" ? {} : { decidedAt: new Date(), decidedBy: ctx.actor._id };
    if (p.existingId) {
      const statusChanged = p.report.changed.includes("verified");
      await OrganisationModel.updateOne({ _id: p.existingId }, { $set: { ...p.record, ...(statusChanged ? decision : {}) } });
      // The index carries the organisation's name and kind with each placement.
      if (["verified", "name", "kind"].some((f) => p.report.changed.includes(f))) await syncOrganisationPlacements(p.existingId);
    } else {
      const created = await OrganisationModel.create({ ...p.record, ...decision });
      ctx.organisations.set(p.record.key, { id: created._id, kind: p.record.kind, verified: p.record.status === "verified" });
    }
  }
}

// ---------------------------------------------------------------- mentors

interface MentorRecord {
  key: string;
  email: string;
  name: string;
  language: string;
  organisationKey: string;
}

async function planMentors(ctx: Context, rows: RawRow[]): Promise<Planned<MentorRecord>[]> {
  if (ctx.actor.role !== "coordinator") return rows.map((row) => notAllowed("mentors", row));
  const keys = lookupValues(rows, "key", MAX_KEY_CHARS);
  const emails = lookupValues(rows, "email", MAX_EMAIL_CHARS);
  type Account = { _id: Types.ObjectId; key?: string | null; email: string; name: string; role: string; language: string; organisationId?: Types.ObjectId | null; approval: string };
  const [byKeyAll, withEmail] = await Promise.all([
    findByKeys<Account>(UserModel as never, keys, "mentor"),
    UserModel.find({ email: { $in: emails } }).select("key email name role language organisationId approval").lean<Account[]>(),
  ]);
  const byKey = new Map([...byKeyAll].filter(([, u]) => u.role === "mentor"));
  const withKey = [...byKey.values()];
  const byEmail = new Map(withEmail.map((u) => [u.email, u]));
  const organisationKeyOf = await organisationKeysById([...withKey, ...withEmail].map((u) => u.organisationId));
  return planEach(ctx, rows, (row) => {
    const v = validate("mentors", row, mentorProfileSchema, importOnlySchemas.mentors);
    if (!v.ok) return outcome("mentors", row, v.key, {});
    const organisation = ctx.organisations.get(v.extra.organisation);
    if (!organisation) row.problems.push({ field: "organisation", message: "import.errors.unknownOrganisation" });
    else if (organisation.kind !== "mentor_organisation") row.problems.push({ field: "organisation", message: "import.errors.notMentorOrganisation" });
    let current = byKey.get(v.key);
    if (current && current.email !== v.input.email) row.problems.push({ field: "email", message: "import.errors.emailChange" });
    if (!current) {
      const sameEmail = byEmail.get(v.input.email);
      if (sameEmail && (sameEmail.role !== "mentor" || sameEmail.key)) row.problems.push({ field: "email", message: "import.errors.emailInUse" });
      else if (sameEmail && sameEmail.approval !== "approved") row.problems.push({ field: "email", message: "import.errors.mentorNotApproved" });
      else current = sameEmail;
    }
    const record: MentorRecord = { key: v.key, email: v.input.email, name: v.input.name, language: v.input.language, organisationKey: v.extra.organisation };
    if (!row.problems.length) rememberMentor(ctx, { id: current?._id ?? null, key: v.key, email: record.email });
    if (!current) return outcome("mentors", row, v.key, { record });
    const changed = changedFields(
      { key: record.key, name: record.name, language: record.language, organisation: record.organisationKey },
      { key: current.key ?? (byKey.get(v.key) === current ? v.key : undefined), name: current.name, language: current.language, organisation: organisationKeyOf.get(String(current.organisationId)) },
    );
    return outcome("mentors", row, v.key, { record, existingId: current._id, changed, action: changed.length ? "update" : "unchanged" });
  });
}

async function organisationKeysById(ids: unknown[]) {
  const wanted = [...new Set(ids.filter(Boolean).map(String))];
  if (!wanted.length) return new Map<string, string>();
  const organisations = await OrganisationModel.find({ _id: { $in: wanted } }).select("key").lean();
  return new Map(organisations.map((o) => [String(o._id), o.key ?? ""]));
}

async function writeMentors(ctx: Context, planned: Planned<MentorRecord>[]) {
  for (const p of planned) {
    if (!p.record) continue;
    const { organisationKey, ...fields } = p.record;
    const organisationId = ctx.organisations.get(organisationKey)?.id;
    if (p.existingId) {
      await UserModel.updateOne({ _id: p.existingId }, { $set: { key: fields.key, name: fields.name, language: fields.language, organisationId } });
      rememberMentor(ctx, { id: p.existingId, key: fields.key, email: fields.email });
      continue;
    }
    // An imported mentor is vouched for by the coordinator, and chooses a password from the e-mailed link.
    const user = await UserModel.create({
      ...fields,
      organisationId,
      role: "mentor",
      approval: "approved",
      decidedAt: new Date(),
      decidedBy: ctx.actor._id,
      passwordHash: await hashPassword(randomToken()),
    });
    rememberMentor(ctx, { id: user._id, key: fields.key, email: fields.email });
    const token = await issueToken(user._id, "invite");
    await enqueueEmail({
      to: fields.email,
      language: fields.language as Language,
      template: "mentorInvitation",
      params: { name: fields.name, link: `${publicUrl()}/reset-password?token=${token}` },
      about: null,
    });
  }
}

// ---------------------------------------------------------------- placements

type PlacementRecord = ReturnType<typeof placementRecordFields> & {
  key: string;
  status: PlacementStatus;
  organisationKey: string;
  publishedAt?: Date;
  editedAfterTakeDownAt?: Date;
};

async function planPlacements(ctx: Context, rows: RawRow[]): Promise<Planned<PlacementRecord>[]> {
  const { actor } = ctx;
  if (actor.role !== "coordinator" && !(actor.role === "employer" && ctx.ownOrganisation)) return rows.map((row) => notAllowed("placements", row));
  const keys = lookupValues(rows, "key", MAX_KEY_CHARS);
  const byKey = await findByKeys<Placement>(PlacementModel as never, keys, "placement");
  const existing = [...byKey.values()];
  const organisationKeyOf = await organisationKeysById(existing.map((p) => p.organisationId));
  return planEach(ctx, rows, (row) => {
    const existingRecord = byKey.get(rawKey(row));
    const mayRead = existingRecord && (actor.role === "coordinator" || String(existingRecord.organisationId) === String(ctx.ownOrganisation?.id));
    if (existingRecord && !mayRead) {
      row.problems.push({ field: "key", message: "import.errors.keyTaken" });
      return outcome("placements", row, rawKey(row), {});
    }
    if (existingRecord) {
      dropStaleCoordinates(row, existingRecord);
      keepAbsentFields(row, placementToRow(existingRecord, organisationKeyOf.get(String(existingRecord.organisationId)) || ctx.ownOrganisation?.key || ""));
    }
    const v = validate<typeof placementFormSchema, typeof importOnlySchemas.placements>("placements", row, placementFormSchema, importOnlySchemas.placements);
    if (!v.ok) return outcome("placements", row, v.key, {});
    const input: PlacementInput = v.input;
    const current = byKey.get(v.key);
    let organisationKey = v.extra.organisation ?? "";
    if (actor.role === "employer") {
      const own = ctx.ownOrganisation!;
      if (!organisationKey) organisationKey = own.key;
      if (organisationKey !== own.key) row.problems.push({ field: "organisation", message: "import.errors.notYourOrganisation" });
      if (current && String(current.organisationId) !== String(own.id)) row.problems.push({ field: "key", message: "import.errors.keyTaken" });
    }
    const organisation = ctx.organisations.get(organisationKey);
    if (!organisationKey) row.problems.push({ field: "organisation", message: "errors.required" });
    else if (!organisation) row.problems.push({ field: "organisation", message: "import.errors.unknownOrganisation" });
    else if (organisation.kind === "mentor_organisation") row.problems.push({ field: "organisation", message: "import.errors.notEmployer" });
    const place = placeOf({ ...input, lat: v.extra.lat, lng: v.extra.lng });
    if (!place) row.problems.push({ field: "town", message: "errors.unknownTown" });
    const status = v.extra.status as PlacementStatus;
    const statusChanges = current && current.status !== status;
    // The same lifecycle as the employer's page: only a coordinator, on the placement's page, takes one down or puts it back.
    if (status === "taken_down" && (!current || statusChanges)) row.problems.push({ field: "status", message: "errors.takeDownOnlyOnPage" });
    else if (statusChanges && !lifecycle[current.status as PlacementStatus].includes(status))
      row.problems.push({ field: "status", message: current.status === "taken_down" ? "errors.takenDown" : "errors.transitionNotAllowed" });
    const pastStart = startDateProblem(input.startDate, current?.startDate);
    if (pastStart) {
      const { key, params } = readMessage(pastStart);
      row.problems.push({ field: "startDate", message: key, params });
    }
    if (status === "published" && (!current || statusChanges) && organisation && !organisation.verified) row.problems.push({ field: "status", message: "errors.organisationNotVerified" });
    if (row.problems.length || !place) return outcome("placements", row, v.key, {});
    const record: PlacementRecord = { ...placementRecordFields(input, place), key: v.key, status, organisationKey };
    if (status === "published" && (!current || statusChanges)) record.publishedAt = new Date();
    if (!current) return outcome("placements", row, v.key, { record });
    const { organisationKey: _, publishedAt: __, ...compared } = record;
    const changed = changedFields({ ...compared, organisation: organisationKey }, { ...current, key: implicitKey("placement", current), organisation: organisationKeyOf.get(String(current.organisationId)) });
    if (changed.length && current.status === "closed") {
      row.problems.push({ field: "key", message: "import.errors.closedPlacement" });
      return outcome("placements", row, v.key, {});
    }
    if (changed.length && current.status === "taken_down") record.editedAfterTakeDownAt = new Date();
    return outcome("placements", row, v.key, { record, existingId: current._id, changed, action: changed.length ? "update" : "unchanged" });
  });
}

const WRITE_BATCH = 1000;

function refuseAfterWrite(planned: Planned<unknown> | undefined, message: string) {
  if (!planned) return;
  planned.report.action = "reject";
  planned.report.problems.push({ field: "key", message });
  planned.record = undefined;
}

async function writePlacements(ctx: Context, planned: Planned<PlacementRecord>[]) {
  const toSync: unknown[] = [];
  const creates = planned.filter((p) => p.record && !p.existingId);
  for (let i = 0; i < creates.length; i += WRITE_BATCH) {
    const batch = creates.slice(i, i + WRITE_BATCH);
    const documents = batch.map(({ record }) => {
      const { organisationKey, ...fields } = record!;
      return { ...fields, organisationId: ctx.organisations.get(organisationKey)!.id! };
    });
    try {
      const inserted = await PlacementModel.insertMany(documents, { ordered: false });
      toSync.push(...inserted.filter((p) => p.status === "published").map((p) => p._id));
    } catch (error) {
      // Another import took a key between the check and the write: those rows are refused, the rest went in.
      const failures = (error as { writeErrors?: { index?: number; err?: { index?: number }; code?: number }[] }).writeErrors;
      if (!failures?.length || failures.some((f) => f.code !== undefined && f.code !== 11000)) throw error;
      for (const failure of failures) refuseAfterWrite(batch[failure.index ?? failure.err?.index ?? -1], "import.errors.keyTaken");
      const taken = new Set(failures.map((f) => f.index ?? f.err?.index));
      const saved = await PlacementModel.find({ key: { $in: documents.filter((_, index) => !taken.has(index)).map((d) => d.key) } }).select("_id status").lean();
      toSync.push(...saved.filter((p) => p.status === "published").map((p) => p._id));
    }
  }
  // One update at a time: FerretDB 1.24 takes minutes for a bulk write of a hundred updates.
  for (const { record, existingId } of planned.filter((p) => p.record && p.existingId)) {
    const { organisationKey, ...fields } = record!;
    await PlacementModel.updateOne({ _id: existingId }, { $set: { ...fields, organisationId: ctx.organisations.get(organisationKey)!.id! } });
    toSync.push(existingId);
  }
  await enqueuePlacementSync(toSync);
}

// ---------------------------------------------------------------- mentees

type MenteeRecord = ReturnType<typeof menteeRecordFields> & { key: string; mentorKey: string };

const planFieldNames = ["firstName", "fullName", "email", "language", "readiness", "goals", "strengths", "interests", "skills", "languages", "town", "country", "lat", "lng", "travelKm", "hoursMin", "hoursMax", "supportNeeded", "barriers", "notes"] as const;

async function planMentees(ctx: Context, rows: RawRow[]): Promise<Planned<MenteeRecord>[]> {
  const { actor } = ctx;
  const isLeadMentor = actor.role === "mentor" && actor.approval === "approved";
  if (actor.role !== "coordinator" && !isLeadMentor) return rows.map((row) => notAllowed("mentees", row));
  const keys = lookupValues(rows, "key", MAX_KEY_CHARS);
  const byKey = await findByKeys<Mentee>(MenteeModel as never, keys, "mentee");
  const existing = [...byKey.values()];
  // Another mentor's mentee is neither read nor audited: the key alone says it is taken.
  const readable = existing.filter((m) => actor.role === "coordinator" || String(m.mentorId) === String(actor._id));
  await recordAccessMany(actor, readable.map((m) => m._id), "import");
  const mentorById = new Map([...ctx.mentors.values()].filter((m) => m.id).map((m) => [String(m.id), m]));
  const readableIds = new Set(readable.map((m) => String(m._id)));
  return planEach(ctx, rows, (row) => {
    const existingRecord = byKey.get(rawKey(row));
    if (existingRecord && !readableIds.has(String(existingRecord._id))) {
      row.problems.push({ field: "key", message: "import.errors.keyTaken" });
      return outcome("mentees", row, rawKey(row), {});
    }
    if (existingRecord) {
      dropStaleCoordinates(row, existingRecord);
      const mentorOfRecord = mentorById.get(String(existingRecord.mentorId));
      keepAbsentFields(row, menteeToRow(existingRecord, mentorOfRecord?.key ?? mentorOfRecord?.email ?? ""));
    }
    const v = validate<typeof menteeFormSchema, typeof importOnlySchemas.mentees>("mentees", row, menteeFormSchema, importOnlySchemas.mentees);
    if (!v.ok) return outcome("mentees", row, v.key, {});
    const input: MenteeInput = v.input;
    const current = byKey.get(v.key);
    let mentor: KnownMentor | undefined;
    const reference = v.extra.mentor?.toLowerCase();
    if (isLeadMentor) {
      const self = mentorById.get(String(actor._id))!;
      if (reference && reference !== self.email && reference !== self.key?.toLowerCase()) row.problems.push({ field: "mentor", message: "import.errors.notYourCaseload" });
      mentor = self;
    } else if (!reference) row.problems.push({ field: "mentor", message: "errors.required" });
    else {
      mentor = ctx.mentors.get(v.extra.mentor!) ?? ctx.mentors.get(reference);
      if (!mentor) row.problems.push({ field: "mentor", message: "import.errors.unknownMentor" });
    }
    if (current && isLeadMentor && String(current.mentorId) !== String(actor._id)) row.problems.push({ field: "key", message: "import.errors.keyTaken" });
    const place = placeOf({ ...input, lat: v.extra.lat, lng: v.extra.lng });
    if (!place) row.problems.push({ field: "town", message: "errors.unknownTown" });
    if (row.problems.length || !place || !mentor) return outcome("mentees", row, v.key, {});
    const mentorKey = mentor.key ?? mentor.email;
    const record: MenteeRecord = { ...menteeRecordFields(input, place), key: v.key, mentorKey };
    if (!current) return outcome("mentees", row, v.key, { record });
    const before = toPlan(current);
    const after: Record<string, unknown> = { ...input, email: input.email ?? "", town: place.town, lat: place.lat, lng: place.lng };
    const changed = planFieldNames.filter((f) => !sameValue(after[f], before[f as keyof typeof before]));
    if (String(current.mentorId) !== String(mentor.id)) changed.push("mentor" as never);
    return outcome("mentees", row, v.key, { record, existingId: current._id, changed, action: changed.length ? "update" : "unchanged" });
  });
}

async function writeMentees(ctx: Context, planned: Planned<MenteeRecord>[]) {
  const mentorIdOf = (mentorKey: string) => ctx.mentors.get(mentorKey)!.id;
  const now = new Date();
  const changes: { menteeId: unknown; fields: string[] }[] = [];
  for (const p of planned) {
    if (!p.record) continue;
    const { mentorKey, ...fields } = p.record;
    const mentorId = mentorIdOf(mentorKey);
    if (p.existingId) {
      const readinessChanged = p.report.changed.includes("readiness");
      await MenteeModel.updateOne({ _id: p.existingId }, { $set: { ...fields, mentorId, ...(readinessChanged ? { readinessChangedAt: now } : {}) } });
      changes.push({ menteeId: p.existingId, fields: p.report.changed.map((f) => (f === "mentor" ? "leadMentor" : f)) });
    } else {
      try {
        const created = await MenteeModel.create({ ...fields, mentorId, readinessChangedAt: now });
        changes.push({ menteeId: created._id, fields: ["imported"] });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        refuseAfterWrite(p, "import.errors.keyTaken");
      }
    }
  }
  if (changes.length) {
    await PlanChangeModel.insertMany(changes.map((c) => ({ ...c, changedBy: ctx.actor._id, changedByName: ctx.actor.name, at: now })));
  }
}

// ---------------------------------------------------------------- the whole file

async function loadContext(actor: Actor, sections: FileSection[]): Promise<Context> {
  const needs = new Set(sections.map((s) => s.kind));
  const ctx: Context = { actor, refused: 0, organisations: new Map(), mentors: new Map() };
  if (needs.has("mentors") || needs.has("placements")) {
    const organisations = await OrganisationModel.find({ key: { $exists: true } }).select("key kind status").lean();
    for (const o of organisations) if (o.key) ctx.organisations.set(o.key, { id: o._id, kind: o.kind, verified: o.status === "verified" });
  }
  if (actor.role === "employer" && actor.organisationId) {
    const own = await OrganisationModel.findById(actor.organisationId).select("key kind status").lean();
    if (own) {
      // An organisation without a key yet (it registered itself) is named by leaving the column empty.
      const key = own.key ?? OWN_ORGANISATION;
      ctx.ownOrganisation = { id: own._id, key };
      ctx.organisations.set(key, { id: own._id, kind: own.kind, verified: own.status === "verified" });
    }
  }
  if (needs.has("mentees")) {
    const filter = actor.role === "coordinator" ? { role: "mentor", approval: "approved" } : { _id: actor._id };
    const mentors = await UserModel.find(filter).select("key email").lean();
    for (const m of mentors) {
      rememberMentor(ctx, { id: m._id, key: implicitKey("mentor", m), email: m.email });
    }
  }
  return ctx;
}

/**
 * Existing records by key: stored keys, and `<prefix>-<id>` for records made in the portal that
 * have none yet (what an export calls them). One query each: FerretDB scans for either.
 */
async function findByKeys<T extends { _id: unknown; key?: string | null }>(
  model: { find: (filter: object) => { lean: () => Promise<unknown> } },
  keys: string[],
  prefix: "placement" | "mentee" | "mentor",
): Promise<Map<string, T>> {
  if (!keys.length) return new Map();
  const stored = (await model.find({ key: { $in: keys } }).lean()) as T[];
  const byKey = new Map(stored.map((r) => [r.key!, r]));
  const pattern = new RegExp(`^${prefix}-([a-f0-9]{24})$`);
  const ids = keys.filter((k) => !byKey.has(k) && pattern.test(k)).map((k) => k.slice(prefix.length + 1));
  if (ids.length) {
    for (const r of (await model.find({ _id: { $in: ids } }).lean()) as T[]) if (!r.key) byKey.set(implicitKey(prefix, r), r);
  }
  return byKey;
}

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
  const plans = {
    organisations: await planOrganisations(ctx, rowsOf("organisations")),
    mentors: await planMentors(ctx, rowsOf("mentors")),
    placements: await planPlacements(ctx, rowsOf("placements")),
    mentees: await planMentees(ctx, rowsOf("mentees")),
  };

  for (const kind of importKinds) for (const p of plans[kind]) report.rows.push(p.report);
  const count = () => {
    report.counts = emptyCounts();
    for (const row of report.rows) report.counts[row.action] += 1;
  };
  count();
  const blocked = report.counts.reject > 0 && report.allOrNothing;
  if (!options.dryRun && !blocked) {
    await writeOrganisations(ctx, plans.organisations);
    await writeMentors(ctx, plans.mentors);
    await writePlacements(ctx, plans.placements);
    await writeMentees(ctx, plans.mentees);
    report.written = true;
    count();
  }
  report.ms = Date.now() - started;
  return report;
}
