import { Schema } from "mongoose";
import { findByIds } from "./by-ids.server.ts";
import { defineModel, isDuplicateKeyError } from "./connection.server.ts";
import { pageWithin } from "~/db/paging.ts";

/**
 * Lists of record ids that the portal's lists page through, each kept as numbered entries
 * ("<list>#1", "<list>#2", …) found by _id alone. FerretDB 1.24's SQLite backend answers nothing
 * but an `_id` from an index: any other filter or sort reads and decodes the whole collection, which
 * takes seconds at 100 000 placements (docs/decisions/020-lists.md). A page of a list is a few reads
 * by _id, however long the list and the collection are, on FerretDB and on MongoDB alike.
 *
 * An entry is only ever added: taking a position is an insert of a unique _id, atomic on both
 * databases (an update that reads and writes back is not, on FerretDB). So an entry may name a
 * record that is gone or no longer belongs to the list (a mentee handed over, a placement put
 * back up): the reader checks every record it fetches, and the list's length counts such entries
 * too. Entries are added before the record is written, so a record is never missing from its list.
 */
const idListSchema = new Schema({ _id: { type: String, required: true }, top: { type: Number, required: true } });
/** Each list's length as last written: a hint, since two writers may race; entries past it are found by probing. */
export const IdListModel = defineModel("IdList", idListSchema);

const idListEntrySchema = new Schema({ _id: { type: String, required: true }, id: { type: Schema.Types.ObjectId, required: true } });
export const IdListEntryModel = defineModel("IdListEntry", idListEntrySchema);

const entryKey = (list: string, position: number) => `${list}#${position}`;

async function entryExists(list: string, position: number): Promise<boolean> {
  return Boolean(await IdListEntryModel.exists({ _id: entryKey(list, position) }));
}

/** How many entries the list has: the hint, then probing past it (entries have no gaps, so a binary search finds the end). */
export async function listLength(list: string): Promise<number> {
  const head = await IdListModel.findById(list).lean();
  const hint = head?.top ?? 0;
  if (!(await entryExists(list, hint + 1))) return hint;
  // low exists, high does not: double the step until one is missing, then halve the gap.
  let low = hint + 1;
  let step = 1;
  while (await entryExists(list, low + step)) {
    low += step;
    step *= 2;
  }
  let high = low + step;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await entryExists(list, middle)) low = middle;
    else high = middle;
  }
  return low;
}

/** Adds ids at the end of the list, in order as far as other writers allow. */
export async function appendToList(list: string, ids: unknown[]): Promise<void> {
  let pending = ids;
  if (pending.length === 0) return;
  let next = (await listLength(list)) + 1;
  while (pending.length) {
    const entries = pending.map((id, n) => ({ _id: entryKey(list, next + n), id }));
    const taken = await insertEntries(entries);
    next += pending.length;
    pending = pending.filter((_, n) => taken.has(n));
  }
  // A hint only: a lower value from a racing writer is corrected by the next reader's probe.
  await upsertHead(list, { $max: { top: next - 1 } });
}

/** Two writers creating the same head at once: one insert wins, the other updates what it made. */
async function upsertHead(list: string, update: Record<string, unknown>): Promise<void> {
  try {
    await IdListModel.updateOne({ _id: list }, update, { upsert: true });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await IdListModel.updateOne({ _id: list }, update);
  }
}

/** A number a list's reader notes for the next one (where to start reading), stored as a head. */
export async function setListHint(key: string, value: number): Promise<void> {
  await upsertHead(key, { $set: { top: value } });
}

/** Positions another writer took first (their inserts failed on the unique _id). */
async function insertEntries(entries: { _id: string; id: unknown }[]): Promise<Set<number>> {
  try {
    await IdListEntryModel.insertMany(entries, { ordered: false });
    return new Set();
  } catch (error) {
    const failures = (error as { writeErrors?: { index?: number; err?: { index?: number }; code?: number }[] }).writeErrors;
    if (!failures?.length) {
      if (isDuplicateKeyError(error) && entries.length === 1) return new Set([0]);
      throw error;
    }
    if (failures.some((f) => f.code !== undefined && f.code !== 11000)) throw error;
    return new Set(failures.map((f) => (f.index ?? f.err?.index)!));
  }
}

async function idsAt(list: string, positions: number[]): Promise<string[]> {
  const entries = await findByIds<{ id: unknown }>(IdListEntryModel, positions.map((position) => entryKey(list, position)));
  return entries.flatMap((entry) => (entry ? [String(entry.id)] : []));
}

/**
 * One page of the list, newest entry first: the ids at those positions (each once), the list's
 * length, and the page shown (the last one for a page past the end). Later pages cost the same
 * as the first.
 */
export async function pageOfList(list: string, options: { page: number; pageSize: number }): Promise<{ ids: string[]; length: number; page: number; pages: number }> {
  const length = await listLength(list);
  const { page, pages } = pageWithin(length, options.page, options.pageSize);
  const first = length - (page - 1) * options.pageSize;
  const positions = [];
  for (let position = first; position > Math.max(0, first - options.pageSize); position--) positions.push(position);
  return { ids: [...new Set(await idsAt(list, positions))], length, page, pages };
}

/** Every id of a short list (a caseload, an organisation's placements), newest first, each once, at most `limit` entries read. */
export async function wholeList(list: string, limit = 2000): Promise<string[]> {
  return (await wholeLists([list], limit)).get(list)!;
}

/** The lengths of many lists in two queries (and a probe for each list that outgrew its head's hint). */
export async function listLengths(lists: string[]): Promise<Map<string, number>> {
  const heads = await findByIds<{ top: number }>(IdListModel, lists, "top");
  const hints = heads.map((head) => head?.top ?? 0);
  const past = await findByIds<{ _id: string }>(
    IdListEntryModel,
    lists.map((list, n) => entryKey(list, hints[n] + 1)),
    "_id",
  );
  const lengths = await Promise.all(lists.map((list, n) => (past[n] ? listLength(list) : hints[n])));
  return new Map(lists.map((list, n) => [list, lengths[n]]));
}

/**
 * Every id of each of many short lists (the follow-ups of a caseload's mentees), newest first,
 * each once, at most `limit` entries a list: two queries in all (heads, then the entries with the
 * position past each head's hint), instead of a few a list. A list that outgrew its hint costs a
 * probe and one more query.
 */
export async function wholeLists(lists: string[], limit = 2000): Promise<Map<string, string[]>> {
  const unique = [...new Set(lists)];
  const heads = await findByIds<{ top: number }>(IdListModel, unique, "top");
  const lengths = new Map(unique.map((list, n) => [list, heads[n]?.top ?? 0]));
  const entries = await entriesOf(unique, lengths, limit, true);
  const outgrown = unique.filter((list) => entries.get(list)!.pastHint);
  if (outgrown.length) {
    const longer = await listLengths(outgrown);
    const more = await entriesOf(outgrown, longer, limit, false);
    for (const list of outgrown) entries.set(list, more.get(list)!);
  }
  return new Map([...entries].map(([list, { ids }]) => [list, [...ids]]));
}

/** The ids at each list's last `limit` positions up to its length, newest first; with `probe`, also whether the position past it is taken. */
async function entriesOf(lists: string[], lengths: Map<string, number>, limit: number, probe: boolean): Promise<Map<string, { ids: Set<string>; pastHint: boolean }>> {
  const keys: { list: string; key: string; past: boolean }[] = [];
  for (const list of lists) {
    const length = lengths.get(list) ?? 0;
    if (probe) keys.push({ list, key: entryKey(list, length + 1), past: true });
    for (let position = length; position > Math.max(0, length - limit); position--) keys.push({ list, key: entryKey(list, position), past: false });
  }
  const found = await findByIds<{ id: unknown }>(
    IdListEntryModel,
    keys.map((k) => k.key),
  );
  const result = new Map(lists.map((list) => [list, { ids: new Set<string>(), pastHint: false }]));
  keys.forEach((k, n) => {
    if (!found[n]) return;
    if (k.past) result.get(k.list)!.pastHint = true;
    else result.get(k.list)!.ids.add(String(found[n]!.id));
  });
  return result;
}

/** Records stored before their list, in the order of one of their dates, then of _id: two starts that fill the list write the same order. */
export function inDateOrder<T extends { _id: unknown }>(records: T[], dateOf: (record: T) => Date | null | undefined): T[] {
  const time = (record: T) => dateOf(record)?.getTime() ?? 0;
  return [...records].sort((a, b) => time(a) - time(b) || String(a._id).localeCompare(String(b._id)));
}

/**
 * Migration for records stored before the lists existed: runs `fill` once per database, unless
 * `list` already has entries (the records were stored by code that keeps the lists: a seed, a
 * benchmark). Two processes starting together may both fill: readers take each id once a page.
 */
export async function fillListsOnce(name: string, list: string, fill: () => Promise<number>): Promise<number> {
  return runOnce(name, async () => ((await listLength(list)) > 0 ? 0 : await fill()));
}

/** A migration step that, once it has run to its end, never runs again. */
export async function runOnce(name: string, step: () => Promise<number>): Promise<number> {
  const marker = `filled:${name}`;
  if (await IdListModel.exists({ _id: marker })) return 0;
  const changed = await step();
  await upsertHead(marker, { $setOnInsert: { top: 0 } });
  return changed;
}

/** Where the reader of `list` starts: every entry before it named a record that had left the list for good. */
const startKey = (list: string) => `${list}:start`;

/** An entry is taken before its record is written: a missing record this recent may still be on its way. */
const MISSING_RECORD_GRACE_MS = 60 * 60 * 1000;

function missingForGood(id: string, at: Date): boolean {
  const created = /^[0-9a-f]{24}$/i.test(id) ? parseInt(id.slice(0, 8), 16) * 1000 : 0;
  return at.getTime() - created > MISSING_RECORD_GRACE_MS;
}

/**
 * The records of a list that still belong to it (an organisation still waiting for verification),
 * oldest entry first, each once, at most `limit`. A record that left such a list never comes back
 * through its old entry (coming back adds a new one), so the reader remembers where the first
 * record that may still belong is, and starts there: the cost follows what is waiting, not the
 * list's history.
 */
export async function oldestInList<T extends { _id: unknown }>(
  list: string,
  options: { limit: number; read: (ids: string[]) => Promise<(T | null)[]>; belongs: (record: T) => boolean; at: Date },
): Promise<T[]> {
  const [head, length] = await Promise.all([IdListModel.findById(startKey(list)).lean(), listLength(list)]);
  const start = Math.max(1, head?.top ?? 1);
  const found = new Map<string, T>();
  let firstStaying = 0;
  const chunk = Math.max(options.limit, 100);
  for (let from = start; from <= length && found.size < options.limit; from += chunk) {
    const positions = Array.from({ length: Math.min(chunk, length - from + 1) }, (_, n) => from + n);
    const entries = await findByIds<{ id: unknown }>(
      IdListEntryModel,
      positions.map((position) => entryKey(list, position)),
    );
    const ids = entries.map((entry) => (entry ? String(entry.id) : ""));
    const records = await options.read(ids.filter(Boolean));
    const byId = new Map(records.flatMap((record) => (record ? [[String(record._id), record] as const] : [])));
    for (let n = 0; n < positions.length; n++) {
      const record = byId.get(ids[n]);
      const stays = record ? options.belongs(record) : !ids[n] || !missingForGood(ids[n], options.at);
      if (stays && !firstStaying) firstStaying = positions[n];
      if (record && stays && found.size < options.limit) found.set(ids[n], record);
    }
  }
  // Everything read before the first record that may stay has left; a race only moves the start less far.
  const readUpTo = firstStaying || length + 1;
  if (readUpTo > start) await upsertHead(startKey(list), { $max: { top: readUpTo } });
  return [...found.values()];
}

/**
 * The records of a list that still belong to it, newest entry first (each record at its latest
 * entry), at most `limit`, reading back at most `mostRead` entries.
 */
export async function newestInList<T extends { _id: unknown }>(
  list: string,
  options: { limit: number; read: (ids: string[]) => Promise<(T | null)[]>; belongs: (record: T) => boolean; mostRead?: number },
): Promise<T[]> {
  const length = await listLength(list);
  const chunk = options.limit * 3;
  const seen = new Set<string>();
  const found: T[] = [];
  const last = Math.max(0, length - (options.mostRead ?? 1000));
  for (let to = length; to > last && found.length < options.limit; to -= chunk) {
    const positions = [];
    for (let position = to; position > Math.max(last, to - chunk); position--) positions.push(position);
    const ids = (await idsAt(list, positions)).filter((id) => !seen.has(id));
    const records = await options.read([...new Set(ids)]);
    for (const record of records) {
      if (!record || seen.has(String(record._id))) continue;
      seen.add(String(record._id));
      if (options.belongs(record) && found.length < options.limit) found.push(record);
    }
    for (const id of ids) seen.add(id);
  }
  return found;
}
