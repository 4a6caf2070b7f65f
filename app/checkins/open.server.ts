import { checkinsOfFollowUp, followUpsOfMentee } from "./lists.server.ts";

/** How many of the mentee's check-ins are still to do (an ending cancels its follow-up's open ones). */
export async function openCheckinCount(menteeId: unknown): Promise<number> {
  const followUps = await followUpsOfMentee(menteeId);
  const checkins = (await Promise.all(followUps.map((f) => checkinsOfFollowUp(f._id)))).flat();
  return checkins.filter((c) => c.status === "open").length;
}
