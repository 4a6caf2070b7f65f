// "3 more without a gradual start": how many more placements each relaxation of a plan would
// show, counted by Meilisearch against this file's own index, with placements set up so that
// every count is known.
import { beforeAll, describe, expect, it } from "vitest";
import { createMentee, getMenteePlan } from "~/mentees/mentees.server.ts";
import { matchesWithRelaxationCounts, rankPlacements, relaxationCounts } from "~/matching/matching.server.ts";
import { createPlacement } from "~/placements/placements.server.ts";
import { placementIndexName, placementIndexSettings, type PlacementDocument } from "~/placements/search-index.server.ts";
import { getSearchClient } from "~/search/client.server.ts";
import { drainOutbox, makeEmployer, placementInput } from "../support/placements.ts";
import { makeMentor, menteeInput } from "../support/mentees.ts";

// Ana lives in Varaždin, travels 25 km (75 km when widened), works 8–25 hours, speaks Croatian.
const withGradualStart = { support: ["gradual_start"] };
const placements: Record<string, Record<string, unknown>> = {
  fits: withGradualStart,
  // Kitchens that fit every interest but offer no gradual start, which Ana needs.
  kitchenWithoutSupport1: { support: ["onsite_buddy"] },
  kitchenWithoutSupport2: { support: ["onsite_buddy"] },
  kitchenWithoutSupport3: { support: [] },
  inZagreb: { town: "Zagreb", ...withGradualStart },
  inSplit: { town: "Split", ...withGradualStart },
  longHours: { hoursMin: "30", hoursMax: "40", ...withGradualStart },
  // Breaks two constraints: relaxing either one alone does not bring it.
  danishWithoutSupport: { languages: ["da"], support: ["onsite_buddy"] },
};

beforeAll(async () => {
  const employer = await makeEmployer();
  for (const [name, overrides] of Object.entries(placements)) {
    const created = await createPlacement(employer, placementInput({ title: `${name} kuhinja`, description: "Kuhanje i pečenje u kuhinji.", language: "hr", ...overrides }), { publish: true });
    if (!created.ok) throw new Error(`not created: ${name}`);
  }
  await drainOutbox();
});

async function planOf(overrides: Record<string, unknown>) {
  const mentor = await makeMentor();
  const created = await createMentee(mentor, menteeInput(overrides));
  if (!created.ok) throw new Error("mentee not created");
  return getMenteePlan(mentor, created.id);
}

describe("how many more placements a relaxation would show", () => {
  it("counts, per constraint, the placements that fit only once that one is relaxed", async () => {
    const plan = await planOf({ supportNeeded: ["gradual_start"] });
    expect(await rankPlacements(plan)).toHaveLength(1);
    expect(await relaxationCounts(plan)).toEqual({
      distance: { more: 1, atLeast: false },
      hours: { more: 1, atLeast: false },
      languages: { more: 0, atLeast: false },
      support: { more: 3, atLeast: false },
    });
  });

  it("counts against the relaxations already chosen, and says what a chosen one brought", async () => {
    const plan = await planOf({ supportNeeded: ["gradual_start"] });
    const relax = { support: true };
    expect(await rankPlacements(plan, relax)).toHaveLength(4);
    expect(await relaxationCounts(plan, relax)).toEqual({
      distance: { more: 1, atLeast: false },
      hours: { more: 1, atLeast: false },
      // Without the support filter, the Danish placement is hidden only by its language.
      languages: { more: 1, atLeast: false },
      support: { more: 3, atLeast: false },
    });
  });

  it("agrees with what the matches page then shows", async () => {
    const plan = await planOf({ supportNeeded: ["gradual_start"] });
    const shown = (await rankPlacements(plan)).length;
    const counts = await relaxationCounts(plan);
    for (const constraint of ["distance", "hours", "languages", "support"] as const) {
      expect((await rankPlacements(plan, { [constraint]: true })).length, constraint).toBe(shown + counts[constraint]!.more);
    }
  });

  it("says how many fit in all when the page shows only the best of them", async () => {
    const plan = await planOf({ supportNeeded: ["gradual_start"] });
    const fewer = await matchesWithRelaxationCounts(plan, { support: true }, 2);
    expect(fewer.matches).toHaveLength(2);
    expect(fewer.fitting).toEqual({ total: 4, atLeast: false });
    const all = await matchesWithRelaxationCounts(plan, { support: true });
    expect(all.fitting?.total).toBe(all.matches.length);
  });

  it("leaves out constraints the plan does not have", async () => {
    const plan = await planOf({ supportNeeded: [], languages: [] });
    expect(Object.keys(await relaxationCounts(plan)).sort()).toEqual(["distance", "hours"]);
  });

  describe("beyond what Meilisearch counts (maxTotalHits)", () => {
    const cap = placementIndexSettings.pagination.maxTotalHits;

    beforeAll(async () => {
      // More long-hours placements in Aarhus than the index counts, written straight to the index.
      const documents: PlacementDocument[] = Array.from({ length: cap + 20 }, (_, i) => ({
        id: `aarhus-${i}`,
        title: `Lager ${i}`,
        description: "Pakning på lager.",
        language: "da",
        kind: "work_trial",
        sector: "logistics",
        town: "Aarhus",
        country: "DK",
        _geo: { lat: 56.1567, lng: 10.2108 },
        hoursMin: 30,
        hoursMax: 37,
        scheduleFlexibility: "some",
        startDate: null,
        durationWeeks: null,
        places: 1,
        readiness: "activity_ready",
        languages: ["da"],
        skills: [],
        physicalDemands: "medium",
        support: [],
        supportNotes: "",
        organisationName: "Lager Nord",
        organisationKind: "employer",
        publishedAt: Date.now(),
        concepts: ["warehouse", "packing"],
        conceptWords: [],
        vocabulary: "",
      }));
      const task = await getSearchClient().index(placementIndexName()).addDocuments(documents);
      const done = await getSearchClient().tasks.waitForTask(task.taskUid, { timeout: 60_000, interval: 50 });
      expect(done.status).toBe("succeeded");
    });

    it("gives a lower bound when the relaxed search reaches the limit", async () => {
      const plan = await planOf({ town: "Aarhus", country: "DK", languages: ["da"], supportNeeded: [], hoursMin: "5", hoursMax: "15" });
      expect(await relaxationCounts(plan)).toEqual({
        distance: { more: 0, atLeast: false },
        hours: { more: cap, atLeast: true },
        languages: { more: 0, atLeast: false },
      });
    });

    it("says nothing when even the stricter search reaches it", async () => {
      const plan = await planOf({ town: "Aarhus", country: "DK", languages: ["da"], supportNeeded: [], hoursMin: "30", hoursMax: "37" });
      expect(await relaxationCounts(plan)).toEqual({});
    });
  });
});
