import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/accounts/session.server.ts";
import { rankPlacements, type Match } from "~/matching/matching.server.ts";
import { createMentee, getMenteePlan } from "~/mentees/mentees.server.ts";
import { createPlacement } from "~/placements/placements.server.ts";
import { searchParamsToObject, searchQuerySchema } from "~/placements/schema.server.ts";
import { placementIndexName, resyncPlacementsOfOtherVocabulary, type PlacementDocument } from "~/placements/search-index.server.ts";
import { searchPlacementsInIndex } from "~/placements/search.server.ts";
import { getSearchClient } from "~/search/client.server.ts";
import { vocabularyStamp } from "~/vocabulary/vocabulary.server.ts";
import { makeMentor, menteeInput } from "../support/mentees.ts";
import { drainOutbox, makeEmployer, placementInput } from "../support/placements.ts";

// Placements whose words differ from the person's: in their endings, in diacritics typed without,
// in language (a Croatian word, a Danish placement), words of a phrase standing apart, or only in
// the person's goals. Each placement's skills name nothing of it, so only the vocabulary (or the
// words themselves, inflected) can bring them together.
const places = {
  warehouseHr: { title: "Rad u skladištu", description: "Slaganje kutija uz kolegu koji pokazuje posao.", language: "hr", town: "Zagreb", country: "HR", languages: ["hr"] },
  gardenSl: { title: "Vrtnar v rastlinjaku", description: "Sajenje in zalivanje sadik.", language: "sl", town: "Maribor", country: "SI", languages: ["sl"] },
  gardenDa: { title: "Hjælp i gartneriet", description: "Lugning og vanding i et lille gartneri.", language: "da", town: "Aarhus", country: "DK", languages: ["da"] },
  floristHr: { title: "Pomoć u cvjećarnici", description: "Slaganje buketa i briga o biljkama u maloj cvjećarnici.", language: "hr", town: "Varaždin", country: "HR", languages: ["hr"] },
  hairDa: { title: "Frisørsalon søger elev", description: "Vask og klipning sammen med en erfaren frisør.", language: "da", town: "Aarhus", country: "DK", languages: ["da", "en"] },
  photosHr: { title: "Mali studio u Varaždinu", description: "Rad u studiju: fotografijama iz starih arhiva dajemo novi život.", language: "hr", town: "Varaždin", country: "HR", languages: ["hr"] },
  elderCareHr: { sector: "care", title: "Praksa u domu za starije", description: "Pomoć pri obrocima i šetnjama, druženje sa stanarima doma.", language: "hr", town: "Varaždin", country: "HR", languages: ["hr"] },
  sortingHr: { sector: "recycling", title: "Sortiranje odjeće", description: "Sortiranje rabljene odjeće u socijalnoj zadruzi.", language: "hr", town: "Varaždin", country: "HR", languages: ["hr"] },
} as const;
type Place = keyof typeof places;
const ids = {} as Record<Place, string>;
let mentor: SessionUser;

beforeAll(async () => {
  const employer = await makeEmployer();
  for (const [name, place] of Object.entries(places)) {
    const created = await createPlacement(employer, placementInput({ ...place, skills: "", support: ["onsite_buddy"], hoursMin: "10", hoursMax: "20" }), { publish: true });
    if (!created.ok) throw new Error(`not created: ${name}`);
    ids[name as Place] = created.id;
  }
  await drainOutbox();
  mentor = await makeMentor();
});

async function matchesFor(overrides: Record<string, unknown>) {
  const created = await createMentee(mentor, menteeInput({ goals: "", skills: "", supportNeeded: [], hoursMin: "10", hoursMax: "20", ...overrides }));
  if (!created.ok) throw new Error("mentee not created");
  return rankPlacements(await getMenteePlan(mentor, created.id));
}

function matchOf(matches: Match[], place: Place): Match | undefined {
  return matches.find((m) => m.placement.id === ids[place]);
}

describe("matching through the vocabulary", () => {
  it("finds inflected forms in Croatian, Slovenian and Danish, naming the person's own word", async () => {
    const cases = [
      [{ interests: "skladište", town: "Zagreb", country: "HR", languages: ["hr"] }, "warehouseHr", "skladište"],
      [{ interests: "vrtnarjenje", town: "Maribor", country: "SI", languages: ["sl"], language: "sl" }, "gardenSl", "vrtnarjenje"],
      [{ interests: "gartner", town: "Aarhus", country: "DK", languages: ["da"], language: "da" }, "gardenDa", "gartner"],
    ] as const;
    for (const [plan, place, word] of cases) {
      const match = matchOf(await matchesFor(plan), place);
      expect(match, place).toBeDefined();
      expect(match!.matchedTerms).toEqual([word]);
    }
  });

  it("matches a word typed without its diacritics", async () => {
    const match = matchOf(await matchesFor({ interests: "cvjecarstvo" }), "floristHr");
    expect(match?.matchedTerms).toEqual(["cvjecarstvo"]);
  });

  it("matches a Croatian mentee's 'frizerstvo' with a Danish frisør placement, and the public search understands it too", async () => {
    const matches = await matchesFor({ interests: "frizerstvo", town: "Aarhus", country: "DK", languages: ["hr", "en"] });
    expect(matchOf(matches, "hairDa")?.matchedTerms).toEqual(["frizerstvo"]);
    expect(matches[0].placement.id).toBe(ids.hairDa);
    const found = await searchPlacementsInIndex(searchQuerySchema.parse(searchParamsToObject(new URLSearchParams({ q: "frizerstvo" }))));
    expect(found.hits.map((h) => h.id)).toContain(ids.hairDa);
    expect(found.correctedQuery).toBeNull();
  });

  it("matches a multi-word interest whose words stand apart in the placement", async () => {
    const match = matchOf(await matchesFor({ interests: "rad s fotografijama" }), "photosHr");
    expect(match?.matchedTerms).toEqual(["rad s fotografijama"]);
  });

  it("links a placement to the person's goals when no interest names it, and ranks it above one that fits only the plan's constraints", async () => {
    const matches = await matchesFor({ interests: "šah", goals: "Željela bih raditi sa starijima, kao moja majka." });
    const care = matchOf(matches, "elderCareHr");
    expect(care?.matchedTerms).toEqual([]);
    expect(care?.matchedGoals).toEqual(["starijima"]);
    expect(care?.sectorFits).toBe(true);
    const sorting = matchOf(matches, "sortingHr");
    expect(sorting?.matchedGoals).toEqual([]);
    expect(matches.indexOf(care!)).toBeLessThan(matches.indexOf(sorting!));
  });

  it("indexes again the placements tagged with an earlier vocabulary, so a new word needs only a restart", async () => {
    const index = getSearchClient().index<PlacementDocument>(placementIndexName());
    const task = await index.updateDocuments([{ id: ids.gardenDa, vocabulary: "0-earlier", concepts: [], conceptWords: [] }]);
    await getSearchClient().tasks.waitForTask(task.taskUid);
    expect(await resyncPlacementsOfOtherVocabulary()).toBe(1);
    await drainOutbox();
    const document = await index.getDocument(ids.gardenDa);
    expect(document.vocabulary).toBe(vocabularyStamp());
    expect(document.concepts).toContain("gardening");
    expect(await resyncPlacementsOfOtherVocabulary()).toBe(0);
  });
});
