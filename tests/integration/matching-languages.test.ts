import { beforeAll, describe, expect, it } from "vitest";
import { createMentee, getMenteePlan, type MenteePlan } from "~/mentees/mentees.server.ts";
import { rankPlacements, type Match } from "~/matching/matching.server.ts";
import { createPlacement } from "~/placements/placements.server.ts";
import { drainOutbox, makeEmployer, placementInput } from "../support/placements.ts";
import { makeMentor, menteeInput } from "../support/mentees.ts";

// A newcomer in Aarhus who speaks English and Arabic, and kitchens that differ only in the
// languages the work is done in and whether they offer language support.
const tag = `ml${Date.now().toString(36)}`;
const kitchens = {
  danishOrEnglish: { languages: ["da", "en"], support: ["onsite_buddy"] },
  danishWithLanguageSupport: { languages: ["da"], support: ["onsite_buddy", "language_support"] },
  danishOnly: { languages: ["da"], support: ["onsite_buddy"] },
  noLanguageNamed: { languages: [], support: ["onsite_buddy"] },
  englishOnly: { languages: ["en"], support: [] },
} as const;
type Kitchen = keyof typeof kitchens;
const ids = {} as Record<Kitchen, string>;
let plan: MenteePlan;

beforeAll(async () => {
  const employer = await makeEmployer();
  for (const [name, variant] of Object.entries(kitchens)) {
    const created = await createPlacement(
      employer,
      placementInput({ ...variant, town: "Aarhus", country: "DK", language: "da", title: `Køkkenhjælper ${tag}`, description: `Madlavning og opvask i et travlt køkken. ${tag}` }),
      { publish: true },
    );
    if (!created.ok) throw new Error(`not created: ${name}`);
    ids[name as Kitchen] = created.id;
  }
  await drainOutbox();
  const mentor = await makeMentor();
  const mentee = await createMentee(
    mentor,
    menteeInput({ firstName: "Amal", language: "en", languages: ["en", "ar"], town: "Aarhus", country: "DK", interests: "køkken, madlavning", skills: "", supportNeeded: [] }),
  );
  if (!mentee.ok) throw new Error("mentee not created");
  plan = await getMenteePlan(mentor, mentee.id);
});

const kitchenOf = (match: Match) => (Object.keys(ids) as Kitchen[]).find((name) => ids[name] === match.placement.id);
const found = (matches: Match[]) => matches.map(kitchenOf).filter((name): name is Kitchen => Boolean(name));
const matchFor = (matches: Match[], name: Kitchen) => matches.find((m) => m.placement.id === ids[name]);

describe("the language rule: the work fits when the person speaks one of its languages, or language support is offered", () => {
  it("fits when the person speaks one of the languages the work can be done in", async () => {
    const matches = await rankPlacements(plan);
    for (const name of ["danishOrEnglish", "englishOnly"] as const) {
      const match = matchFor(matches, name);
      expect(match, name).toBeDefined();
      expect(match!.missing.languages).toEqual([]);
      expect(match!.languageSupportOffered).toBe(false);
    }
  });

  it("leaves out work in languages the person does not speak when no language support is offered", async () => {
    expect(found(await rankPlacements(plan))).not.toContain("danishOnly");
  });

  it("shows work in a language the person does not speak when language support is offered, and says so", async () => {
    const match = matchFor(await rankPlacements(plan), "danishWithLanguageSupport");
    expect(match).toBeDefined();
    expect(match!.languageSupportOffered).toBe(true);
    expect(match!.missing.languages).toEqual(["da"]);
  });

  it("fits when the placement names no language", async () => {
    const match = matchFor(await rankPlacements(plan), "noLanguageNamed");
    expect(match).toBeDefined();
    expect(match!.missing.languages).toEqual([]);
  });

  it("brings the work the person cannot do in their languages back when the mentor ignores languages, below every placement that fits", async () => {
    const relaxed = await rankPlacements(plan, { languages: true });
    expect(found(relaxed).sort()).toEqual((Object.keys(kitchens) as Kitchen[]).sort());
    const danishOnly = matchFor(relaxed, "danishOnly")!;
    expect(danishOnly.missing.languages).toEqual(["da"]);
    expect(danishOnly.languageSupportOffered).toBe(false);
    expect(found(relaxed).at(-1)).toBe("danishOnly");
  });

  // Found by the labelled set (Yasmin in Odense): a plan that lists language support among the
  // supports the person needs hides English-only work she can do, because every needed support
  // is a filter of its own. Left to the matching's owner; see the evaluation report.
  it.todo("shows work in a language the person speaks when the plan lists language support as a need");
});
