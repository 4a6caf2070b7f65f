// Meilisearch reads its own syntax in a query: a word after "-" is excluded ("-posao" found every
// placement without "posao"), quotes make a phrase. An emoji or a lone symbol is a word no placement
// holds, and the first word of a query must match, so "💼 posao" found nothing; a zero-width space
// glued to a word made it a different word. People type words: that is all a search is given.

const INVISIBLE = /[\p{Cf}\uFE00-\uFE0F\u20E3]/gu;
const NOT_A_WORD = /[^\p{L}\p{M}\p{N}\-'’.]+/gu;
const MARKS_WITHOUT_LETTER = /(?<![\p{L}\p{M}\p{N}])\p{M}+/gu;
// Inside a word (e-mail, d.o.o., O'Brien) they stay; at its ends they are syntax or nothing.
const AT_THE_EDGES = /^[-'’.]+|[-'’.]+$/g;

/** The words of what someone typed into a search box, as plain words separated by one space. */
export function searchText(typed: string): string {
  return typed
    .replace(INVISIBLE, "")
    .replace(NOT_A_WORD, " ")
    .replace(MARKS_WITHOUT_LETTER, "")
    .split(" ")
    .map((word) => word.replace(AT_THE_EDGES, ""))
    .filter(Boolean)
    .join(" ");
}
