import { appendToList, fillListsOnce, listLengths, listsDone, markListDone, wholeList, wholeLists } from "~/db/id-lists.server.ts";
import { addDays, isoDay } from "./days.ts";
import { CheckinModel, FollowUpModel, type Checkin, type FollowUp } from "./model.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";

// The follow-ups and check-ins that pages read by position (app/db/id-lists.server.ts): every
// follow-up, a mentee's and an organisation's, and each follow-up's check-ins.
export const everyFollowUpList = "follow-ups";
const menteeFollowUpList = (menteeId: unknown) => `follow-ups-of-mentee:${String(menteeId)}`;
const organisationFollowUpList = (organisationId: unknown) => `follow-ups-of:${String(organisationId)}`;
const followUpCheckinList = (followUpId: unknown) => `checkins-of:${String(followUpId)}`;

/** Before a follow-up is stored. */
export async function listNewFollowUp(followUp: { _id: unknown; menteeId: unknown; organisationId: unknown }): Promise<void> {
  await appendToList(everyFollowUpList, [followUp._id]);
  await appendToList(menteeFollowUpList(followUp.menteeId), [followUp._id]);
  await appendToList(organisationFollowUpList(followUp.organisationId), [followUp._id]);
}

const dueDayList = (day: Date) => `checkins-due:${isoDay(day)}`;

/** Before a check-in is stored. */
export async function listNewCheckin(checkin: { _id: unknown; followUpId: unknown; dueDay: Date }): Promise<void> {
  await appendToList(followUpCheckinList(checkin.followUpId), [checkin._id]);
  await appendToList(dueDayList(checkin.dueDay), [checkin._id]);
}

/** Before a check-in moves to another day. */
export async function listCheckinOnDay(checkinId: unknown, dueDay: Date): Promise<void> {
  await appendToList(dueDayList(dueDay), [checkinId]);
}

/** How far back open check-ins are looked for: a follow-up lasts months, never years. */
const OPEN_CHECKINS_LOOKED_BACK_DAYS = 3 * 366;

/**
 * Every open check-in due on or before `lastDay`, by the lists of check-ins due each day. A past
 * day whose check-ins are all done or cancelled is marked so, and skipped until one is added to
 * it (a move): the read follows the check-ins still open, not the programme's history.
 */
export async function openCheckinsDueBy(lastDay: Date): Promise<Checkin[]> {
  const days = Array.from({ length: OPEN_CHECKINS_LOOKED_BACK_DAYS }, (_, n) => addDays(lastDay, -n));
  const lengths = await listLengths(days.map(dueDayList));
  const done = await listsDone(lengths);
  const toRead = [...lengths].filter(([list, length]) => length > 0 && !done.has(list)).map(([list]) => list);
  const ids = await wholeLists(toRead, 5000);
  const found = await findByIds<Checkin>(CheckinModel, [...new Set([...ids.values()].flat())]);
  const byId = new Map(found.filter((c): c is Checkin => Boolean(c)).map((c) => [String(c._id), c]));
  const open = new Map<string, Checkin>();
  for (const list of toRead) {
    const listed = (ids.get(list) ?? []).map((id) => byId.get(id));
    const openHere = listed.filter((c): c is Checkin => c?.status === "open" && dueDayList(c.dueDay) === list);
    for (const c of openHere) open.set(String(c._id), c);
    // Only days already past for every country: today's and yesterday's can still get check-ins.
    if (openHere.length === 0 && list < dueDayList(addDays(lastDay, -2))) await markListDone(list, lengths.get(list)!);
  }
  return [...open.values()];
}

async function followUpsIn(list: string, belongs: (f: FollowUp) => boolean): Promise<FollowUp[]> {
  const ids = await wholeList(list, 1000);
  const found = await findByIds<FollowUp>(FollowUpModel, ids);
  return found.filter((f): f is FollowUp => Boolean(f) && belongs(f!));
}

/** A mentee's follow-ups, each read by _id (FerretDB answers a filter on menteeId from a scan). */
export function followUpsOfMentee(menteeId: unknown): Promise<FollowUp[]> {
  return followUpsIn(menteeFollowUpList(menteeId), (f) => String(f.menteeId) === String(menteeId));
}

/** An organisation's follow-ups, newest start first. */
export async function followUpsOfOrganisation(organisationId: unknown): Promise<FollowUp[]> {
  const followUps = await followUpsIn(organisationFollowUpList(organisationId), (f) => String(f.organisationId) === String(organisationId));
  return followUps.sort((a, b) => b.startDay.getTime() - a.startDay.getTime());
}

/** A follow-up's check-ins by due day. */
export async function checkinsOfFollowUp(followUpId: unknown): Promise<Checkin[]> {
  const ids = await wholeList(followUpCheckinList(followUpId), 500);
  const found = await findByIds<Checkin>(CheckinModel, ids);
  return found.filter((c): c is Checkin => Boolean(c) && String(c!.followUpId) === String(followUpId)).sort((a, b) => a.dueDay.getTime() - b.dueDay.getTime());
}

/** The follow-ups of many mentees (a caseload) in a few queries, not a few per mentee. */
export async function followUpsOfMentees(menteeIds: unknown[]): Promise<FollowUp[]> {
  const lists = await wholeLists(menteeIds.map(menteeFollowUpList), 1000);
  const wanted = new Set(menteeIds.map(String));
  const found = await findByIds<FollowUp>(FollowUpModel, [...new Set([...lists.values()].flat())]);
  return found.filter((f): f is FollowUp => Boolean(f) && wanted.has(String(f!.menteeId)));
}

/** The check-ins of many follow-ups, each follow-up's by due day, in a few queries. */
export async function checkinsOfFollowUps(followUpIds: unknown[]): Promise<Map<string, Checkin[]>> {
  const lists = await wholeLists(followUpIds.map(followUpCheckinList), 500);
  const found = await findByIds<Checkin>(CheckinModel, [...new Set([...lists.values()].flat())]);
  const byFollowUp = new Map<string, Checkin[]>(followUpIds.map((id) => [String(id), []]));
  for (const checkin of found) if (checkin) byFollowUp.get(String(checkin.followUpId))?.push(checkin);
  for (const checkins of byFollowUp.values()) checkins.sort((a, b) => a.dueDay.getTime() - b.dueDay.getTime());
  return byFollowUp;
}

/** Migration: follow-ups and check-ins stored before the lists enter them (server/migrate.ts). */
export async function listEarlierFollowUps(): Promise<number> {
  return fillListsOnce("follow-ups", everyFollowUpList, async () => {
    const followUps = await FollowUpModel.find({}).select("_id menteeId organisationId").lean();
    followUps.sort((a, b) => String(a._id).localeCompare(String(b._id)));
    for (const followUp of followUps) await listNewFollowUp(followUp);
    const checkins = await CheckinModel.find({}).select("_id followUpId").lean();
    checkins.sort((a, b) => String(a._id).localeCompare(String(b._id)));
    const byFollowUp = new Map<string, unknown[]>();
    for (const c of checkins) byFollowUp.set(String(c.followUpId), [...(byFollowUp.get(String(c.followUpId)) ?? []), c._id]);
    for (const [followUpId, ids] of byFollowUp) await appendToList(followUpCheckinList(followUpId), ids);
    return followUps.length + checkins.length;
  });
}

/** Migration: check-ins stored before the lists of check-ins due each day enter them (server/migrate.ts). */
export async function listEarlierDueDays(): Promise<number> {
  return fillListsOnce("checkins-due", "checkins-due:none", async () => {
    const checkins = await CheckinModel.find({}).select("_id dueDay").lean();
    checkins.sort((a, b) => String(a._id).localeCompare(String(b._id)));
    const byDay = new Map<string, unknown[]>();
    for (const c of checkins) byDay.set(dueDayList(c.dueDay), [...(byDay.get(dueDayList(c.dueDay)) ?? []), c._id]);
    for (const [list, ids] of byDay) await appendToList(list, ids);
    return checkins.length;
  });
}
