/**
 * The portal's one clock. Every rule that depends on the time (expiry of sessions and links, the
 * sign-in limits, when queued work is due, a desk session's end, "a start in the past") asks it.
 * It is the real time, unless a test moved it (app/clock/test-clock.server.ts, only when
 * NODE_ENV is "test"). Safe in the browser too, where it is always the real time.
 */

// One offset per process, shared by every copy of this module: the Remix build and the server's
// own modules each load one (see defineModel).
const SLOT = Symbol.for("placement-portal.clock-offset");

export interface ClockOffset {
  /** Milliseconds to add to the real time. */
  offsetMs(): number;
}

function installed(): ClockOffset | undefined {
  return (globalThis as { [SLOT]?: ClockOffset })[SLOT];
}

/** Now, in milliseconds since 1970. */
export function nowMs(): number {
  const offset = installed();
  return offset ? Date.now() + offset.offsetMs() : Date.now();
}

/** Now. */
export function now(): Date {
  return new Date(nowMs());
}

/** For app/clock/test-clock.server.ts alone, which refuses outside tests. */
export function installClockOffset(offset: ClockOffset | undefined): void {
  const slot = globalThis as { [SLOT]?: ClockOffset };
  if (offset) slot[SLOT] = offset;
  else delete slot[SLOT];
}
