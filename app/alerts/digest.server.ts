import { UserModel } from "~/accounts/model.server.ts";
import { addDays, atLocalHour, dayFromIso, isoDay, localToday } from "~/checkins/days.ts";
import { now } from "~/clock/clock.ts";
import { completeWhenSent, enqueueEmail } from "~/email/queue.server.ts";
import { publicUrl } from "~/env.server.ts";
import { isLanguage } from "~/i18n/languages.ts";
import { planFilters, type Relaxation } from "~/matching/matching.server.ts";
import { toPlan, type MenteePlan } from "~/mentees/mentees.server.ts";
import { MenteeModel, type Mentee } from "~/mentees/model.server.ts";
import { OutboxModel } from "~/outbox/model.server.ts";
import { CancelledDelivery, enqueueOutbox, registerOutboxHandler } from "~/outbox/outbox.server.ts";
import { ensurePlacementIndexOnce, placementIndexName } from "~/placements/search-index.server.ts";
import { placementTitles } from "~/placements/titles.server.ts";
import { getSearchClient } from "~/search/client.server.ts";
import { hashToken, randomToken } from "~/security/tokens.server.ts";
import { fingerprintOf } from "./fingerprint.server.ts";
import { AlertDigestModel, digestIdOf, SavedSearchModel, UnsubscribeTokenModel, type AlertDigest, type SavedSearch } from "./model.server.ts";

// The digest: once a day at 07:00 in a programme time zone, one outbox item ("alerts-run") finds
// the new fits of every saved search of that zone, in batches of one Meilisearch multi-search,
// writes each mentor's digest of the day and queues one e-mail per mentor with the key
// alerts-digest:<mentor>:<local day>, so that no mentor gets two in a day whatever is retried.
// Weekly searches are looked at on Mondays only. See docs/decisions/019-alerts.md.

export const DIGEST_HOUR = 7;
const RUN = "alerts-run";
/** Saved searches per multi-search request. */
export const SEARCHES_PER_REQUEST = 100;
/** Placements per saved search in one digest: more are on the matches page. */
const PLACEMENTS_PER_SEARCH = 20;
/**
 * A placement reaches the index a moment after it is published: a run looks at what was published
 * up to this long before it, and the next run goes on from there. The windows of one search never
 * overlap, so no placement comes twice; the digests record what was sent.
 */
export const INDEX_LAG_MS = 5 * 60_000;

/** The next 07:00 in the time zone after this moment. */
export function nextRunAt(timeZone: string, after: Date = now()): Date {
  const today = localToday(after, timeZone);
  const at = atLocalHour(today, DIGEST_HOUR, timeZone);
  return at.getTime() > after.getTime() ? at : atLocalHour(addDays(today, 1), DIGEST_HOUR, timeZone);
}

/** Queues the zone's next run (once: the key names the zone and the local day). */
export async function scheduleDigestRun(timeZone: string, after: Date = now()): Promise<void> {
  const at = nextRunAt(timeZone, after);
  const day = isoDay(localToday(at, timeZone));
  await enqueueOutbox(RUN, { timeZone, day }, null, { dueAt: at, key: `alerts-run:${timeZone}:${day}` });
}

export interface FitQuery {
  plan: MenteePlan;
  relax: Relaxation;
  /** Placements published after this moment (ms) and up to `until` are looked for. */
  from: number;
  until: number;
}

/** For each query, the ids of the placements that fit its plan and were published in its window: one multi-search per hundred queries. */
export async function findNewFits(queries: FitQuery[]): Promise<string[][]> {
  if (queries.length === 0) return [];
  await ensurePlacementIndexOnce();
  const indexUid = placementIndexName();
  const found: string[][] = [];
  for (let start = 0; start < queries.length; start += SEARCHES_PER_REQUEST) {
    const batch = queries.slice(start, start + SEARCHES_PER_REQUEST);
    const { results } = await getSearchClient().multiSearch({
      queries: batch.map(({ plan, relax, from, until }) => ({
        indexUid,
        q: "",
        filter: [...planFilters(plan, relax), `publishedAt > ${Math.floor(from)}`, `publishedAt <= ${Math.floor(until)}`],
        sort: ["publishedAt:asc"],
        limit: PLACEMENTS_PER_SEARCH,
        attributesToRetrieve: ["id"],
      })),
    });
    for (const result of results) found.push(result.hits.map((hit) => String((hit as { id: string }).id)));
  }
  return found;
}

const relaxOf = (search: SavedSearch): Relaxation => ({ ...(search.relax ?? {}) });

/**
 * One batch of a run: each search whose mentee is still the mentor's and whose plan still has the
 * saved fingerprint is looked for; a plan that changed pauses its search, a mentee who left the
 * caseload ends it.
 */
async function runBatch(searches: SavedSearch[], timeZone: string, day: string, until: Date): Promise<void> {
  // One query for the batch rather than a lookup per search: one by one, the run of 10 000 searches took minutes on FerretDB (tests/bench/alerts.bench.ts).
  const found = await MenteeModel.find({ _id: { $in: searches.map((s) => s.menteeId) } }).lean<Mentee[]>();
  const byId = new Map(found.map((m) => [String(m._id), m]));
  const mentees = searches.map((s) => byId.get(String(s.menteeId)));
  const looked: { search: SavedSearch; query: FitQuery }[] = [];
  for (const [i, search] of searches.entries()) {
    const mentee = mentees[i];
    if (!mentee || String(mentee.mentorId) !== String(search.mentorId)) {
      await SavedSearchModel.deleteOne({ _id: search._id });
      continue;
    }
    const plan = toPlan(mentee);
    if (fingerprintOf(plan) !== search.fingerprint) {
      await SavedSearchModel.updateOne({ _id: search._id }, { $set: { status: "paused", pausedAt: now() } });
      continue;
    }
    const from = Math.max(search.checkedUpTo.getTime(), search.savedAt.getTime());
    looked.push({ search, query: { plan, relax: relaxOf(search), from, until: until.getTime() } });
  }
  const fits = await findNewFits(looked.map((l) => l.query));
  // Few writes: one per mentor and one for the batch, rather than one per search.
  const entriesByMentor = new Map<string, { searchId: unknown; menteeId: unknown; placementIds: string[]; since: Date }[]>();
  for (const [i, { search, query }] of looked.entries()) {
    if (fits[i].length === 0) continue;
    const entries = entriesByMentor.get(String(search.mentorId)) ?? [];
    entries.push({ searchId: search._id, menteeId: search.menteeId, placementIds: fits[i], since: new Date(query.from) });
    entriesByMentor.set(String(search.mentorId), entries);
  }
  // The digests first, then the searches: a run that stops in between finds the searches still to
  // do, and adds to a digest only the entries it does not hold yet.
  await Promise.all(
    [...entriesByMentor].map(async ([mentorId, entries]) => {
      const _id = digestIdOf(mentorId, day);
      const digest = await AlertDigestModel.findOneAndUpdate(
        { _id },
        { $setOnInsert: { mentorId, day, timeZone, entries: [], createdAt: now() } },
        { upsert: true, new: true },
      ).lean<AlertDigest>();
      const held = new Set((digest?.entries ?? []).map((e) => String(e.searchId)));
      const missing = entries.filter((e) => !held.has(String(e.searchId)));
      if (missing.length) await AlertDigestModel.updateOne({ _id }, { $push: { entries: { $each: missing } } });
    }),
  );
  if (looked.length) await SavedSearchModel.updateMany({ _id: { $in: looked.map((l) => l.search._id) } }, { $set: { checkedUpTo: until } });
}

/** One e-mail per mentor and local day: the outbox adds none while one with this key exists. */
export function digestEmailKey(mentorId: unknown, day: string): string {
  return `alerts-digest:${String(mentorId)}:${day}`;
}

/** Monday in the zone: weekly searches are looked at then. */
function isMonday(day: string): boolean {
  return dayFromIso(day).getUTCDay() === 1;
}

/**
 * A run in the zone: finds what is new up to now, writes the digests of the local day it runs on
 * (a run retried late belongs to the day it finally runs on) and queues their e-mails.
 */
export async function runDigests(timeZone: string): Promise<{ searches: number; digests: number }> {
  const day = isoDay(localToday(now(), timeZone));
  const until = new Date(now().getTime() - INDEX_LAG_MS);
  const cadences = isMonday(day) ? ["daily", "weekly"] : ["daily"];
  const searches = await SavedSearchModel.find({ timeZone, status: "active", cadence: { $in: cadences }, checkedUpTo: { $lt: until } }).lean<SavedSearch[]>();
  const mentorIds = [...new Set(searches.map((s) => String(s.mentorId)))];
  // Today's e-mail already went out (a run repeated later in the day): what is new now waits for tomorrow's.
  const sentToday = new Set(
    (await OutboxModel.find({ key: { $in: mentorIds.map((id) => digestEmailKey(id, day)) }, status: { $ne: "pending" } }).select("key").lean()).map((item) => item.key),
  );
  const mentors = new Map<string, { active: boolean }>();
  const accounts = new Map((await UserModel.find({ _id: { $in: mentorIds } }).select("deactivatedAt approval").lean()).map((u) => [String(u._id), u]));
  for (const mentorId of mentorIds) {
    const mentor = accounts.get(mentorId);
    mentors.set(mentorId, { active: Boolean(mentor && !mentor.deactivatedAt && mentor.approval === "approved" && !sentToday.has(digestEmailKey(mentorId, day))) });
  }
  const ours = searches.filter((s) => mentors.get(String(s.mentorId))?.active);
  for (let start = 0; start < ours.length; start += SEARCHES_PER_REQUEST) {
    await runBatch(ours.slice(start, start + SEARCHES_PER_REQUEST), timeZone, day, until);
  }
  const digests = await AlertDigestModel.find({ timeZone, day, "entries.0": { $exists: true } }).select("_id mentorId").lean();
  for (const digest of digests) {
    const mentor = await UserModel.findById(digest.mentorId).select("email language").lean();
    if (!mentor) continue;
    await enqueueEmail({
      to: mentor.email,
      language: isLanguage(mentor.language) ? mentor.language : "en",
      template: "alertsDigest",
      params: { digestId: String(digest._id), name: "", searches: [], unsubscribe: "" },
      about: null,
      key: digestEmailKey(digest.mentorId, day),
    });
  }
  return { searches: ours.length, digests: digests.length };
}

async function run(raw: unknown): Promise<void> {
  const { timeZone } = raw as { timeZone: string };
  await runDigests(timeZone);
  // The next run, while any search of the zone still wants to be told; saving one queues it again.
  const wanted = await SavedSearchModel.exists({ timeZone, status: "active", cadence: { $in: ["daily", "weekly"] } });
  if (wanted) await scheduleDigestRun(timeZone);
}

registerOutboxHandler(RUN, run);

const relaxQuery = (relax: Relaxation) =>
  (Object.entries(relax) as [string, boolean | undefined][])
    .filter(([, on]) => on)
    .map(([name]) => `${name}=1`);

/**
 * The digest e-mail is completed when it is sent: the mentees' first names as they are then (a
 * mentee erased or handed over meanwhile is left out), the placements' titles, and a fresh
 * unsubscribe link whose token is never stored (only its hash).
 */
completeWhenSent("alertsDigest", async (params) => {
  const digest = await AlertDigestModel.findById(String(params.digestId)).lean<AlertDigest>();
  if (!digest) throw new CancelledDelivery("the digest is gone");
  const mentor = await UserModel.findById(digest.mentorId).select("name deactivatedAt").lean();
  if (!mentor || mentor.deactivatedAt) throw new CancelledDelivery("the mentor's account is gone or deactivated");
  const titles = await placementTitles(digest.entries.flatMap((e) => e.placementIds));
  const searches = [];
  for (const entry of digest.entries) {
    const [mentee, search] = await Promise.all([
      MenteeModel.findById(entry.menteeId).select("firstName mentorId").lean(),
      SavedSearchModel.findById(entry.searchId).select("relax cadence").lean<SavedSearch>(),
    ]);
    if (!mentee || !search || search.cadence === "none" || String(mentee.mentorId) !== String(digest.mentorId)) continue;
    const query = [...relaxQuery(relaxOf(search)), `since=${entry.since?.getTime() ?? 0}`].join("&");
    const page = `${publicUrl()}/mentor/mentees/${String(entry.menteeId)}/matches?${query}`;
    const placements = entry.placementIds.filter((id) => titles.get(id)).map((id) => ({ title: titles.get(id)!, link: `${page}#p-${id}` }));
    if (placements.length) searches.push({ mentee: mentee.firstName, link: page, placements });
  }
  if (searches.length === 0) throw new CancelledDelivery("nothing left to tell");
  const token = randomToken();
  await UnsubscribeTokenModel.create({ tokenHash: hashToken(token), mentorId: digest.mentorId, createdAt: now() });
  return { name: mentor.name, searches, unsubscribe: `${publicUrl()}/alerts/unsubscribe/${token}` };
});
