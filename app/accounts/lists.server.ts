import { appendToList, fillListsOnce, inDateOrder } from "~/db/id-lists.server.ts";
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

const dateOf = (field: "createdAt" | "deactivatedAt") => (record: object) => (record as Record<string, Date | undefined>)[field];

/** Migration: mentors waiting for approval before the list existed, oldest first (server/migrate.ts). */
export async function listEarlierWaitingMentors(): Promise<number> {
  return fillListsOnce("mentors-waiting", waitingMentorList, async () => {
    const waiting = await UserModel.find({ role: "mentor", approval: "pending" }).select("_id createdAt").lean();
    await appendToList(
      waitingMentorList,
      inDateOrder(waiting, dateOf("createdAt")).map((m) => m._id),
    );
    return waiting.length;
  });
}

/** Migration: mentors deactivated before the list existed, in the order they left. */
export async function listEarlierDeactivatedMentors(): Promise<number> {
  return fillListsOnce("mentors-deactivated", deactivatedMentorList, async () => {
    const left = await UserModel.find({ role: "mentor", deactivatedAt: { $exists: true } }).select("_id deactivatedAt").lean();
    await appendToList(
      deactivatedMentorList,
      inDateOrder(left, dateOf("deactivatedAt")).map((m) => m._id),
    );
    return left.length;
  });
}
