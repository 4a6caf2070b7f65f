import { describe, expect, it } from "vitest";
import { z } from "zod";
import { searchText } from "~/search/query-text.ts";
import { hasHiddenFormatting } from "~/text/hidden-characters.ts";
import { parseForm } from "~/ui/form-data.ts";
import { commaList, freeText, plainText, requiredText } from "~/ui/schema-fields.server.ts";

const hiding = [
  ["a right-to-left override", "Kuhar\u202E u hotelu"],
  ["a left-to-right isolate", "\u2066Kuhar\u2069"],
  ["zero-width spaces", "x\u200B\u200B\u200B"],
  ["a word joiner", "ku\u2060har"],
  ["a byte-order mark", "\uFEFFKuhar"],
  ["a soft hyphen", "ku\u00ADhar"],
  ["a zero-width joiner inside a Latin word", "ku\u200Dhar"],
  ["a joiner after an emoji, before a letter", "👩\u200Dx"],
  ["a Hangul filler as a name", "\u3164"],
  ["a joiner after a run of marks on a Latin letter", "a" + "\u0301".repeat(4000) + "\u200C"],
];

const writing = [
  ["plain Croatian", "Pomoćni kuhar u Varaždinu – 20 sati"],
  ["Danish", "Køkkenhjælper i Århus"],
  ["an emoji made of several with joiners", "Tim 👨\u200D👩\u200D👧 i 👩🏽\u200D💻"],
  ["a heart with its variation selector", "❤️ rad s ljudima"],
  ["the flag of Wales", "\u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}"],
  ["a Persian word with its non-joiner", "می\u200Cخواهم"],
  ["a Devanagari conjunct with a joiner", "क्\u200Dष"],
];

describe("hidden formatting in what people write", () => {
  it.each(hiding)("refuses %s", (_label, text) => {
    expect(hasHiddenFormatting(text)).toBe(true);
  });

  it.each(writing)("accepts %s", (_label, text) => {
    expect(hasHiddenFormatting(text)).toBe(false);
  });

  it("answers each kind of free-text field with its own message, and markup still with the old one", () => {
    const schema = z.object({ title: requiredText(3, 120), description: freeText(500), skills: commaList, name: plainText(60) });
    const form = new FormData();
    form.set("title", "x\u200B\u200B\u200B");
    form.set("description", "Opis \u202Eokrenut");
    form.set("skills", "kuhanje, ro\u200Bštilj");
    form.set("name", "Ana\u2066");
    const result = parseForm(form, schema);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toEqual({ title: "errors.invisibleCharacters", description: "errors.invisibleCharacters", skills: "errors.invisibleCharacters", name: "errors.invisibleCharacters" });
    form.set("title", "<b>x</b>\u202E");
    expect(parseForm(form, schema)).toMatchObject({ fieldErrors: { title: "errors.forbiddenCharacters" } });
  });
});

describe("search text", () => {
  it.each([
  ["💼 posao", "posao"],
  ["\u200Bposao", "posao"],
  ["\u202Eposao", "posao"],
  ["po\u00ADsao", "posao"],
  ["-posao", "posao"],
  ["kuhar -posao", "kuhar posao"],
    ['"pomoćni kuhar"', "pomoćni kuhar"],
  ["❤️ rad", "rad"],
  ["e-mail d.o.o. O'Brien", "e-mail d.o.o O'Brien"],
  ["  Køkken   hjælper ", "Køkken hjælper"],
  ["💼", ""],
    // A joiner between letters of a script that needs it is part of the word, as in a title.
  ["می\u200Cخواهم کار", "می\u200Cخواهم کار"],
  ["क्\u200Dष", "क्\u200Dष"],
  ["\u200Cمی\u200Cخواهم\u200C", "می\u200Cخواهم"],
    // Between emoji it goes with them; between Latin letters it hides like the rest.
  ["Tim 👨\u200D👩\u200D👧 obitelj", "Tim obitelj"],
  ["👩🏽\u200D💻", ""],
  ["ku\u200Dhar ku\u200Char", "kuhar kuhar"],
  ["👩\u200Dx", "x"],
  ["\uFEFFku\u2060har\u2066", "kuhar"],
  ])("%j is searched as %j", (typed, searched) => {
    expect(searchText(typed)).toBe(searched);
  });

  it.each(hiding)("leaves out of its words what a form refuses: %s", (_label, text) => {
    expect(hasHiddenFormatting(searchText(text))).toBe(false);
  });

  it.each(writing.filter(([, text]) => /^[\p{L}\p{M}\u200C\u200D]+$/u.test(text)))("keeps a word as a form accepts it: %s", (_label, text) => {
    expect(searchText(text)).toBe(text);
  });
});
