// What counts as hidden in text people write: the one definition for what a form refuses
// (app/ui/schema-fields.server.ts) and what a search leaves out of its words (app/search/query-text.ts).
//
// Unicode's format characters (general category Cf) draw nothing: zero-width spaces, the soft
// hyphen, a byte-order mark, and the bidirectional overrides and isolates that make a title read
// backwards on the public list. Three uses of them are writing rather than hiding, and stay:
// - a zero-width joiner between two emoji (👩‍💻, 👨‍👩‍👧 are one picture each),
// - the tags after a black flag that make it a flag of England, Scotland or Wales,
// - a joiner or non-joiner between two letters of a script that shapes its letters by them
//   (Persian, Arabic, the Indic scripts). Between Latin, Greek or Cyrillic letters they change
//   nothing one can see, so there they are hidden like the rest.
// The Hangul fillers are letters by category but blank by design, the usual way to an "empty" name.

// Each pattern starts at the joiner itself, so what it looks back at is read only there.
const EMOJI_JOINER = /\u200D(?<=\p{Extended_Pictographic}(?:\u{FE0F}|\p{Emoji_Modifier})?\u200D)(?=\p{Extended_Pictographic})/u;
const FLAG_TAGS = /\u{1F3F4}[\u{E0020}-\u{E007E}]{1,30}\u{E007F}/u;
const SCRIPT_JOINER =
  /[\u200C\u200D](?<=[\p{L}\p{M}][\u200C\u200D])(?<![\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}]\p{M}*[\u200C\u200D])(?=\p{L})(?![\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}])/u;
const HIDDEN = /[\p{Cf}\u115F\u1160\u3164\uFFA0]/u;
// At each place, writing first: what is left of HIDDEN there hides.
const WRITING_OR_HIDDEN = new RegExp(`(${FLAG_TAGS.source}|${EMOJI_JOINER.source}|${SCRIPT_JOINER.source})|${HIDDEN.source}`, "gu");

/** The text without the characters that show nothing, or turn it around, where they are not part of writing. */
export function withoutHiddenCharacters(text: string): string {
  if (!HIDDEN.test(text)) return text;
  return text.replace(WRITING_OR_HIDDEN, (_hidden, writing: string | undefined) => writing ?? "");
}

/** True when the text holds a character that shows nothing, or turns the text around, where it is not part of writing. */
export function hasHiddenFormatting(text: string): boolean {
  return withoutHiddenCharacters(text) !== text;
}
