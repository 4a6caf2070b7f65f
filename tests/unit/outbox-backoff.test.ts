import { describe, expect, it } from "vitest";
import { backoffMs } from "~/outbox/outbox.server.ts";

describe("outbox retry backoff", () => {
  it("doubles after every failed attempt", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1000))).toEqual([1000, 2000, 4000, 8000]);
  });
  it("never waits more than ten minutes, so delivery resumes soon after SMTP returns", () => {
    expect(backoffMs(50, 5000)).toBe(600_000);
  });
});
