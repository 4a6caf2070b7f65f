import type { Translator } from "./i18n.ts";

// A message for a number of hours is a group of forms: `range` for "15–20 hours per week", and one
// form per plural category for a single number ("1 sat", "2 sata", "5 sati"; Slovenian also has a
// form for two). All four locales carry one, two, few and other, whatever their language uses.

const rules = new Map<string, Intl.PluralRules>();

function pluralOf(language: string, count: number) {
  let rule = rules.get(language);
  if (!rule) rules.set(language, (rule = new Intl.PluralRules(language)));
  return rule.select(count);
}

/** "5 sati tjedno", "1 sat tjedno": the form of `key` for this count. */
export function countedText(i18n: Translator, key: string, count: number): string {
  const category = pluralOf(i18n.language, count);
  return i18n.t([`${key}.${category}`, `${key}.other`], { count });
}

/** "15–20 sati tjedno", or one number when both bounds are the same ("15 sati tjedno"). */
export function hoursText(i18n: Translator, key: string, min: number, max: number): string {
  return min === max ? countedText(i18n, key, min) : i18n.t(`${key}.range`, { min, max });
}

/** Bounds without words, as a list of facts shows them ("15–20", "15"). */
export function boundsText(min: number, max: number): string {
  return min === max ? String(min) : `${min}–${max}`;
}
