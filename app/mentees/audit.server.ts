import type { SessionUser } from "~/accounts/session.server.ts";
import { AuditEntryModel } from "./model.server.ts";

export type AuditPart = "plan" | "matches" | "offers" | "list" | "introduction" | "import" | "export" | "desk" | "checkins" | "calendar" | "handover" | "story";

/** Written before the data is returned: no read of a mentee's record goes unrecorded. */
export async function recordAccess(actor: Pick<SessionUser, "_id" | "role">, menteeId: unknown, part: AuditPart) {
  // Cast by the schema (a bad id throws) and refused without an actor or mentee, as create() would,
  // but inserted without building a document: every audited page pays this, the matches page on each look.
  const entry = AuditEntryModel.castObject({ actorId: actor._id, actorRole: actor.role, menteeId, part, at: new Date() });
  if (!entry.actorId || !entry.actorRole || !entry.menteeId) throw new Error(`audit entry without ${entry.actorId ? (entry.actorRole ? "mentee" : "role") : "actor"}`);
  await AuditEntryModel.insertMany([entry], { lean: true });
}

export async function accessLog(menteeId: unknown, limit = 50) {
  return AuditEntryModel.find({ menteeId }).sort({ at: -1 }).limit(limit).lean();
}

/** One entry per mentee, written together in one insert: a list or an export reads many records at once. */
export async function recordAccessMany(actor: Pick<SessionUser, "_id" | "role">, menteeIds: unknown[], part: AuditPart) {
  if (menteeIds.length === 0) return;
  const at = new Date();
  // Cast and checked as recordAccess does, without building a document per entry.
  const entries = menteeIds.map((menteeId) => AuditEntryModel.castObject({ actorId: actor._id, actorRole: actor.role, menteeId, part, at }));
  if (entries.some((entry) => !entry.actorId || !entry.actorRole || !entry.menteeId)) throw new Error("audit entry without actor, role or mentee");
  await AuditEntryModel.insertMany(entries, { lean: true });
}

/** A coordinator handed the mentee to another lead mentor: who, from whom, to whom, and why. */
export async function recordHandover(actor: Pick<SessionUser, "_id" | "role">, menteeId: unknown, handover: { fromMentorId: unknown; toMentorId: unknown; reason: string }, at: Date) {
  await AuditEntryModel.create({ actorId: actor._id, actorRole: actor.role, menteeId, part: "handover", at, handover });
}
