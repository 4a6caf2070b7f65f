// The editor's own words can undo the anonymisation: a story that chose "no name" but says "Ana",
// the region but names the town, or no employer but names the bakery. These are the words of her
// record and her placements that the story's choices keep from the public, as found in its texts.

export interface IdentifyingFacts {
  firstName: string;
  fullName: string;
  /** The story's town and her own. */
  towns: string[];
  /** The organisations she was introduced to or placed with. */
  employerNames: string[];
}

export interface AnonymityChoices {
  nameChoice: string;
  placeChoice: string;
  namesEmployer: boolean;
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The endings a name takes in Croatian, Slovenian and Danish (Ana: Ane, Ani, Anu, Anom, Anin, Anas; Marić: Marića). */
const endings = ["a", "e", "i", "o", "u", "om", "em", "in", "ina", "ine", "ini", "inu", "inom", "ov", "ova", "ove", "ovi", "ev", "eva", "s", "es"];

/** A name as a word of its own, as written or with one of its endings (a final vowel gives way to the ending). */
function namePattern(word: string): RegExp {
  const stem = /[aeiou]$/i.test(word) && word.length >= 3 ? word.slice(0, -1) : word;
  const forms = [word, ...endings.map((ending) => stem + ending)].map(escape).join("|");
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms})(?![\\p{L}\\p{N}])`, "u");
}

/** An organisation's whole name, in any case. */
function phrasePattern(phrase: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escape(phrase).replace(/\s+/g, "\\s+")}(?![\\p{L}\\p{N}])`, "iu");
}

/** The words in `texts` that the story's choices keep from the public, each once, in the order checked. */
export function identifyingWordsIn(texts: string[], facts: IdentifyingFacts, choices: AnonymityChoices): string[] {
  const text = texts.join("\n");
  const firstNames = new Set(facts.firstName.split(/[\s-]+/).filter(Boolean));
  const surnames = facts.fullName.split(/[\s-]+/).filter((part) => part.length >= 2 && !firstNames.has(part));
  const names = [...surnames, ...(choices.nameChoice === "first_name" ? [] : [...firstNames].filter((part) => part.length >= 3))];
  const found = names.filter((name) => namePattern(name).test(text));
  if (choices.placeChoice === "region") found.push(...facts.towns.filter((town) => town.length >= 2 && namePattern(town).test(text)));
  if (!choices.namesEmployer) found.push(...facts.employerNames.filter((name) => name.trim().length >= 3 && phrasePattern(name.trim()).test(text)));
  return [...new Set(found)];
}
