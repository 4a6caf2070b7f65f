// Meilisearch reads its own syntax in a query: a word after "-" is excluded ("-posao" found every
// placement without "posao"), quotes make a phrase. An emoji or a lone symbol is a word no placement
// holds, and the first word of a query must match, so "💼 posao" found nothing; a zero-width space
// glued to a word made it a different word. People type words: that is all a search is given.
// A joiner between two letters of a script that needs it is part of the word, as in a title
// (app/text/hidden-characters.ts): without it "क्‍ष" is another word, and the index finds nothing.
import { withoutHiddenCharacters } from "~/text/hidden-characters.ts";

// Not format characters, but the parts of an emoji (its variation selectors, a keycap) dropped with it.
const EMOJI_PARTS = /[\uFE00-\uFE0F\u20E3]/gu;
const NOT_A_WORD = /[^\p{L}\p{M}\p{N}\-'’.\u200C\u200D]+/gu;
const MARKS_WITHOUT_LETTER = /(?<![\p{L}\p{M}\p{N}])\p{M}+/gu;
// Inside a word (e-mail, d.o.o., O'Brien, می‌خواهم) they stay; at its ends they are syntax or nothing
// (a joiner left between two emoji, once the emoji are gone).
const AT_THE_EDGES = /^[-'’.\u200C\u200D]+|[-'’.\u200C\u200D]+$/gu;

/** The words of what someone typed into a search box, as plain words separated by one space. */
export function searchText(typed: string): string {
  return withoutHiddenCharacters(typed)
    .replace(EMOJI_PARTS, "")
    .replace(NOT_A_WORD, " ")
    .replace(MARKS_WITHOUT_LETTER, "")
    .split(" ")
    .map((word) => word.replace(AT_THE_EDGES, ""))
    .filter(Boolean)
    .join(" ");
}
