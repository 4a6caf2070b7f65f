import { checkinsOfFollowUps, followUpsOfMentees } from "./lists.server.ts";

/** How many of the mentee's check-ins are still to do (an ending cancels its follow-up's open ones). */
export async function openCheckinCount(menteeId: unknown): Promise<number> {
  return (await openCheckinCounts([menteeId])).get(String(menteeId))!;
}

/** The same for many mentees at once (a caseload), by mentee id. */
export async function openCheckinCounts(menteeIds: unknown[]): Promise<Map<string, number>> {
  const followUps = await followUpsOfMentees(menteeIds);
  const checkins = await checkinsOfFollowUps(followUps.map((f) => f._id));
  const counts = new Map<string, number>(menteeIds.map((id) => [String(id), 0]));
  for (const followUp of followUps) {
    const open = (checkins.get(String(followUp._id)) ?? []).filter((c) => c.status === "open").length;
    counts.set(String(followUp.menteeId), (counts.get(String(followUp.menteeId)) ?? 0) + open);
  }
  return counts;
}
