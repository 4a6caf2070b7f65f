import { recordAccessMany } from "~/mentees/audit.server.ts";
import { createMenteeRecord, menteeRecordFields, recordPlanChanges, toPlan, updateMenteeRecord } from "~/mentees/mentees.server.ts";
import { MenteeModel, type Mentee } from "~/mentees/model.server.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { now } from "~/clock/clock.ts";
import { placeOf } from "~/placements/gazetteer.server.ts";
import { menteeToRow } from "../export.server.ts";
import { MAX_KEY_CHARS } from "../format.ts";
import { outcome, planEach, refuseAfterWrite, refuseAll, type Context, type KindPlan, type KnownMentor, type Planned } from "../plan.server.ts";
import type { RawRow } from "../read-file.server.ts";
import { dropStaleCoordinates, findByKeys, keepAbsentFields, lookupValues, rawKey, sameValue, validate } from "../rows.server.ts";

/** A row's mentee, with her lead mentor by key or e-mail address: the file may bring the mentor too. */
type MenteeRow = ReturnType<typeof menteeRecordFields> & { key: string; mentorKey: string };

/** The parts of a plan a row is compared with; the report names each that changed (and `mentor`). */
const planFieldNames = ["firstName", "fullName", "email", "language", "readiness", "goals", "strengths", "interests", "skills", "languages", "town", "country", "lat", "lng", "travelKm", "hoursMin", "hoursMax", "supportNeeded", "barriers", "notes"] as const;

/**
 * Mentees, by a coordinator (any approved mentor's) or an approved mentor (her own caseload). An
 * existing plan is read, and audited, only when this person may read it; each write goes into the
 * plan's history as the mentor's form does.
 */
export async function planMentees(ctx: Context, rows: RawRow[]): Promise<KindPlan> {
  const { actor } = ctx;
  const isLeadMentor = actor.role === "mentor" && actor.approval === "approved";
  if (actor.role !== "coordinator" && !isLeadMentor) return refuseAll("mentees", rows);
  const byKey = await findByKeys<Mentee>(MenteeModel as never, lookupValues(rows, "key", MAX_KEY_CHARS), "mentee");
  // Another mentor's mentee is neither read nor audited: the key alone says it is taken.
  const readable = [...byKey.values()].filter((m) => actor.role === "coordinator" || String(m.mentorId) === String(actor._id));
  await recordAccessMany(actor, readable.map((m) => m._id), "import");
  const mentorById = new Map([...ctx.mentors.values()].filter((m) => m.id).map((m) => [String(m.id), m]));
  const readableIds = new Set(readable.map((m) => String(m._id)));
  const planned = await planEach(ctx, rows, (row): Planned<MenteeRow> => {
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
    const v = validate("mentees", row);
    if (!v.ok) return outcome("mentees", row, v.key, {});
    const { input } = v;
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
    const record: MenteeRow = { ...menteeRecordFields(input, place), key: v.key, mentorKey: mentor.key ?? mentor.email };
    if (!current) return outcome("mentees", row, v.key, { record });
    const before = toPlan(current);
    const after: Record<string, unknown> = { ...input, email: input.email ?? "", town: place.town, lat: place.lat, lng: place.lng };
    const changed: string[] = planFieldNames.filter((f) => !sameValue(after[f], before[f]));
    if (String(current.mentorId) !== String(mentor.id)) changed.push("mentor");
    return outcome("mentees", row, v.key, { record, existingId: current._id, changed, action: changed.length ? "update" : "unchanged" });
  });
  return { reports: planned.map((p) => p.report), write: () => writeMentees(ctx, planned) };
}

async function writeMentees(ctx: Context, planned: Planned<MenteeRow>[]) {
  const at = now();
  const changes: { menteeId: unknown; fields: string[] }[] = [];
  for (const p of planned) {
    if (!p.record) continue;
    const { mentorKey, ...fields } = p.record;
    const mentee = { ...fields, mentorId: ctx.mentors.get(mentorKey)!.id };
    if (p.existingId) {
      await updateMenteeRecord(p.existingId, mentee, p.report.changed, at);
      changes.push({ menteeId: p.existingId, fields: p.report.changed.map((f) => (f === "mentor" ? "leadMentor" : f)) });
      continue;
    }
    try {
      changes.push({ menteeId: await createMenteeRecord(mentee, at), fields: ["imported"] });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      refuseAfterWrite(p, "import.errors.keyTaken");
    }
  }
  await recordPlanChanges(ctx.actor, changes, at);
}
