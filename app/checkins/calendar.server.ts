import { UserModel } from "~/accounts/model.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { now } from "~/clock/clock.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { publicUrl } from "~/env.server.ts";
import { getT } from "~/i18n/i18n.server.ts";
import { isLanguage, type Language } from "~/i18n/languages.ts";
import { recordAccessMany } from "~/mentees/audit.server.ts";
import { MenteeModel } from "~/mentees/model.server.ts";
import { Limit } from "~/security/rate-limit.server.ts";
import { hashToken, randomToken } from "~/security/tokens.server.ts";
import { forbidden } from "~/ui/responses.server.ts";
import { calendarText, type FeedEvent } from "./calendar-ics.server.ts";
import { addMonths, dayFromIso, isoDay } from "./days.ts";
import { milestoneLabel } from "./milestone-label.ts";
import { CalendarFeedModel, CheckinModel, FollowUpModel, type Checkin } from "./model.server.ts";

// A mentor's check-ins as a calendar feed at a secret address (/calendar/<token>.ics) that her
// calendar app reads without signing in. Only the SHA-256 of the token is stored, as for sessions
// and e-mailed links; renewing the address replaces it, so the old one answers 404 at once. The
// feed names each open check-in of the mentees she leads now by first name, milestone and day:
// nothing of how the mentee is doing, no surname, no employer (decision 014).

/**
 * What the feed covers, so that a busy caseload stays a small answer. Every open check-in, however
 * overdue: one late by two months is the one she must not lose. Past the most events, the oldest go first.
 */
export const calendarWindow = { monthsAhead: 7, mostEvents: 500, mostMentees: 1000 } as const;

const feedLimits = {
  /** Calendar apps look every few minutes at most; a leaked address cannot be read without end. */
  readsPerFeed: new Limit("calendar-feed-reads", 120, 60 * 60),
  /** Addresses that do not exist (an old one still in a calendar app, or guessing), per client. */
  unknownPerClient: new Limit("calendar-feed-unknown", 60, 60 * 60),
};

// randomToken: 32 random bytes in base64url.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Only an approved mentor, in her own session, has a feed: checked before any form is read. */
export function requireCalendarOwner(actor: SessionUser): void {
  if (actor.role !== "mentor" || actor.approval !== "approved" || actor.desk) forbidden();
}

/** Whose feed may still be read: an approved mentor's whose account is active (a mentor who left has none). */
function mayHaveFeed(user: { role: string; approval: string; deactivatedAt?: Date | null }): boolean {
  return user.role === "mentor" && user.approval === "approved" && !user.deactivatedAt;
}

function feedUrl(token: string): string {
  return `${publicUrl()}/calendar/${token}.ics`;
}

/** Whether the mentor has a feed, since when and when a calendar app last read it. */
export async function calendarFeedStatus(actor: SessionUser) {
  requireCalendarOwner(actor);
  const feed = await CalendarFeedModel.findById(actor._id).select("createdAt readDay").lean();
  return feed ? { on: true as const, createdDay: isoDay(feed.createdAt), readDay: feed.readDay ?? null } : { on: false as const, createdDay: null, readDay: null };
}

/**
 * A new secret address for the mentor's feed, returned once (only its hash is kept). An address
 * she had before stops working at once. Of two at the same moment, the later one stays.
 */
export async function renewCalendarFeed(actor: SessionUser): Promise<string> {
  requireCalendarOwner(actor);
  const token = randomToken();
  const update = { $set: { tokenHash: hashToken(token), createdAt: now(), auditedMentees: [] }, $unset: { readDay: 1 } };
  try {
    await CalendarFeedModel.updateOne({ _id: actor._id }, update, { upsert: true });
  } catch (error) {
    // Two first requests at once: both tried to create it; this one now replaces the other's.
    if (!isDuplicateKeyError(error)) throw error;
    await CalendarFeedModel.updateOne({ _id: actor._id }, update);
  }
  return feedUrl(token);
}

/** Turns the feed off: its address answers 404 from now on. */
export async function turnOffCalendarFeed(actor: SessionUser): Promise<void> {
  requireCalendarOwner(actor);
  await CalendarFeedModel.deleteOne({ _id: actor._id });
}

export type FeedAnswer = { status: 200; body: string } | { status: 404 } | { status: 429 | 503; retryAfterMs: number };

/**
 * The feed behind an address's last segment ("<token>.ics"), for anyone who has it: calendar apps
 * cannot sign in. An address of the wrong shape is refused before the database is asked; one that
 * is unknown, renewed, turned off or a mentor's who is no longer approved is a 404.
 */
export async function readCalendarFeed(file: string, clientAddress: string): Promise<FeedAnswer> {
  const token = file.endsWith(".ics") ? file.slice(0, -".ics".length) : "";
  if (!TOKEN_SHAPE.test(token)) return { status: 404 };
  // Found by the token's hash: nothing compares the secret itself, so no timing tells how close a guess was.
  const feed = await CalendarFeedModel.findOne({ tokenHash: hashToken(token) }).lean();
  if (!feed) {
    const counted = await feedLimits.unknownPerClient.consume(clientAddress);
    return counted.allowed ? { status: 404 } : refusal(counted);
  }
  const mentor = await UserModel.findById(feed._id).select("role approval language deactivatedAt").lean();
  if (!mentor || !mayHaveFeed(mentor)) return { status: 404 };
  const counted = await feedLimits.readsPerFeed.consume(String(mentor._id));
  if (!counted.allowed) return refusal(counted);

  const today = dayFromIso(now().toISOString());
  const events = await openCheckinsOf(mentor._id, addMonths(today, calendarWindow.monthsAhead));
  await auditRead(feed, mentor, [...new Set(events.map((e) => String(e.menteeId)))], isoDay(today));

  const language: Language = isLanguage(mentor.language) ? mentor.language : "en";
  const t = getT(language);
  const feedEvents: FeedEvent[] = events.map((e) => ({
    checkinId: String(e._id),
    moves: e.moves,
    dueDay: e.dueDay,
    summary: t("checkins.calendar.summary", { name: e.firstName, milestone: milestoneLabel(t, e.milestone) }),
    url: `${publicUrl()}/mentor/checkins/${e._id}`,
  }));
  return { status: 200, body: calendarText(feedEvents, { name: t("checkins.calendar.feedName"), host: new URL(publicUrl()).hostname, stamp: now() }) };
}

function refusal(outcome: { retryAfterMs: number; unavailable?: true }): FeedAnswer {
  return { status: outcome.unavailable ? 503 : 429, retryAfterMs: outcome.retryAfterMs };
}

type FeedCheckin = Pick<Checkin, "_id" | "menteeId" | "milestone" | "dueDay" | "moves"> & { firstName: string };

/**
 * The open check-ins of the mentees she leads now (a check-in's mentor is always the mentee's lead
 * mentor: after a handover they leave this feed), due up to the window's end, earliest first. Only the
 * fields the feed shows are read: no part of any record, sealed or not.
 */
async function openCheckinsOf(mentorId: unknown, to: Date): Promise<FeedCheckin[]> {
  const mentees = await MenteeModel.find({ mentorId }).select("firstName").limit(calendarWindow.mostMentees).lean();
  const found: FeedCheckin[] = [];
  // One indexed lookup per mentee and follow-up: FerretDB scans the collection for $in.
  for (const mentee of mentees) {
    const followUps = await FollowUpModel.find({ menteeId: mentee._id, status: "active" }).select("_id").lean();
    for (const followUp of followUps) {
      const checkins = await CheckinModel.find({ followUpId: followUp._id, status: "open", dueDay: { $lte: to } })
        .select("menteeId milestone dueDay moves")
        .sort({ dueDay: -1 })
        .limit(calendarWindow.mostEvents)
        .lean<Pick<Checkin, "_id" | "menteeId" | "milestone" | "dueDay" | "moves">[]>();
      for (const checkin of checkins) found.push({ ...checkin, firstName: mentee.firstName });
    }
  }
  return found.sort((a, b) => a.dueDay.getTime() - b.dueDay.getTime() || String(a._id).localeCompare(String(b._id))).slice(-calendarWindow.mostEvents);
}

/**
 * Reading the feed reads mentees' first names and check-in days: the audit trail gets one entry
 * per mentee shown, per feed and day (calendar apps read every few minutes or hours; an entry for
 * each read would bury every other entry). A mentee who joins the feed later that day gets hers then.
 */
async function auditRead(feed: { _id: unknown; tokenHash: string; readDay?: string | null; auditedMentees?: unknown[] }, mentor: { _id: unknown }, menteeIds: string[], day: string) {
  const already = new Set(feed.readDay === day ? (feed.auditedMentees ?? []).map(String) : []);
  const unaudited = menteeIds.filter((id) => !already.has(id));
  if (feed.readDay === day && unaudited.length === 0) return;
  await recordAccessMany({ _id: mentor._id as SessionUser["_id"], role: "mentor" }, unaudited, "calendar");
  // Only while the address is the same: a renewal meanwhile starts its own day.
  await CalendarFeedModel.updateOne({ _id: feed._id, tokenHash: feed.tokenHash }, { $set: { readDay: day, auditedMentees: [...already, ...unaudited] } });
}
