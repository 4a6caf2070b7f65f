import { describe, expect, it } from "vitest";
import { sectors } from "~/placements/vocabulary.ts";
import { allConcepts, conceptIdsIn, foldWord, loadVocabulary, suggestConcepts } from "~/vocabulary/vocabulary.server.ts";

describe("the skills and interests vocabulary", () => {
  it("loads, valid, with at least 60 concepts named in all four languages", () => {
    const { concepts, version } = loadVocabulary();
    expect(version).toBeGreaterThanOrEqual(1);
    expect(concepts).toBeGreaterThanOrEqual(60);
    for (const concept of allConcepts()) for (const language of ["hr", "sl", "da", "en"] as const) expect(concept.labels[language].preferred, concept.id).not.toBe("");
  });

  it("names only sectors that placements have", () => {
    for (const concept of allConcepts()) for (const sector of concept.sectors) expect(sectors, concept.id).toContain(sector);
  });

  it("folds case, diacritics and the Danish letters", () => {
    expect(foldWord("Cvjećarstvo")).toBe(foldWord("cvjecarstvo"));
    expect(foldWord("FRISØR")).toBe("frisor");
    expect(foldWord("Đakovo")).toBe("dakovo");
  });

  it("finds a concept by its forms: trade, workplace, worker, inflections, typed without diacritics", () => {
    for (const text of ["frizerstvo", "Frizerski salon", "frizerka", "frisørsalonen", "hairdresser"]) expect(conceptIdsIn(text), text).toContain("hairdressing");
    for (const text of ["gartner", "gartneriet", "vrtlarstvo", "vrtnarjenje", "u vrtu"]) expect(conceptIdsIn(text), text).toContain("gardening");
    expect(conceptIdsIn("rad u skladistu")).toContain("warehouse");
    expect(conceptIdsIn("cvjecarstvo")).toContain("floristry");
  });

  it("leaves out short and list-only words in running text", () => {
    expect(conceptIdsIn("have")).toContain("gardening");
    expect(conceptIdsIn("You will have a buddy", { running: true, language: "en" })).not.toContain("gardening");
    expect(conceptIdsIn("Help with IT at the office", { running: true, language: "en" })).not.toContain("computers");
  });

  it("suggests words in the reader's language as they type, a typo forgiven", () => {
    expect(suggestConcepts("vrtn", "sl")[0]).toMatchObject({ concept: "gardening", word: "vrtnarjenje" });
    expect(suggestConcepts("frizre", "hr").map((s) => s.concept)).toContain("hairdressing");
    expect(suggestConcepts("frisor", "da")[0]).toMatchObject({ concept: "hairdressing", word: "frisør" });
    expect(suggestConcepts("x", "en")).toEqual([]);
    expect(suggestConcepts("a".repeat(60), "en").length).toBeLessThanOrEqual(8);
  });
});
