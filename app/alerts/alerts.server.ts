import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { now, nowMs } from "~/clock/clock.ts";
import { timeZoneOf } from "~/checkins/days.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import type { Relaxation } from "~/matching/matching.server.ts";
import type { MenteePlan } from "~/mentees/mentees.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { hashToken } from "~/security/tokens.server.ts";
import { scheduleDigestRun } from "./digest.server.ts";
import { fingerprintOf } from "./fingerprint.server.ts";
import { AlertDigestModel, MatchesViewModel, SavedSearchModel, UnsubscribeTokenModel, type AlertCadence, type AlertDigest, type SavedSearch } from "./model.server.ts";
import { alertFormSchema } from "./schema.server.ts";

// Saved searches and "new since you last looked" for the matches page. The route has read the
// plan (an audited read) and checked that the mentor leads this mentee before calling these.

type Failure = { ok: false; fieldErrors: Record<string, string> };

export interface AlertInput {
  cadence: AlertCadence;
  relax: Required<Relaxation>;
}

/** The save form, checked before anything is read or written. */
export function parseAlertForm(raw: Record<string, unknown>): { ok: true; value: AlertInput } | Failure {
  const parsed = alertFormSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: { cadence: "errors.alertCadence" } };
  const { cadence, distance, hours, languages, support } = parsed.data;
  return { ok: true, value: { cadence, relax: { distance: distance === "1", hours: hours === "1", languages: languages === "1", support: support === "1" } } };
}

export interface AlertState {
  cadence: AlertCadence;
  /** paused: the plan changed since the search was saved; the mentor saves it again to go on. */
  paused: boolean;
  relax: Required<Relaxation>;
}

const relaxOf = (search: Pick<SavedSearch, "relax">): Required<Relaxation> => ({
  distance: Boolean(search.relax?.distance),
  hours: Boolean(search.relax?.hours),
  languages: Boolean(search.relax?.languages),
  support: Boolean(search.relax?.support),
});

/** This mentor's saved search for the plan's mentee, or null. */
export async function alertStateFor(mentor: SessionUser, plan: MenteePlan): Promise<AlertState | null> {
  const search = await SavedSearchModel.findOne({ mentorId: mentor._id, menteeId: plan.id }).lean<SavedSearch>();
  if (!search) return null;
  return { cadence: search.cadence as AlertCadence, paused: search.status === "paused" || search.fingerprint !== fingerprintOf(plan), relax: relaxOf(search) };
}

async function mentorTimeZone(mentor: SessionUser, plan: MenteePlan): Promise<string> {
  const organisation = mentor.organisationId ? await OrganisationModel.findById(mentor.organisationId).select("country").lean() : null;
  return timeZoneOf(organisation?.country ?? plan.country);
}

/**
 * Saves the matches as they are (the plan's fingerprint and these relaxations) with a cadence;
 * saving again updates the one saved search. A new fit (a new plan, other relaxations) counts
 * placements as new only from now on.
 */
export async function saveAlert(mentor: SessionUser, plan: MenteePlan, input: AlertInput): Promise<void> {
  const { cadence, relax } = input;
  const fingerprint = fingerprintOf(plan);
  const at = now();
  const existing = await SavedSearchModel.findOne({ mentorId: mentor._id, menteeId: plan.id }).lean<SavedSearch>();
  const sameFit = existing && existing.status === "active" && existing.fingerprint === fingerprint && JSON.stringify(relaxOf(existing)) === JSON.stringify(relax);
  const timeZone = await mentorTimeZone(mentor, plan);
  const save = () =>
    SavedSearchModel.updateOne(
      { mentorId: mentor._id, menteeId: plan.id },
      {
        $set: {
          cadence,
          relax,
          fingerprint,
          status: "active",
          timeZone,
          ...(sameFit ? {} : { savedAt: at, checkedUpTo: at }),
        },
        $unset: { pausedAt: 1 },
      },
      { upsert: true },
    );
  try {
    await save();
  } catch (error) {
    // Two saves at once (a double click, two tabs): both upsert, one inserts, the other finds it now.
    if (!isDuplicateKeyError(error)) throw error;
    await save();
  }
  if (cadence !== "none") await scheduleDigestRun(timeZone);
}

/** Stops and forgets the saved search for this mentee. */
export async function stopAlert(mentor: SessionUser, menteeId: string): Promise<void> {
  await SavedSearchModel.deleteOne({ mentorId: mentor._id, menteeId });
}

/** Looks less than this far apart are one sitting: what was new at its start stays marked during it. */
const SITTING_MS = 30 * 60_000;

/**
 * Records that the mentor looks at this mentee's matches now, and returns the moment of the look
 * before this sitting (null on a first look): placements published after it are "new".
 */
export async function recordMatchesView(mentor: SessionUser, menteeId: string): Promise<Date | null> {
  const at = now();
  // Within a sitting (the page opened again, a relaxation tried, a proposal made) one write does:
  // the look moves on, and the one before the sitting stays. It answers with the record as it was.
  const sameSitting = await MatchesViewModel.findOneAndUpdate({ mentorId: mentor._id, menteeId, lastAt: { $gte: new Date(at.getTime() - SITTING_MS) } }, { $set: { lastAt: at } }).lean();
  if (sameSitting) return sameSitting.previousAt ?? null;
  const view = await MatchesViewModel.findOne({ mentorId: mentor._id, menteeId }).lean();
  if (!view) {
    await MatchesViewModel.updateOne({ mentorId: mentor._id, menteeId }, { $setOnInsert: { lastAt: at } }, { upsert: true });
    return null;
  }
  const newSitting = at.getTime() - view.lastAt.getTime() > SITTING_MS;
  const previousAt = newSitting ? view.lastAt : (view.previousAt ?? null);
  await MatchesViewModel.updateOne({ _id: view._id }, { $set: { lastAt: at, ...(newSitting ? { previousAt: view.lastAt } : {}) } });
  return previousAt;
}

/** The look before this sitting, without recording one. */
export async function previousMatchesView(mentor: SessionUser, menteeId: string): Promise<Date | null> {
  const view = await MatchesViewModel.findOne({ mentorId: mentor._id, menteeId }).lean();
  if (!view) return null;
  return nowMs() - view.lastAt.getTime() > SITTING_MS ? view.lastAt : (view.previousAt ?? null);
}

/** From a digest link: the moment its placements were new from (a number of ms, in the past), or null for anything else. */
export function digestSince(value: string | null): Date | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  const ms = Number(value);
  return ms > 0 && ms <= nowMs() ? new Date(ms) : null;
}

/** What an unsubscribe link is, for the page that asks to confirm: usable (with nothing changed), or not. */
/** The link was used to unsubscribe: only then does its page say it is done. */
export async function unsubscribeLinkUsed(token: string): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const found = await UnsubscribeTokenModel.findOne({ tokenHash: hashToken(token), usedAt: { $exists: true } }).select("_id").lean();
  return Boolean(found);
}

export async function unsubscribeLinkUsable(token: string): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const found = await UnsubscribeTokenModel.findOne({ tokenHash: hashToken(token), usedAt: { $exists: false } }).select("_id").lean();
  return Boolean(found);
}

/**
 * The link's one button: stops every alert of the mentor the digest went to (cadence none; the
 * saved searches and "new since you last looked" stay). The link is used up. False for a link
 * that is unknown or already used.
 */
export async function unsubscribeWithLink(token: string): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const used = await UnsubscribeTokenModel.findOneAndUpdate({ tokenHash: hashToken(token), usedAt: { $exists: false } }, { $set: { usedAt: now() } }).lean();
  if (!used) return false;
  await SavedSearchModel.updateMany({ mentorId: used.mentorId }, { $set: { cadence: "none" } });
  return true;
}

/** Erasure: nothing of the alerts names the person afterwards. */
export async function eraseAlertsOf(menteeId: unknown): Promise<void> {
  await SavedSearchModel.deleteMany({ menteeId });
  await MatchesViewModel.deleteMany({ menteeId });
  // Each digest rewritten whole: plain reads and $set, which FerretDB and MongoDB answer alike.
  for (const digest of await AlertDigestModel.find({ "entries.menteeId": menteeId }).lean<AlertDigest[]>()) {
    await AlertDigestModel.updateOne({ _id: digest._id }, { $set: { entries: digest.entries.filter((entry) => String(entry.menteeId) !== String(menteeId)) } });
  }
}
