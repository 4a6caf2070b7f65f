import { appendToList, fillListsOnce, listLengths, wholeList } from "~/db/id-lists.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";
import { keyedHash } from "~/security/derived-keys.server.ts";
import { MenteeModel, type Mentee } from "./model.server.ts";

// The lists of mentees that pages read by position (app/db/id-lists.server.ts): the programme's
// and each lead mentor's caseload. A handover adds the mentee to the new mentor's list; the old
// mentor's reader skips her from then on, as it checks each mentee's lead mentor.
export const programmeMenteeList = "mentees";
export const caseloadList = (mentorId: unknown) => `mentees-of:${String(mentorId)}`;

// A coordinator finds one person among thousands by the start of any word of her name: each
// word's beginnings (from three letters) are lists too. Their names are keyed hashes, so the lists
// do not spell out the names of people erased since.
const longestNamePrefix = 24;
const nameList = (prefix: string) => `mentee-name:${keyedHash("mentee-name", prefix)}`;

/** A name's words as a coordinator may type them: lower case, without accents (Đ as D, Ø as O, Æ as AE). */
export function nameWords(name: string): string[] {
  const plain = name
    .toLowerCase()
    .replace(/đ/g, "d")
    .replace(/ø/g, "o")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "");
  return plain.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function namePrefixes(name: string): string[] {
  const prefixes = new Set<string>();
  for (const word of nameWords(name)) {
    for (let length = Math.min(3, word.length); length <= Math.min(word.length, longestNamePrefix); length++) prefixes.add(word.slice(0, length));
  }
  return [...prefixes];
}

type ListedMentee = { _id: unknown; mentorId: unknown; firstName?: string; fullName?: string };

/** Before new mentees are stored. */
export async function listNewMentees(mentees: ListedMentee[]): Promise<void> {
  await appendToList(
    programmeMenteeList,
    mentees.map((m) => m._id),
  );
  const byMentor = new Map<string, unknown[]>();
  for (const m of mentees) byMentor.set(String(m.mentorId), [...(byMentor.get(String(m.mentorId)) ?? []), m._id]);
  for (const [mentorId, ids] of byMentor) await appendToList(caseloadList(mentorId), ids);
  await listNames(mentees);
}

/** Before a mentee's name is stored (new, or changed): her id under each beginning of its words. */
export async function listNames(mentees: { _id: unknown; firstName?: string; fullName?: string }[]): Promise<void> {
  const byPrefix = new Map<string, unknown[]>();
  for (const m of mentees) {
    for (const prefix of namePrefixes(`${m.firstName ?? ""} ${m.fullName ?? ""}`)) byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), m._id]);
  }
  for (const [prefix, ids] of byPrefix) await appendToList(nameList(prefix), ids);
}

/**
 * Ids of mentees that may have a word of their name starting with each word of `query` (the
 * reader checks each record's name: a renamed mentee stays in the lists of her old name), at most
 * `limit` of the newest. Empty for a query without a word.
 */
export async function menteeIdsByName(query: string, limit = 2000): Promise<{ words: string[]; ids: string[] }> {
  const words = nameWords(query).slice(0, 5);
  if (!words.length) return { words, ids: [] };
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  return { words, ids: await wholeList(nameList(longest.slice(0, longestNamePrefix)), limit) };
}

/** Before a mentee's lead mentor changes. */
export async function listInCaseload(menteeId: unknown, mentorId: unknown): Promise<void> {
  await appendToList(caseloadList(mentorId), [menteeId]);
}

// How many people a mentor leads, without reading them: every arrival is an entry of her caseload
// list and every departure one of her leavers' list, so the difference is her caseload.
const leftCaseloadList = (mentorId: unknown) => `mentees-left:${String(mentorId)}`;

/**
 * After a mentee left a mentor's caseload (a handover, an import that changed her mentor); also
 * after a handover that did not happen (a second submit) for the mentor she was listed for.
 */
export async function listLeftCaseload(menteeId: unknown, mentorId: unknown): Promise<void> {
  await appendToList(leftCaseloadList(mentorId), [menteeId]);
}

/** Each mentor's caseload size, in a few queries for all of them. */
export async function caseloadSizes(mentorIds: unknown[]): Promise<Map<string, number>> {
  const lengths = await listLengths([...mentorIds.map(caseloadList), ...mentorIds.map(leftCaseloadList)]);
  return new Map(mentorIds.map((id) => [String(id), Math.max(0, (lengths.get(caseloadList(id)) ?? 0) - (lengths.get(leftCaseloadList(id)) ?? 0))]));
}

/** Migration: the names of mentees stored before their names were lists (ids listed twice are read once). */
export async function listEarlierNames(): Promise<number> {
  return fillListsOnce("mentee-names", "mentee-names:none", async () => {
    const mentees = await MenteeModel.find({}).select("_id firstName fullName").lean();
    mentees.sort((a, b) => String(a._id).localeCompare(String(b._id)));
    for (let i = 0; i < mentees.length; i += 500) await listNames(mentees.slice(i, i + 500));
    return mentees.length;
  });
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

// Her own pages find her mentee record from her account by _id: on FerretDB a filter on userId
// reads every mentee up to hers (seconds for one added late among 20 000).
const accountMenteeList = (userId: unknown) => `mentee-of-account:${String(userId)}`;

/** Before a mentee record is linked to an account (an invitation, a desk session's account). */
export async function listMenteeAccount(userId: unknown, menteeId: unknown): Promise<void> {
  await appendToList(accountMenteeList(userId), [menteeId]);
}

/** The mentee record linked to this account, or null: read by _id and checked to be linked to it still. */
export async function menteeOfAccount(userId: unknown): Promise<Mentee | null> {
  const ids = await wholeList(accountMenteeList(userId), 10);
  const listed = (await findByIds<Mentee>(MenteeModel, ids)).find((m) => m && String(m.userId) === String(userId));
  if (listed) return listed;
  // Linked without an entry (a seed, a test, a record written by hand): found the slow way once, then listed.
  const linked = await MenteeModel.findOne({ userId }).lean<Mentee>();
  if (linked) await listMenteeAccount(userId, linked._id);
  return linked;
}

/** Migration: mentee records linked to an account before the lists enter them (server/migrate.ts). */
export async function listEarlierMenteeAccounts(): Promise<number> {
  return fillListsOnce("mentee-accounts", "mentee-accounts:none", async () => {
    const linked = await MenteeModel.find({ userId: { $exists: true, $ne: null } }).select("_id userId").lean();
    linked.sort((a, b) => String(a._id).localeCompare(String(b._id)));
    for (const mentee of linked) await listMenteeAccount(mentee.userId, mentee._id);
    return linked.length;
  });
}
