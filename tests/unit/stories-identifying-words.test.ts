import { describe, expect, it } from "vitest";
import { identifyingWordsIn } from "~/stories/identifying-words.ts";

const facts = { firstName: "Ana", fullName: "Ana Marić", towns: ["Varaždin"], employerNames: ["Pekara Zrno d.o.o."] };
const anonymous = { nameChoice: "omitted", placeChoice: "region", namesEmployer: false };

describe("the words a story's choices keep from the public", () => {
  it("finds the surname in any form, the first name when the story gives none, the town when it gives the region, the employer when it is not named", () => {
    expect(identifyingWordsIn(["Marića su svi voljeli."], facts, anonymous)).toEqual(["Marić"]);
    expect(identifyingWordsIn(["Anin prvi dan u Varaždinu bio je težak."], facts, anonymous)).toEqual(["Ana", "Varaždin"]);
    expect(identifyingWordsIn(["Radi u PEKARA ZRNO d.o.o. od ožujka."], facts, anonymous)).toEqual(["Pekara Zrno d.o.o."]);
  });

  it("lets through what the choices allow, and words that only begin the same", () => {
    expect(identifyingWordsIn(["Ana radi u Varaždinu za Pekara Zrno d.o.o."], facts, { nameChoice: "first_name", placeChoice: "town", namesEmployer: true })).toEqual([]);
    expect(identifyingWordsIn(["Analiza pokazuje da je Varaždinsko jutro hladno; Marićevićeva ulica."], facts, anonymous)).toEqual([]);
    expect(identifyingWordsIn(["Nakon dugo vremena opet radim."], facts, anonymous)).toEqual([]);
  });
});
