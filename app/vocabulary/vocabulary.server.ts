import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { languages, type Language } from "~/i18n/languages.ts";

// The skills and interests vocabulary: data in concepts.json (README.md beside it says how to add
// a word). Read once per process from the working directory, so a new word needs a restart (and a
// reindex for the placements already indexed), not a build.
const VOCABULARY_FILE = resolve("app/vocabulary/concepts.json");

const word = z.string().trim().min(1).max(60);
const labelsSchema = z.object({ preferred: word, other: z.array(word), forms: z.array(word) });
const conceptSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  esco: z.string().regex(/^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36}$/).nullable(),
  escoLabel: z.string().nullable(),
  // Placement sectors (app/placements/vocabulary.ts); tests/unit/vocabulary.test.ts checks each is one.
  sectors: z.array(z.string().min(1)),
  labels: z.object({ hr: labelsSchema, sl: labelsSchema, da: labelsSchema, en: labelsSchema }),
});
const vocabularySchema = z.object({
  version: z.number().int().positive(),
  updated: z.string(),
  source: z.string().min(1),
  licence: z.string().min(1),
  /** Words that are a concept only in a list of words (an interest, a skill), never in running text ("have" is a Danish garden and an English verb). */
  listOnly: z.array(word),
  concepts: z.array(conceptSchema).min(1),
});

export type Concept = z.infer<typeof conceptSchema>;

/** Case, diacritics and the Nordic letters folded, so "Cvjećarstvo", "cvjecarstvo" and "CVJEĆARSTVO" are one word (frisør = frisor). */
export function foldWord(text: string): string {
  return text
    .toLowerCase()
    .replaceAll("đ", "d")
    .replaceAll("ø", "o")
    .replaceAll("æ", "ae")
    .replaceAll("ß", "ss")
    .normalize("NFD")
    .replace(/\p{M}/gu, "");
}

export function foldedTokens(text: string): string[] {
  return foldWord(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

interface Form {
  conceptId: string;
  language: Language;
  tokens: string[];
  listOnly: boolean;
}

interface Loaded {
  version: number;
  /** Changes whenever the file does: placements tagged with another stamp are tagged again. */
  stamp: string;
  concepts: Concept[];
  byId: Map<string, Concept>;
  /** Every form by its first folded token. */
  formsByFirstToken: Map<string, Form[]>;
  /** Forms whose first token is long enough to be found as the beginning of an inflected word, by that token's first letters. */
  prefixForms: Map<string, Form[]>;
}

// A form of at least this many letters also finds words it begins with, up to SUFFIX_LETTERS more
// ("kuhinj" finds "kuhinji", "frisør" finds "frisøren"); shorter ones only themselves.
const PREFIX_MIN_LETTERS = 5;
const SUFFIX_LETTERS = 4;
// In running text (descriptions, goals) forms shorter than this are left out: "mad", "vrt", "IT".
const RUNNING_TEXT_MIN_LETTERS = 4;

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const raw = readFileSync(VOCABULARY_FILE, "utf8");
  const parsed = vocabularySchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    throw new Error(`The vocabulary (${VOCABULARY_FILE}) is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const ids = new Set<string>();
  for (const concept of parsed.data.concepts) {
    if (ids.has(concept.id)) throw new Error(`The vocabulary names the concept ${concept.id} twice.`);
    ids.add(concept.id);
  }
  const listOnly = new Set(parsed.data.listOnly.map(foldWord));
  const formsByFirstToken = new Map<string, Form[]>();
  const prefixForms = new Map<string, Form[]>();
  for (const concept of parsed.data.concepts) {
    for (const language of languages) {
      const labels = concept.labels[language];
      const seen = new Set<string>();
      for (const text of [labels.preferred, ...labels.other, ...labels.forms]) {
        const tokens = foldedTokens(text);
        const key = tokens.join(" ");
        if (!tokens.length || seen.has(key)) continue;
        seen.add(key);
        const form: Form = { conceptId: concept.id, language, tokens, listOnly: tokens.length === 1 && listOnly.has(tokens[0]) };
        formsByFirstToken.set(tokens[0], [...(formsByFirstToken.get(tokens[0]) ?? []), form]);
        if (tokens[0].length >= PREFIX_MIN_LETTERS) {
          const key = tokens[0].slice(0, PREFIX_MIN_LETTERS);
          prefixForms.set(key, [...(prefixForms.get(key) ?? []), form]);
        }
      }
    }
  }
  loaded = {
    version: parsed.data.version,
    stamp: `${parsed.data.version}-${createHash("sha256").update(raw).digest("hex").slice(0, 12)}`,
    concepts: parsed.data.concepts,
    byId: new Map(parsed.data.concepts.map((c) => [c.id, c])),
    formsByFirstToken,
    prefixForms,
  };
  return loaded;
}

/** Loads and checks the vocabulary; a broken file stops the start with the reason. */
export function loadVocabulary(): { version: number; stamp: string; concepts: number } {
  const { version, stamp, concepts } = load();
  return { version, stamp, concepts: concepts.length };
}

export function vocabularyStamp(): string {
  return load().stamp;
}

export function allConcepts(): readonly Concept[] {
  return load().concepts;
}

export function conceptById(id: string): Concept | undefined {
  return load().byId.get(id);
}

function tokenMatches(formToken: string, textToken: string): boolean {
  if (formToken === textToken) return true;
  return formToken.length >= PREFIX_MIN_LETTERS && textToken.startsWith(formToken) && textToken.length - formToken.length <= SUFFIX_LETTERS;
}

export interface ConceptHit {
  conceptId: string;
  /** The words of the text that carry the concept, as written there. */
  words: string;
}

export interface FindOptions {
  /**
   * Running text (a description, goals) rather than a list of words: short forms and the
   * vocabulary's list-only words are left out there, and so are other languages when the text's
   * language is known.
   */
  running?: boolean;
  language?: string;
}

/** The concepts a text speaks of, each once, in the order the text names them. */
export function findConcepts(text: string, options: FindOptions = {}): ConceptHit[] {
  const { formsByFirstToken, prefixForms } = load();
  const original = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const tokens = original.map(foldWord);
  const hits = new Map<string, ConceptHit>();
  const usable = (form: Form) =>
    !options.running ||
    (!form.listOnly &&
      (form.tokens.length > 1 || form.tokens[0].length >= RUNNING_TEXT_MIN_LETTERS) &&
      (!options.language || form.language === options.language || form.language === "en"));
  for (let i = 0; i < tokens.length; i++) {
    const longer = prefixForms.get(tokens[i].slice(0, PREFIX_MIN_LETTERS)) ?? [];
    const candidates = [...(formsByFirstToken.get(tokens[i]) ?? []), ...longer.filter((f) => f.tokens[0] !== tokens[i] && tokenMatches(f.tokens[0], tokens[i]))];
    for (const form of candidates) {
      if (hits.has(form.conceptId) || !usable(form)) continue;
      if (form.tokens.every((t, j) => i + j < tokens.length && tokenMatches(t, tokens[i + j]))) {
        hits.set(form.conceptId, { conceptId: form.conceptId, words: original.slice(i, i + form.tokens.length).join(" ") });
      }
    }
  }
  return [...hits.values()];
}

export function conceptIdsIn(text: string, options: FindOptions = {}): string[] {
  return findConcepts(text, options).map((h) => h.conceptId);
}

/**
 * The preferred and other words of the concepts in the four languages: what a placement tagged with
 * them is found by. Not the forms: the placement's own text carries its forms, and twice the
 * words made indexing slower and plain searches noisier for nothing the labelled set could see.
 */
export function conceptWords(ids: readonly string[]): string[] {
  const words = new Set<string>();
  for (const id of ids) {
    const concept = conceptById(id);
    if (!concept) continue;
    for (const language of languages) {
      const labels = concept.labels[language];
      for (const w of [labels.preferred, ...labels.other]) words.add(w);
    }
  }
  return [...words];
}

export function preferredLabel(id: string, language: Language): string | undefined {
  return conceptById(id)?.labels[language].preferred;
}

export interface Suggestion {
  concept: string;
  /** The word to put in the field: the preferred word, or the other word or form that was typed. */
  word: string;
  preferred: string;
}

/** Edits between two words, a swap of neighbours counting as one ("frizre" is one from "frizer"); stops counting past max. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1);
    }
    if (Math.min(...row) > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length][b.length];
}

/**
 * Suggestions for what someone is typing, in their language: words that begin with it, then words
 * that begin with it give or take a typo (one from 4 letters, two from 8), diacritics and case
 * folded. A few thousand words in memory: no index to keep in step, and it answers when search is down.
 */
export function suggestConcepts(typed: string, language: Language, limit = 8): Suggestion[] {
  const query = foldedTokens(typed).join(" ");
  if (query.length < 2) return [];
  const allowed = query.length >= 8 ? 2 : query.length >= 4 ? 1 : 0;
  const ranked: { suggestion: Suggestion; rank: number }[] = [];
  for (const concept of load().concepts) {
    const labels = concept.labels[language];
    let best: { word: string; rank: number } | undefined;
    [labels.preferred, ...labels.other, ...labels.forms].forEach((word, position) => {
      const folded = foldedTokens(word).join(" ");
      let rank: number | undefined;
      if (folded.startsWith(query)) rank = 0;
      else if (folded.split(" ").some((part) => part.startsWith(query))) rank = 1;
      else if (allowed > 0) {
        const distance = editDistance(query, folded.slice(0, query.length), allowed);
        if (distance <= allowed) rank = 1 + distance;
      }
      if (rank === undefined) return;
      // The preferred word first, then the other words, then the forms.
      const weighted = rank * 100 + (position === 0 ? 0 : position <= labels.other.length ? 1 : 2);
      if (!best || weighted < best.rank) best = { word: position === 0 || rank > 0 ? labels.preferred : word, rank: weighted };
    });
    if (best) ranked.push({ suggestion: { concept: concept.id, word: best.word, preferred: labels.preferred }, rank: best.rank });
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.suggestion.word.localeCompare(b.suggestion.word))
    .slice(0, limit)
    .map((r) => r.suggestion);
}
