import { readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { installClockOffset } from "./clock.ts";

// Tests move the clock; nothing else can. In-process tests call setClockOffset/moveClock; a
// portal process started by a test follows the file that TEST_CLOCK_FILE names (written by
// tests/support/clock.ts). Both work only when NODE_ENV is "test": production and development
// always run on the real time, whatever the environment or a file says.

const TESTS_ONLY = "The clock moves only in tests (NODE_ENV=test).";

function refuseOutsideTests(): void {
  if (process.env.NODE_ENV !== "test") throw new Error(TESTS_ONLY);
}

let offsetInProcess = 0;

/** In-process tests: the clock runs `offsetMs` ahead of the real time (behind when negative). */
export function setClockOffset(offsetMs: number): void {
  refuseOutsideTests();
  offsetInProcess = offsetMs;
  installClockOffset({ offsetMs: () => offsetInProcess });
}

/** In-process tests: moves the clock on by `ms` (back when negative). */
export function moveClock(ms: number): void {
  setClockOffset(offsetInProcess + ms);
}

/** Back to the real time. */
export function resetClock(): void {
  offsetInProcess = 0;
  installClockOffset(undefined);
}

/** The offset a clock file holds ({"offsetMs": n}); 0 for a file that is missing or not understood. */
export function readClockFile(file: string): number {
  try {
    const { offsetMs } = JSON.parse(readFileSync(file, "utf8")) as { offsetMs?: unknown };
    return typeof offsetMs === "number" && Number.isFinite(offsetMs) ? offsetMs : 0;
  } catch {
    return 0;
  }
}

/** Writes a clock file whole (a new file renamed over the old), so a reader never sees half of it. */
export function writeClockFile(file: string, offsetMs: number): void {
  const next = `${file}.${process.pid}.next`;
  writeFileSync(next, JSON.stringify({ offsetMs }));
  renameSync(next, file);
}

/**
 * A portal process in a test follows the clock file: each reading of the clock looks at the
 * file's identity (one stat) and reads it again only when it changed, so a test moves the clock
 * between two requests. Outside tests the file is ignored ("ignored", for a warning at start).
 */
export function followClockFile(file: string | undefined, nodeEnv: string | undefined = process.env.NODE_ENV): "off" | "following" | "ignored" {
  if (!file) return "off";
  if (nodeEnv !== "test") return "ignored";
  let seen = "";
  let offset = 0;
  installClockOffset({
    offsetMs() {
      let version: string;
      try {
        const stats = statSync(file, { bigint: true });
        version = `${stats.ino}:${stats.mtimeNs}:${stats.size}`;
      } catch {
        return 0;
      }
      if (version !== seen) {
        seen = version;
        offset = readClockFile(file);
      }
      return offset;
    },
  });
  return "following";
}
