import { AttemptCounterModel } from "~/accounts/model.server.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";

/**
 * Counts an attempt in a fixed window and says whether it is still within the limit. Counters
 * live in the database so that every server process shares them; old windows are removed in
 * code because FerretDB 1.x has no TTL indexes.
 */
export async function countAttempt(bucket: string, limit: number, windowMs: number): Promise<boolean> {
  const windowStart = Math.floor(Date.now() / windowMs) * windowMs;
  const id = `${bucket}:${windowStart}`;
  const increment = () =>
    AttemptCounterModel.findOneAndUpdate(
      { _id: id },
      { $inc: { count: 1 }, $setOnInsert: { expiresAt: new Date(windowStart + windowMs) } },
      { upsert: true, new: true, lean: true },
    );
  // Two first attempts at the same moment both try to insert; the loser finds the counter there.
  const counter = await increment().catch((error: unknown) => {
    if (isDuplicateKeyError(error)) return increment();
    throw error;
  });
  if (Math.random() < 0.01) void AttemptCounterModel.deleteMany({ expiresAt: { $lt: new Date() } }).catch(() => {});
  return (counter?.count ?? 0) <= limit;
}

export const limits = {
  loginPerAccount: { limit: 10, windowMs: 15 * 60_000 },
  loginPerAddress: { limit: 50, windowMs: 15 * 60_000 },
  resetPerAccount: { limit: 5, windowMs: 60 * 60_000 },
  resetPerAddress: { limit: 20, windowMs: 60 * 60_000 },
  registerPerAddress: { limit: 20, windowMs: 60 * 60_000 },
} as const;

