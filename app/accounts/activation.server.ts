import { now } from "~/clock/clock.ts";
import { isObjectId } from "~/db/ids.server.ts";
import { forbidden } from "~/ui/responses.server.ts";
import { listDeactivatedMentor } from "./lists.server.ts";
import { SessionModel, UserModel } from "./model.server.ts";
import type { SessionUser } from "./session.server.ts";

// A coordinator deactivates the account of a mentor who has left, and may reactivate it. A
// deactivated account cannot sign in, its sessions end, and it is never offered as a lead
// mentor: its mentees wait on the coordinator's list for a handover (app/mentees/mentors.server.ts).

/** A filter for accounts that are not deactivated (the field is missing on every other account). */
export const notDeactivated = { deactivatedAt: { $exists: false } } as const;

function stamp(actor: Pick<SessionUser, "_id" | "name">, active: boolean) {
  return { active, at: now(), by: actor._id, byName: actor.name };
}

/**
 * Deactivates an approved mentor's account: every session of it ends, and so does every desk
 * session it opened on a mentee's account. False when it is no such account or already deactivated.
 */
export async function deactivateMentor(actor: SessionUser, mentorId: string): Promise<boolean> {
  if (actor.role !== "coordinator") forbidden();
  if (!isObjectId(mentorId)) return false;
  const change = stamp(actor, false);
  await listDeactivatedMentor(mentorId);
  const result = await UserModel.updateOne({ _id: mentorId, role: "mentor", approval: "approved", ...notDeactivated }, { $set: { deactivatedAt: change.at }, $push: { activationHistory: change } });
  if (result.modifiedCount !== 1) return false;
  await SessionModel.deleteMany({ $or: [{ userId: mentorId }, { "desk.mentorId": mentorId }] });
  return true;
}

/** Gives a deactivated mentor's account back: it can sign in again. It leads no one until a coordinator hands mentees to it. */
export async function reactivateMentor(actor: SessionUser, mentorId: string): Promise<boolean> {
  if (actor.role !== "coordinator") forbidden();
  if (!isObjectId(mentorId)) return false;
  const result = await UserModel.updateOne({ _id: mentorId, role: "mentor", deactivatedAt: { $exists: true } }, { $unset: { deactivatedAt: 1 }, $push: { activationHistory: stamp(actor, true) } });
  return result.modifiedCount === 1;
}
