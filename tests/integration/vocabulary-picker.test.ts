import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";

// /resources/vocabulary: the suggestions under the interests and skills fields. For the people
// who fill those in (mentors, employers, coordinators), in their own language, a typo forgiven;
// bounded in what it takes and what it gives.

let portal: RunningPortal;
const people = {
  mentorSl: "mentor.sl@demo.placements.test",
  mentorHr: "mentor.hr@demo.placements.test",
  mentorDa: "mentor.da@demo.placements.test",
  coordinator: "coordinator@demo.placements.test",
  employer: "employer.hr@demo.placements.test",
  mentee: "mentee@demo.placements.test",
} as const;
const cookies = {} as Record<keyof typeof people, string>;

beforeAll(async () => {
  portal = await startPortal({ OUTBOX_POLL_MS: "60000" }, { seed: true });
  for (const [who, email] of Object.entries(people)) {
    const response = await postForm(portal, "/login", { email, password: "demo-placements-2026" });
    if (response.status !== 302) throw new Error(`${who} could not sign in: ${response.status}`);
    cookies[who as keyof typeof people] = response.headers.get("set-cookie")!.split(";")[0];
  }
}, 240_000);
afterAll(async () => portal?.stop());

function ask(who: keyof typeof people | "anonymous", query: string) {
  return fetch(`${portal.url}/resources/vocabulary${query}`, { headers: who === "anonymous" ? {} : { Cookie: cookies[who] }, redirect: "manual" });
}

async function suggestionsFor(who: keyof typeof people, typed: string): Promise<{ concept: string; word: string }[]> {
  const response = await ask(who, `?q=${encodeURIComponent(typed)}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("application/json");
  return ((await response.json()) as { suggestions: { concept: string; word: string }[] }).suggestions;
}

describe("vocabulary suggestions", () => {
  it("answer mentors, employers and coordinators; a mentee is refused and a visitor sent to sign in", async () => {
    for (const who of ["mentorSl", "mentorHr", "mentorDa", "coordinator", "employer"] as const) expect((await ask(who, "?q=kuh")).status, who).toBe(200);
    expect((await ask("mentee", "?q=kuh")).status).toBe(403);
    const anonymous = await ask("anonymous", "?q=kuh");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/login");
  });

  it("are in the reader's language", async () => {
    expect((await suggestionsFor("mentorSl", "vrtn"))[0]).toMatchObject({ concept: "gardening", word: "vrtnarjenje" });
    expect((await suggestionsFor("mentorHr", "vrtl"))[0]).toMatchObject({ concept: "gardening", word: "vrtlarstvo" });
    expect((await suggestionsFor("mentorDa", "gartn"))[0]).toMatchObject({ concept: "gardening", word: "gartner" });
    expect((await suggestionsFor("coordinator", "garde"))[0]).toMatchObject({ concept: "gardening", word: "gardening" });
  });

  it("forgive a typo and missing diacritics", async () => {
    expect((await suggestionsFor("mentorHr", "frizre")).map((s) => s.concept)).toContain("hairdressing");
    expect((await suggestionsFor("mentorSl", "skladisce"))[0]).toMatchObject({ concept: "warehouse", word: "skladišče" });
    expect((await suggestionsFor("mentorDa", "frisor"))[0]).toMatchObject({ concept: "hairdressing", word: "frisør" });
  });

  it("give at most eight, and nothing for a single letter", async () => {
    expect((await suggestionsFor("mentorHr", "ka")).length).toBeLessThanOrEqual(8);
    expect(await suggestionsFor("mentorHr", "k")).toEqual([]);
  });

  it("refuse input out of bounds with a message in the reader's language, never a 500", async () => {
    for (const query of ["", "?q=", `?q=${"a".repeat(61)}`, "?q=a&q=b", "?q=%00%00"]) {
      const response = await ask("mentorHr", query);
      expect([200, 400], query).toContain(response.status);
      if (response.status === 400) expect(((await response.json()) as { error: string }).error, query).toContain("slova");
    }
    expect((await ask("mentorHr", `?q=${"a".repeat(61)}`)).status).toBe(400);
    expect((await ask("mentorHr", "?q=a&q=b")).status).toBe(400);
    expect((await ask("mentorHr", "")).status).toBe(400);
  });
});
