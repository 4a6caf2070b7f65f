import { appendToList, fillListsOnce } from "~/db/id-lists.server.ts";
import { MenteeModel } from "./model.server.ts";

// The lists of mentees that pages read by position (app/db/id-lists.server.ts): the programme's
// and each lead mentor's caseload. A handover adds the mentee to the new mentor's list; the old
// mentor's reader skips her from then on, as it checks each mentee's lead mentor.
export const programmeMenteeList = "mentees";
export const caseloadList = (mentorId: unknown) => `mentees-of:${String(mentorId)}`;

/** Before new mentees are stored. */
export async function listNewMentees(mentees: { _id: unknown; mentorId: unknown }[]): Promise<void> {
  await appendToList(
    programmeMenteeList,
    mentees.map((m) => m._id),
  );
  const byMentor = new Map<string, unknown[]>();
  for (const m of mentees) byMentor.set(String(m.mentorId), [...(byMentor.get(String(m.mentorId)) ?? []), m._id]);
  for (const [mentorId, ids] of byMentor) await appendToList(caseloadList(mentorId), ids);
}

/** Before a mentee's lead mentor changes. */
export async function listInCaseload(menteeId: unknown, mentorId: unknown): Promise<void> {
  await appendToList(caseloadList(mentorId), [menteeId]);
}

/** Migration: mentees stored before the lists, oldest first, enter them (server/migrate.ts). */
export async function listEarlierMentees(): Promise<number> {
  return fillListsOnce("mentees", programmeMenteeList, async () => {
    const mentees = await MenteeModel.find({}).select("_id mentorId").lean();
    mentees.sort((a, b) => String(a._id).localeCompare(String(b._id)));
    await listNewMentees(mentees);
    return mentees.length;
  });
}
