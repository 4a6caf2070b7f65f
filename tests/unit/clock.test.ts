import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { now, nowMs } from "~/clock/clock.ts";
import { followClockFile, moveClock, resetClock, setClockOffset, writeClockFile } from "~/clock/test-clock.server.ts";
import { programmeToday } from "~/i18n/dates.ts";

const DAY = 24 * 60 * 60_000;
const dir = mkdtempSync(join(tmpdir(), "clock-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => resetClock());

/** How many whole days the clock runs ahead of the machine's time. */
const daysAhead = () => Math.round((nowMs() - Date.now()) / DAY) || 0;

function withNodeEnv<T>(value: "production" | "development", run: () => T): T {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = value;
  try {
    return run();
  } finally {
    process.env.NODE_ENV = before;
  }
}

describe("the clock", () => {
  it("is the machine's time until a test moves it", () => {
    expect(daysAhead()).toBe(0);
    setClockOffset(3 * DAY);
    expect(daysAhead()).toBe(3);
    moveClock(-DAY);
    expect(daysAhead()).toBe(2);
    expect(Math.round((now().getTime() - Date.now()) / DAY) || 0).toBe(2);
    resetClock();
    expect(daysAhead()).toBe(0);
  });

  it("moves the programme's today, which the start-date rules read", () => {
    const today = programmeToday();
    moveClock(2 * DAY);
    expect(programmeToday() > today).toBe(true);
  });

  it("cannot be moved in production or development", () => {
    for (const env of ["production", "development"] as const) {
      expect(() => withNodeEnv(env, () => setClockOffset(DAY))).toThrow(/only in tests/);
      expect(() => withNodeEnv(env, () => moveClock(DAY))).toThrow(/only in tests/);
    }
    expect(daysAhead()).toBe(0);
  });

  it("ignores a clock file outside tests", () => {
    const file = join(dir, "ignored.json");
    writeClockFile(file, 5 * DAY);
    for (const env of ["production", "development"] as const) expect(followClockFile(file, env)).toBe("ignored");
    expect(daysAhead()).toBe(0);
    expect(followClockFile(undefined, "test")).toBe("off");
  });

  it("follows a clock file in tests, each time it changes", () => {
    const file = join(dir, "followed.json");
    expect(followClockFile(file, "test")).toBe("following");
    expect(daysAhead()).toBe(0);
    writeClockFile(file, 3 * DAY);
    expect(daysAhead()).toBe(3);
    writeClockFile(file, 10 * DAY);
    expect(daysAhead()).toBe(10);
    rmSync(file);
    expect(daysAhead()).toBe(0);
  });
});
