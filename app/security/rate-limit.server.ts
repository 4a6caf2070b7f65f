import { Schema } from "mongoose";
import { nowMs } from "~/clock/clock.ts";
import { defineModel, isDuplicateKeyError } from "~/db/connection.server.ts";
import { hashToken } from "./tokens.server.ts";

// The counters of every limit live in one collection, so that every server process shares them.
// A counter is { key, points, expire }: a fixed window from its first use. The time is the
// portal's clock (~/clock), so tests can move past a window. FerretDB 1.x has no TTL indexes: the
// indexes are made here without expireAfterSeconds and expired entries are removed in code.
const rateLimitSchema = new Schema(
  {
    key: { type: String, required: true },
    points: { type: Number, required: true },
    expire: { type: Date },
  },
  { collection: "rate_limits" },
);
rateLimitSchema.index({ key: 1 }, { unique: true });
rateLimitSchema.index({ expire: 1 });
export const RateLimitModel = defineModel("RateLimit", rateLimitSchema);

const STORE_TIMEOUT_MS = 5000;
/** How long to ask people to wait when the counters cannot be read or written. */
export const UNAVAILABLE_RETRY_MS = 60_000;

export type LimitOutcome = { allowed: true } | { allowed: false; retryAfterMs: number; unavailable?: true };
const unavailable: LimitOutcome = { allowed: false, retryAfterMs: UNAVAILABLE_RETRY_MS, unavailable: true };

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs operations on one key one after another in this process. FerretDB 1.x applies concurrent
 * updates of one document without isolation (fifty parallel $inc of a counter leave it at about
 * five), so without this a burst of parallel requests would mostly go uncounted. Across server
 * processes the counts can still be short by up to one per other process and burst.
 */
export function oneAtATime<T>(key: string, operation: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const current = previous.then(operation, operation);
  const settled = current.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return current;
}

function withinTime<T>(operation: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("rate limit store did not answer in time")), STORE_TIMEOUT_MS);
  });
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
}

/** One key made of several parts (an e-mail address and a client address). */
export function keyOf(...parts: string[]): string {
  return parts.join("\u0000");
}

function removeExpiredNow(): void {
  void RateLimitModel.deleteMany({ expire: { $lt: new Date(nowMs()) } }).catch(() => {});
}

interface Counter {
  points: number;
  expire: Date;
}

const counters = () => RateLimitModel.collection;

/**
 * Adds `points` to the key's counter in its current window, or starts a new window of `windowMs`
 * with them when there is none or it has run out; `restart` starts a new window in any case.
 * The same single-document writes as rate-limiter-flexible's Mongo store (which this replaced
 * because it reads the machine's time): FerretDB 1.x supports them.
 */
async function addToCounter(storedKey: string, points: number, windowMs: number, restart = false): Promise<Counter> {
  const at = nowMs();
  const expire = new Date(at + windowMs);
  if (restart) {
    const set = await counters().findOneAndUpdate({ key: storedKey }, { $set: { key: storedKey, points, expire } }, { upsert: true, returnDocument: "after" });
    return set as unknown as Counter;
  }
  try {
    const counted = await counters().findOneAndUpdate(
      { key: storedKey, expire: { $gt: new Date(at) } },
      { $setOnInsert: { key: storedKey, expire }, $inc: { points } },
      { upsert: true, returnDocument: "after" },
    );
    return counted as unknown as Counter;
  } catch (error) {
    // The key has a counter whose window ran out: start it again (unless another request just did).
    if (!isDuplicateKeyError(error)) throw error;
    const restarted = await counters().findOneAndUpdate({ key: storedKey, expire: { $lte: new Date(at) } }, { $set: { points, expire } }, { returnDocument: "after" });
    return restarted ? (restarted as unknown as Counter) : addToCounter(storedKey, points, windowMs);
  }
}

async function currentCounter(storedKey: string): Promise<Counter | null> {
  return (await counters().findOne({ key: storedKey, expire: { $gt: new Date(nowMs()) } })) as unknown as Counter | null;
}

const msLeft = (counter: Counter) => Math.max(counter.expire.getTime() - nowMs(), 0);

/**
 * A count per key (an e-mail address, a client address, or several joined by keyOf) in a fixed window of `windowSeconds` from its first use, refusing above
 * `points`. Every method answers instead of throwing: when the store fails, refusals say
 * `unavailable` and the caller refuses too (fails closed).
 */
export class Limit {
  private readonly windowMs: number;

  constructor(
    private readonly name: string,
    readonly points: number,
    windowSeconds: number,
  ) {
    this.windowMs = windowSeconds * 1000;
  }

  /** The counters keep no e-mail or client address in the clear: keys are stored as their SHA-256. */
  private run<T>(key: string, operation: (storedKey: string) => Promise<T>): Promise<T> {
    if (Math.random() < 0.01) removeExpiredNow();
    const storedKey = `${this.name}:${hashToken(key)}`;
    return oneAtATime(storedKey, () => withinTime(operation(storedKey)));
  }

  /** Counts an attempt and says whether it is within the limit. */
  async consume(key: string): Promise<LimitOutcome> {
    try {
      const counter = await this.run(key, (k) => addToCounter(k, 1, this.windowMs));
      return counter.points > this.points ? { allowed: false, retryAfterMs: msLeft(counter) } : { allowed: true };
    } catch (error) {
      console.error(`rate limit ${this.name} unavailable: ${String(error)}`);
      return unavailable;
    }
  }

  /** Whether the key is over its limit or blocked, without counting anything. */
  async check(key: string): Promise<LimitOutcome> {
    try {
      const counter = await this.run(key, (k) => currentCounter(k));
      if (counter && counter.points > this.points && msLeft(counter) > 0) return { allowed: false, retryAfterMs: msLeft(counter) };
      return { allowed: true };
    } catch (error) {
      console.error(`rate limit ${this.name} unavailable: ${String(error)}`);
      return unavailable;
    }
  }

  /** Adds one to the count without refusing; the new count, or null when the store fails. */
  async add(key: string): Promise<number | null> {
    try {
      return (await this.run(key, (k) => addToCounter(k, 1, this.windowMs))).points;
    } catch (error) {
      console.error(`rate limit ${this.name} unavailable: ${String(error)}`);
      return null;
    }
  }

  /** Takes back one counted attempt (one that turned out fine). */
  async refund(key: string): Promise<void> {
    await this.run(key, (k) => addToCounter(k, -1, this.windowMs)).catch((error: unknown) => console.error(`rate limit ${this.name}: refund failed: ${String(error)}`));
  }

  /** Refuses the key for `ms` from now; false when the store fails. */
  async block(key: string, ms: number): Promise<boolean> {
    try {
      await this.run(key, (k) => addToCounter(k, this.points + 1, ms, true));
      return true;
    } catch (error) {
      console.error(`rate limit ${this.name} unavailable: ${String(error)}`);
      return false;
    }
  }

  async clear(key: string): Promise<void> {
    await this.run(key, (k) => counters().deleteOne({ key: k })).catch((error: unknown) => console.error(`rate limit ${this.name}: clear failed: ${String(error)}`));
  }
}

/** Limits of the account forms that send e-mail or create accounts (logins have their own, in accounts/login-throttle). */
export const formLimits = {
  registerPerAddress: new Limit("register-address", 20, 60 * 60),
  registerExistingPerAccount: new Limit("register-existing-account", 3, 60 * 60),
  resetPerAccount: new Limit("reset-account", 5, 60 * 60),
  resetPerAddress: new Limit("reset-address", 20, 60 * 60),
  resendPerAccount: new Limit("resend-account", 5, 60 * 60),
  resendPerAddress: new Limit("resend-address", 20, 60 * 60),
};
