import { appendToList, fillListsOnce, IdListModel, listLength, listLengths, setListHint, wholeList, wholeLists } from "~/db/id-lists.server.ts";
import { now } from "~/clock/clock.ts";
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
  await listIfLate(checkin._id, checkin.dueDay);
}

/** Before a check-in moves to another day. */
export async function listCheckinOnDay(checkinId: unknown, dueDay: Date): Promise<void> {
  await appendToList(dueDayList(dueDay), [checkinId]);
  await listIfLate(checkinId, dueDay);
}

// The coordinator's overdue check-ins start at the first day that may have any open, not three
// years back: a reader that finds every earlier day without an open check-in notes that day,
// under the number of check-ins listed on a day already past (or about to be) so far. Listing one
// there (a start recorded late, a move to an earlier day) is the only way an earlier day gets an
// open check-in again, and it makes the note obsolete: the next reader looks three years back once.
const lateListedCheckinList = "checkins-listed-late";
const openFromKey = (lateListed: number) => `checkins-open-from:${lateListed}`;
const dayNumber = (day: Date) => Math.round(day.getTime() / 86_400_000);

/** After a check-in is listed on a day: one due by the day after tomorrow may be late for a coordinator already. */
async function listIfLate(checkinId: unknown, dueDay: Date): Promise<void> {
  if (dueDay.getTime() <= addDays(now(), 2).getTime()) await appendToList(lateListedCheckinList, [checkinId]);
}

// A check-in that stops being open on its day (recorded, cancelled, moved away, erased) is listed
// again under "closed" for that day: a day's open check-ins number its due list's length less its
// closed list's, read for every past day in a few queries without reading a check-in.
const closedOnDayList = (day: Date) => `checkins-closed:${isoDay(day)}`;

/** After a check-in stopped being open on `dueDay`. */
export async function listClosedCheckins(checkins: { _id: unknown; dueDay: Date }[]): Promise<void> {
  const byDay = new Map<string, { day: Date; ids: unknown[] }>();
  for (const c of checkins) {
    const entry = byDay.get(isoDay(c.dueDay)) ?? { day: c.dueDay, ids: [] };
    entry.ids.push(c._id);
    byDay.set(isoDay(c.dueDay), entry);
  }
  for (const { day, ids } of byDay.values()) await appendToList(closedOnDayList(day), ids);
}

/** How far back open check-ins are looked for: a follow-up lasts months, never years. */
const OPEN_CHECKINS_LOOKED_BACK_DAYS = 3 * 366;
/** At most this many days are read at a time, oldest first, until enough open check-ins are found. */
const MOST_DAYS_READ_TOGETHER = 60;

/**
 * The open check-ins due on or before `lastDay`, the longest due first (by due day, then id), at
 * least `wanted` of them when there are so many (whole days are read), and how many there are in
 * all. `after` continues a list shown before: only check-ins after that one in this order. Only
 * days with open ones are read, and of those only the oldest: the cost follows what is shown, not
 * the programme's history. `more`: days with open check-ins were left unread.
 */
export async function openCheckinsDueBy(lastDay: Date, wanted = Infinity, after?: { day: string; id: string }): Promise<{ checkins: Checkin[]; total: number; more: boolean }> {
  const lateListed = await listLength(lateListedCheckinList);
  const openFrom = (await IdListModel.findById(openFromKey(lateListed)).lean())?.top;
  const earliest = dayNumber(lastDay) - OPEN_CHECKINS_LOOKED_BACK_DAYS + 1;
  // A note past the last day was taken with a later clock (only tests move it back): not used.
  const first = openFrom !== undefined && openFrom <= dayNumber(lastDay) + 1 ? Math.max(earliest, openFrom) : earliest;
  const days = Array.from({ length: dayNumber(lastDay) - first + 1 }, (_, n) => addDays(lastDay, n - (dayNumber(lastDay) - first)));
  const lengths = await listLengths([...days.map(dueDayList), ...days.map(closedOnDayList)]);
  const openOn = (day: Date) => (lengths.get(dueDayList(day)) ?? 0) - (lengths.get(closedOnDayList(day)) ?? 0);
  const withOpen = days.filter((day) => openOn(day) > 0);
  const openFromNow = withOpen.length ? dayNumber(withOpen[0]) : dayNumber(lastDay) + 1;
  if (openFromNow !== openFrom) await setListHint(openFromKey(lateListed), openFromNow);
  const total = withOpen.reduce((sum, day) => sum + openOn(day), 0);
  const unread = after ? withOpen.filter((day) => isoDay(day) >= after.day) : withOpen;
  const isAfter = (id: string, day: string) => !after || day > after.day || (day === after.day && id > after.id);
  const open = new Map<string, Checkin>();
  let start = 0;
  for (; start < unread.length && open.size < wanted; ) {
    // The oldest days whose open check-ins, by the lists' lengths, make up what is still wanted.
    let end = start;
    for (let expected = 0; end < unread.length && end - start < MOST_DAYS_READ_TOGETHER && (end === start || expected < wanted - open.size); end++) expected += openOn(unread[end]);
    const batch = unread.slice(start, end);
    start = end;
    const ids = await wholeLists([...batch.map(dueDayList), ...batch.map(closedOnDayList)], 5000);
    const candidates = batch.flatMap((day) => {
      const closed = new Set(ids.get(closedOnDayList(day)));
      return (ids.get(dueDayList(day)) ?? []).filter((id) => !closed.has(id) && isAfter(id, isoDay(day))).map((id) => ({ id, day: isoDay(day) }));
    });
    const found = await findByIds<Checkin>(
      CheckinModel,
      candidates.map((c) => c.id),
    );
    // Each check-in on the day it is due now (a moved one is listed on both days for a moment).
    found.forEach((c, n) => {
      if (c?.status === "open" && isoDay(c.dueDay) === candidates[n].day) open.set(String(c._id), c);
    });
  }
  const checkins = [...open.values()].sort((a, b) => a.dueDay.getTime() - b.dueDay.getTime() || (String(a._id) < String(b._id) ? -1 : 1));
  return { checkins, total, more: start < unread.length };
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

/** The check-ins of many follow-ups, each follow-up's by due day, in a few queries; with `fields`, only those. */
export async function checkinsOfFollowUps(followUpIds: unknown[], fields?: string): Promise<Map<string, Checkin[]>> {
  const lists = await wholeLists(followUpIds.map(followUpCheckinList), 500);
  const found = await findByIds<Checkin>(CheckinModel, [...new Set([...lists.values()].flat())], fields);
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
    const checkins = await CheckinModel.find({}).select("_id dueDay status").lean();
    checkins.sort((a, b) => String(a._id).localeCompare(String(b._id)));
    const byDay = new Map<string, unknown[]>();
    for (const c of checkins) byDay.set(dueDayList(c.dueDay), [...(byDay.get(dueDayList(c.dueDay)) ?? []), c._id]);
    for (const [list, ids] of byDay) await appendToList(list, ids);
    await listClosedCheckins(checkins.filter((c) => c.status !== "open"));
    return checkins.length;
  });
}
