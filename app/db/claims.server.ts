import { Schema } from "mongoose";
import { now, nowMs } from "~/clock/clock.ts";
import { defineModel, isDuplicateKeyError } from "./connection.server.ts";

/**
 * "Only one of us does this": the first insert of a key wins. A unique _id is atomic on MongoDB
 * and on FerretDB, where an update filtered on the old state is not (two racing requests can both
 * see the old state and both write).
 */
const claimSchema = new Schema({ _id: { type: String, required: true }, at: { type: Date, required: true } });
export const ClaimModel = defineModel("Claim", claimSchema);

/** Longer than any request takes from its claim to its write (requests are bounded well below this). */
export const ABANDONED_CLAIM_MS = 60_000;

/**
 * Claims `key`. Every caller claims a state it has just read (a version, a `moves` count, a part
 * not yet given), and its write changes that state. So a claim that is still there while the state
 * is unchanged, a minute on, belongs to a request that died between its claim and its write: one
 * later request takes it over (deleting by its time and inserting are each atomic), instead of the
 * state staying locked for good.
 */
export async function claimOnce(key: string): Promise<boolean> {
  const claim = async () => {
    try {
      await ClaimModel.create({ _id: key, at: now() });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  };
  if (await claim()) return true;
  const abandoned = await ClaimModel.deleteOne({ _id: key, at: { $lt: new Date(nowMs() - ABANDONED_CLAIM_MS) } });
  return abandoned.deletedCount === 1 && (await claim());
}

/** Gives a claim up, for a key that is held only while something runs (below). */
export async function releaseClaim(key: string): Promise<void> {
  await ClaimModel.deleteOne({ _id: key }).catch(() => {});
}

const HELD_POLL_MS = 25;

/**
 * Runs `operation` while no other request, in this process or another, runs one under the same
 * key: a caller that finds the key held waits for it, and throws after `waitMs`. The key is held
 * by a claim (above) that is deleted afterwards; a holder that died leaves it to be taken over
 * after ABANDONED_CLAIM_MS.
 */
export async function oneAtATimeEverywhere<T>(key: string, operation: () => Promise<T>, waitMs = 10_000): Promise<T> {
  const deadline = Date.now() + waitMs;
  while (!(await claimOnce(key))) {
    if (Date.now() > deadline) throw new Error(`${key} is held by another request`);
    await new Promise((resolve) => setTimeout(resolve, HELD_POLL_MS));
  }
  try {
    return await operation();
  } finally {
    await releaseClaim(key);
  }
}
