import { appendToList, fillListsOnce } from "~/db/id-lists.server.ts";
import { UserModel } from "./model.server.ts";

// Mentor accounts a coordinator's pages read from lists (app/db/id-lists.server.ts), not by
// filtering every account: each mentor as she comes to wait for approval, and each deactivation.
export const waitingMentorList = "mentors-waiting";
export const deactivatedMentorList = "mentors-deactivated";

/** Before a mentor's account is stored waiting for approval. */
export async function listWaitingMentor(userId: unknown): Promise<void> {
  await appendToList(waitingMentorList, [userId]);
}

/** Before a mentor's account is deactivated (a reactivated one is skipped by the reader until deactivated again). */
export async function listDeactivatedMentor(userId: unknown): Promise<void> {
  await appendToList(deactivatedMentorList, [userId]);
}

const timeOf = (record: object, field: "createdAt" | "deactivatedAt") => (record as Record<string, Date | undefined>)[field]?.getTime() ?? 0;

/** Migration: mentors waiting for approval before the list existed, oldest first (server/migrate.ts). */
export async function listEarlierWaitingMentors(): Promise<number> {
  return fillListsOnce("mentors-waiting", waitingMentorList, async () => {
    const waiting = await UserModel.find({ role: "mentor", approval: "pending" }).select("_id createdAt").lean();
    waiting.sort((a, b) => timeOf(a, "createdAt") - timeOf(b, "createdAt") || String(a._id).localeCompare(String(b._id)));
    await appendToList(
      waitingMentorList,
      waiting.map((m) => m._id),
    );
    return waiting.length;
  });
}

/** Migration: mentors deactivated before the list existed, in the order they left. */
export async function listEarlierDeactivatedMentors(): Promise<number> {
  return fillListsOnce("mentors-deactivated", deactivatedMentorList, async () => {
    const left = await UserModel.find({ role: "mentor", deactivatedAt: { $exists: true } }).select("_id deactivatedAt").lean();
    left.sort((a, b) => timeOf(a, "deactivatedAt") - timeOf(b, "deactivatedAt") || String(a._id).localeCompare(String(b._id)));
    await appendToList(
      deactivatedMentorList,
      left.map((m) => m._id),
    );
    return left.length;
  });
}
