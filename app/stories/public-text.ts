// Small pure rules of the public pages: excerpts, and the campaign's summed figure.
import { FEWER_THAN_5, type Shown } from "~/outcomes/small-numbers.ts";

/** The first words of a text, cut at a word, for cards and sharing descriptions. */
export function excerptOf(text: string, length = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), length / 2)).trimEnd()}…`;
}

/**
 * The steps towards work are three figures summed. When a part is "fewer than 5", the sum of the
 * others is shown as "at least" that many (or "fewer than 5" when the others are none): the sum
 * never tells how many stand behind a suppressed part.
 */
export function sumSteps(parts: Shown[]): { value: Shown; atLeast: boolean } {
  const known = parts.filter((p): p is number => typeof p === "number").reduce((a, b) => a + b, 0);
  const suppressed = parts.some((p) => p === FEWER_THAN_5);
  if (!suppressed) return { value: known, atLeast: false };
  return known > 0 ? { value: known, atLeast: true } : { value: FEWER_THAN_5, atLeast: false };
}
