/**
 * Polls `check` until it gives something other than undefined or false, and returns that; fails
 * naming `what` once the deadline has passed. For waiting on a state (an outbox item tried, a
 * service back) instead of sleeping for a time that a busy machine may not keep.
 */
export async function until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
