// Moving the clock in tests. A portal process follows a clock file: pass `clock.env` to
// startPortal, then `clock.move(ms)` moves it between two requests. Tests that call the
// capabilities in their own process move that process's clock with moveClock/resetClock from
// ~/clock/test-clock.server.ts. Neither works unless NODE_ENV is "test".
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { readClockFile, writeClockFile } from "~/clock/test-clock.server.ts";

export interface PortalClock {
  /** For startPortal's environment. */
  env: { TEST_CLOCK_FILE: string };
  /** Moves the portal's clock on by `ms` (back when negative). */
  move(ms: number): void;
  /** Sets the portal's clock to this moment (milliseconds since 1970), from which it runs on. */
  moveTo(moment: number): void;
  /** Back to the real time. */
  reset(): void;
}

export function portalClock(dir = process.env.SERVICES_DATA_DIR!): PortalClock {
  const file = join(dir, `clock-${randomBytes(4).toString("hex")}.json`);
  return {
    env: { TEST_CLOCK_FILE: file },
    move: (ms) => writeClockFile(file, readClockFile(file) + ms),
    moveTo: (moment) => writeClockFile(file, moment - Date.now()),
    reset: () => rmSync(file, { force: true }),
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
