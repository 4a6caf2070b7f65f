import { randomBytes } from "node:crypto";
import { now, nowMs } from "~/clock/clock.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { getEnv } from "~/env.server.ts";
import { dueDayOf, OutboxClaimModel, OutboxModel, utcDay, type OutboxItem } from "./model.server.ts";

// The outbox knows no feature. A feature registers its kinds of work here from its own folder
// (registerOutboxHandler); server/outbox-handlers.ts names every such module, so that the
// process that runs the worker has them all. See docs/decisions/003-outbox.md.

/**
 * The mentee an item is to or about, or null for items about no mentee. Every caller says which,
 * so that an erasure can find the person's items by id.
 */
export type OutboxSubject = { menteeId: unknown } | { menteeUserId: unknown } | null;

/** Carries out one item; throws to try again later, PermanentFailure or CancelledDelivery to stop. */
export type OutboxHandler = (payload: unknown) => Promise<void>;

/** Thrown by a handler when retrying cannot help (an address the mail server refuses for good): the item is failed. */
export class PermanentFailure extends Error {}

/** Thrown by a handler when the effect must not happen any more (its consent was withdrawn): the item is cancelled. */
export class CancelledDelivery extends Error {}

const handlers = new Map<string, OutboxHandler>();

/** Called at module load by the feature that owns the kind. */
export function registerOutboxHandler(kind: string, handler: OutboxHandler): void {
  if (handlers.has(kind)) throw new Error(`outbox kind ${kind} is registered twice`);
  handlers.set(kind, handler);
}

/** The kinds this process can carry out. */
export function registeredOutboxKinds(): string[] {
  return [...handlers.keys()];
}

function kick() {
  (globalThis as { __kickOutbox?: () => void }).__kickOutbox?.();
}

export interface EnqueueOptions {
  /** When it should happen; now when left out. */
  dueAt?: Date;
  /**
   * Names the effect, so that queuing it again is harmless: while an item with this key exists
   * (whatever its state), enqueueing returns that item and adds none. Start it with what the
   * effect is ("desk-session-email:<id>"); it is also how the feature cancels or reschedules it.
   */
  key?: string;
}

/** Queues any effect for a handler registered under `kind`. Returns the item's id (with a key already queued, the existing item's). */
export async function enqueueOutbox(kind: string, payload: Record<string, unknown>, about: OutboxSubject, options: EnqueueOptions = {}): Promise<string> {
  const createdAt = now();
  const dueAt = options.dueAt ?? createdAt;
  try {
    const item = await OutboxModel.create({
      kind,
      payload,
      ...(about ?? {}),
      ...(options.key === undefined ? {} : { key: options.key }),
      status: "pending",
      attempts: 0,
      version: 0,
      dueAt,
      nextAttemptAt: dueAt,
      dueDay: dueDayOf(dueAt, createdAt),
      createdAt,
    });
    if (dueAt.getTime() <= createdAt.getTime()) kick();
    return String(item._id);
  } catch (error) {
    if (options.key === undefined || !isDuplicateKeyError(error)) throw error;
    const existing = await OutboxModel.findOne({ key: options.key }).select("_id").lean();
    if (!existing) throw error;
    return String(existing._id);
  }
}

/** Cancels the pending item with this key; false when there is none (done, cancelled or never queued). An attempt already under way may still finish. */
export async function cancelOutbox(key: string): Promise<boolean> {
  const cancelled = await OutboxModel.updateOne({ key, status: "pending" }, { $set: { status: "cancelled", doneAt: now() } });
  return cancelled.modifiedCount > 0;
}

/**
 * Moves the pending item with this key to a new due time (earlier or later). False when there is
 * none, or when a worker is carrying it out at this moment.
 */
export async function rescheduleOutbox(key: string, dueAt: Date): Promise<boolean> {
  const item = await OutboxModel.findOne({ key, status: "pending" }).select("attempts nextAttemptAt leasedUntil").lean<OutboxItem>();
  if (!item || (item.leasedUntil && item.leasedUntil.getTime() > nowMs())) return false;
  // Filtered on what was read: a worker that took the item meanwhile moved nextAttemptAt.
  const moved = await OutboxModel.updateOne(
    { _id: item._id, status: "pending", attempts: item.attempts, nextAttemptAt: item.nextAttemptAt },
    { $set: { dueAt, nextAttemptAt: dueAt, dueDay: dueDayOf(dueAt, now()) }, $inc: { version: 1 } },
  );
  if (moved.modifiedCount > 0 && dueAt.getTime() <= nowMs()) kick();
  return moved.modifiedCount > 0;
}

const LEASE_MS = 2 * 60_000;
const MAX_BACKOFF_MS = 10 * 60_000;

export function backoffMs(attempts: number, base = getEnv().OUTBOX_BACKOFF_BASE_MS): number {
  return Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, attempts - 1));
}

type Outcome = "done" | "skipped" | "retry" | "failed";

/**
 * Takes attempt `claimId` for this worker. A claim whose worker never got as far as noting the
 * attempt on the item (it crashed, or lost the database, in between) would hold the item forever:
 * once it is older than a lease, one other worker may take it over. Deleting the old claim by its
 * time and inserting a new one are each atomic, so only one worker wins the takeover.
 */
async function claimAttempt(claimId: string, worker: string): Promise<boolean> {
  const claim = () => OutboxClaimModel.create({ _id: claimId, worker, claimedAt: now() });
  try {
    await claim();
    return true;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  const abandoned = await OutboxClaimModel.deleteOne({ _id: claimId, claimedAt: { $lt: new Date(nowMs() - LEASE_MS) } });
  if (abandoned.deletedCount === 0) return false;
  try {
    await claim();
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

async function processItem(item: OutboxItem, worker: string, handler: OutboxHandler): Promise<Outcome> {
  if (!(await claimAttempt(`${item._id}:${item.version ?? 0}:${item.attempts}`, worker))) return "skipped";
  const attempts = item.attempts + 1;
  const leasedUntil = new Date(nowMs() + LEASE_MS);
  // If this process dies mid-attempt, the item becomes due again once the lease runs out. An item
  // rescheduled or cancelled since it was read no longer matches, and is left alone.
  const taken = await OutboxModel.updateOne(
    { _id: item._id, status: "pending", attempts: item.attempts, nextAttemptAt: item.nextAttemptAt },
    { $set: { attempts, nextAttemptAt: leasedUntil, dueDay: dueDayOf(leasedUntil, now()), leasedUntil } },
  );
  if (taken.matchedCount === 0) return "skipped";
  const finish = (status: "sent" | "failed" | "cancelled", lastError?: string) =>
    OutboxModel.updateOne(
      { _id: item._id },
      lastError === undefined
        ? { $set: { status, doneAt: now() }, $unset: { lastError: 1, leasedUntil: 1 } }
        : { $set: { status, lastError, doneAt: now() }, $unset: { leasedUntil: 1 } },
    );
  try {
    await handler(item.payload);
    await finish("sent");
    return "done";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof CancelledDelivery) {
      await finish("cancelled", message);
      return "failed";
    }
    if (error instanceof PermanentFailure) {
      await finish("failed", message);
      return "failed";
    }
    // Only while the item is still ours: cancelled meanwhile, it stays cancelled.
    const nextAttemptAt = new Date(nowMs() + backoffMs(attempts));
    await OutboxModel.updateOne(
      { _id: item._id, status: "pending", nextAttemptAt: leasedUntil },
      { $set: { lastError: message, nextAttemptAt, dueDay: dueDayOf(nextAttemptAt, now()) }, $unset: { leasedUntil: 1 } },
    );
    return "retry";
  }
}

const DAY_MS = 24 * 60 * 60_000;
/** Looked up day by day while the worker is this close behind; further behind, one query sweeps them all. */
const MAX_DAYS_BY_DAY = 3;
/** However close, a sweep this often: it finds items written to a day this process had already passed. */
const SWEEP_EVERY_MS = 60 * 60_000;
/** While nothing is due, how often a worker looks anyway, for items queued by another process. */
const QUIET_LOOK_MS = 5_000;

/** In this process: every pending item before this day is in hand (or of a kind it does not take). */
let daysDoneBefore: string | undefined;
let lastSweep = 0;
/**
 * After a look that found nothing due: the portal's time before which nothing this process has
 * seen falls due (the next item of today, or midnight), or 0 when it does not know.
 */
let nothingDueBefore = 0;

const nextDay = (day: string) => utcDay(Date.parse(day) + DAY_MS);

/**
 * Due items, earliest first. On FerretDB a range query reads every pending item, and a thousand
 * follow-ups keep tens of thousands pending for months; so the worker asks for today's (and any
 * day it has not finished) by equality on dueDay, which FerretDB's PostgreSQL backend and MongoDB
 * answer from the few items of that day, and sweeps with the range query only now and then.
 */
async function dueItems(limit: number): Promise<OutboxItem[]> {
  const at = now();
  const today = utcDay(at);
  const kinds = registeredOutboxKinds();
  // Behind by less than nothing: a test moved the clock back.
  const behind = daysDoneBefore === undefined ? Infinity : (Date.parse(today) - Date.parse(daysDoneBefore)) / DAY_MS;
  if (behind < 0 || behind > MAX_DAYS_BY_DAY || Date.now() - lastSweep > SWEEP_EVERY_MS) {
    lastSweep = Date.now();
    const due = await OutboxModel.find({ status: "pending", nextAttemptAt: { $lte: at }, kind: { $in: kinds } })
      .sort({ nextAttemptAt: 1 })
      .limit(limit)
      .lean<OutboxItem[]>();
    // Earliest first: no due item this process takes is on a day before the first one's.
    daysDoneBefore = due.length < limit ? today : utcDay(due[0].nextAttemptAt);
    nothingDueBefore = 0;
    return due;
  }
  const due: OutboxItem[] = [];
  let later = Date.parse(nextDay(today));
  for (let day = daysDoneBefore!; day <= today && due.length < limit; day = nextDay(day)) {
    const ofDay = await OutboxModel.find({ status: "pending", dueDay: day }).lean<OutboxItem[]>();
    const ours = ofDay.filter((item) => kinds.includes(item.kind));
    const dueOfDay = ours.filter((item) => item.nextAttemptAt.getTime() <= at.getTime());
    for (const item of ours) if (item.nextAttemptAt.getTime() > at.getTime()) later = Math.min(later, item.nextAttemptAt.getTime());
    if (dueOfDay.length === 0 && day < today && day === daysDoneBefore) daysDoneBefore = nextDay(day);
    due.push(...dueOfDay);
  }
  nothingDueBefore = due.length ? 0 : later;
  return due.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime()).slice(0, limit);
}

/** Carries out every item that is due now and that this process has a handler for; returns what happened, for tests and logs. */
export async function runOutboxOnce(worker = "manual", limit = 25) {
  const due = await dueItems(limit);
  const counts: Record<Outcome, number> = { done: 0, skipped: 0, retry: 0, failed: 0 };
  for (const item of due) counts[await processItem(item, worker, handlers.get(item.kind)!)]++;
  return counts;
}

/** Migration: items queued before dueDay existed get theirs. Returns how many changed. */
export async function giveOutboxItemsTheirDueDay(): Promise<number> {
  const items = await OutboxModel.find({ status: "pending", dueDay: { $exists: false } }).select("nextAttemptAt").lean<OutboxItem[]>();
  let changed = 0;
  for (const item of items) {
    // Filtered on what was read: a worker that took the item meanwhile wrote its own day.
    const done = await OutboxModel.updateOne({ _id: item._id, nextAttemptAt: item.nextAttemptAt }, { $set: { dueDay: dueDayOf(item.nextAttemptAt, now()) } });
    changed += done.modifiedCount;
  }
  return changed;
}

/** Due items of kinds no handler in this process takes (a module missing from server/outbox-handlers.ts, or a newer process's kind). */
async function dueWithoutHandler(): Promise<string[]> {
  const kinds: string[] = await OutboxModel.distinct("kind", { status: "pending", nextAttemptAt: { $lte: now() }, kind: { $nin: registeredOutboxKinds() } });
  return kinds;
}

export interface OutboxWorker {
  stop(): Promise<void>;
}

/** Polls the outbox in the background; safe to run in several processes at once. */
export function startOutboxWorker(options: { pollMs?: number; log?: (line: string) => void } = {}): OutboxWorker {
  const pollMs = options.pollMs ?? getEnv().OUTBOX_POLL_MS;
  const worker = `${process.pid}-${randomBytes(3).toString("hex")}`;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let lastHousekeeping = 0;
  let lastLook = 0;
  let kicked = false;
  let busy = false;

  const tick = () => {
    if (stopped) return;
    clearTimeout(timer);
    running = running
      .then(async () => {
        // Each look reads every pending item of the day. While the last one found nothing due and
        // its next item's time has not come, the worker looks again only now and then: often
        // enough for an item another process queued without telling this one.
        const quiet = !kicked && !busy && nowMs() < nothingDueBefore && Date.now() - lastLook < Math.max(pollMs, QUIET_LOOK_MS);
        kicked = false;
        if (quiet) return;
        lastLook = Date.now();
        const limit = 25;
        const counts = await runOutboxOnce(worker, limit);
        busy = counts.done + counts.skipped + counts.retry + counts.failed >= limit;
        if (counts.retry || counts.failed) options.log?.(`outbox: ${JSON.stringify(counts)}`);
        if (Date.now() - lastHousekeeping > 60 * 60_000) {
          lastHousekeeping = Date.now();
          await OutboxClaimModel.deleteMany({ claimedAt: { $lt: new Date(nowMs() - 24 * 60 * 60_000) } });
          const unhandled = await dueWithoutHandler();
          if (unhandled.length) options.log?.(`outbox: due items of kinds this process has no handler for: ${unhandled.join(", ")}`);
        }
      })
      .catch((error) => options.log?.(`outbox: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        clearTimeout(timer);
        // A full batch: more may be due at once.
        if (!stopped) timer = setTimeout(tick, busy ? 0 : pollMs);
      });
  };
  (globalThis as { __kickOutbox?: () => void }).__kickOutbox = () => {
    kicked = true;
    setImmediate(tick);
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      delete (globalThis as { __kickOutbox?: () => void }).__kickOutbox;
      await running;
    },
  };
}
