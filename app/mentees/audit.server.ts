import type { SessionUser } from "~/accounts/session.server.ts";
import { AuditEntryModel } from "./model.server.ts";

export type AuditPart = "plan" | "matches" | "offers" | "list" | "introduction";

/** Written before the data is returned: no read of a mentee's record goes unrecorded. */
export async function recordAccess(actor: Pick<SessionUser, "_id" | "role">, menteeId: unknown, part: AuditPart) {
  await AuditEntryModel.create({ actorId: actor._id, actorRole: actor.role, menteeId, part, at: new Date() });
}

export async function accessLog(menteeId: unknown, limit = 50) {
  return AuditEntryModel.find({ menteeId }).sort({ at: -1 }).limit(limit).lean();
}
