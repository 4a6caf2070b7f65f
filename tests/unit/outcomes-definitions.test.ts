import { describe, expect, it } from "vitest";
import { definitions } from "~/outcomes/definitions.ts";
import { languages } from "~/i18n/languages.ts";

// Every figure says how it is counted in the page's language: a definition missing a language, or
// left in English, would show a coordinator an empty or foreign sentence next to a number.
describe("the definitions of the figures", () => {
  it("each has an id, a version from 1 on and a sentence in every language", () => {
    for (const definition of definitions) {
      expect(definition.id, JSON.stringify(definition)).toMatch(/^[a-z_0-9]+$/);
      expect(Number.isInteger(definition.version) && definition.version >= 1, definition.id).toBe(true);
      for (const language of languages) expect(definition.text[language]?.trim().length ?? 0, `${definition.id} in ${language}`).toBeGreaterThan(20);
    }
  });

  it("is translated: the Croatian, Slovenian and Danish sentences are not the English one", () => {
    for (const definition of definitions)
      for (const language of ["hr", "sl", "da"] as const) expect(definition.text[language], `${definition.id} in ${language}`).not.toBe(definition.text.en);
  });

  it("has each id once, so a frozen report's id and version name exactly one sentence", () => {
    const ids = definitions.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
