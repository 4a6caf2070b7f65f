import type { z } from "zod";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { getSearchClient, isSearchUnavailable } from "~/search/client.server.ts";
import { pageToAsk, searchPageWithin } from "~/search/paging.ts";
import { searchText } from "~/search/query-text.ts";
import { distanceKm } from "./geo.ts";
import { findTown } from "./gazetteer.server.ts";
import { PlacementModel, type Placement } from "./model.server.ts";
import type { searchQuerySchema } from "./schema.server.ts";
import { placementIndexName, toDocument, type PlacementDocument } from "./search-index.server.ts";
import { isObjectId } from "~/db/ids.server.ts";
import { pageWithin } from "~/db/paging.ts";

export type SearchQuery = z.output<typeof searchQuerySchema>;
export const PAGE_SIZE = 20;
// The filters whose counts the search form shows beside each choice.
const FACETS = ["kind", "sector", "support", "readiness"] as const;
// What a result shows (toHit). Meilisearch also returns a formatted copy of every retrieved attribute
// beside the cropped description, so a whole document came back twice: twice the bytes to write,
// send and parse for each result.
const RETRIEVED = [
  ...(["id", "title", "language", "kind", "sector", "town", "country", "_geo", "hoursMin", "hoursMax"] as const),
  ...(["support", "organisationName", "startDate"] as const),
] satisfies (keyof PlacementDocument)[];

export interface PlacementHit {
  id: string;
  title: string;
  /** The language the employer wrote the title and description in. */
  language: string;
  kind: string;
  sector: string;
  town: string;
  country: string;
  hoursMin: number;
  hoursMax: number;
  support: string[];
  organisationName: string;
  startDate: number | null;
  distanceKm: number | null;
  snippet: string;
}

export interface SearchResult {
  hits: PlacementHit[];
  total: number;
  page: number;
  pages: number;
  facets: Partial<Record<(typeof FACETS)[number], Record<string, number>>>;
  mode: "search" | "fallback";
  origin: { name: string; lat: number; lng: number } | null;
  unknownTown: boolean;
  /** When the words as typed find nothing: the close words the index holds, whose placements are shown instead. */
  correctedQuery: string | null;
  /** When nothing is found: how many placements the same search finds with one filter left out. */
  relaxations: Relaxation[];
}

/** One filter of the address left out: `value` null leaves out every value of `param`. */
export interface Relaxation {
  param: "kind" | "sector" | "support" | "readiness" | "language" | "maxHours" | "radius";
  value: string | null;
  total: number;
}

// Every value below comes from a fixed vocabulary or is a number checked by the schema, and is
// quoted; nothing a person types is pasted into the expression.
function quote(value: string) {
  return `"${value.replace(/["\\]/g, "")}"`;
}

export function buildFilter(query: SearchQuery, origin: { lat: number; lng: number } | null): string[] {
  const filter: string[] = [];
  if (query.kind.valid.length) filter.push(`kind IN [${query.kind.valid.map(quote).join(", ")}]`);
  if (query.sector.valid.length) filter.push(`sector IN [${query.sector.valid.map(quote).join(", ")}]`);
  for (const support of query.support.valid) filter.push(`support = ${quote(support)}`);
  if (query.readiness.valid) filter.push(`readiness = ${quote(query.readiness.valid)}`);
  if (query.language.valid) filter.push(`languages = ${quote(query.language.valid)}`);
  if (query.maxHours.valid) filter.push(`hoursMin <= ${query.maxHours.valid}`);
  if (origin && query.radius.valid) filter.push(`_geoRadius(${origin.lat}, ${origin.lng}, ${query.radius.valid * 1000})`);
  return filter;
}

function toHit(doc: PlacementDocument, origin: { lat: number; lng: number } | null, snippet?: string): PlacementHit {
  return {
    id: doc.id,
    title: doc.title,
    language: doc.language,
    kind: doc.kind,
    sector: doc.sector,
    town: doc.town,
    country: doc.country,
    hoursMin: doc.hoursMin,
    hoursMax: doc.hoursMax,
    support: doc.support,
    organisationName: doc.organisationName,
    startDate: doc.startDate,
    distanceKm: origin ? Math.round(distanceKm(origin, doc._geo)) : null,
    snippet: snippet ?? doc.description.slice(0, 220),
  };
}

function resolveOrigin(query: SearchQuery) {
  if (!query.town) return { origin: null, unknownTown: false };
  const town = findTown(query.town);
  return town ? { origin: { name: town.name, lat: town.lat, lng: town.lng }, unknownTown: false } : { origin: null, unknownTown: true };
}

/** The exact Meilisearch request a search makes (exported for the benchmark's raw timings). */
export function indexSearchRequest(query: SearchQuery) {
  const { origin, unknownTown } = resolveOrigin(query);
  const page = pageToAsk(query.page.valid ?? 1);
  const sort =
    query.sort.valid === "distance" && origin
      ? [`_geoPoint(${origin.lat}, ${origin.lng}):asc`]
      : query.sort.valid === "start"
        ? ["startDate:asc"]
        : undefined;
  return {
    origin,
    unknownTown,
    page,
    q: searchText(query.q),
    options: {
      filter: buildFilter(query, origin),
      sort,
      facets: [...FACETS],
      page,
      hitsPerPage: PAGE_SIZE,
      attributesToRetrieve: [...RETRIEVED],
      attributesToCrop: ["description"],
      cropLength: 30,
    },
  };
}

export async function searchPlacementsInIndex(query: SearchQuery): Promise<SearchResult> {
  const { origin, unknownTown, page: asked, q, options } = indexSearchRequest(query);
  const index = getSearchClient().index<PlacementDocument>(placementIndexName());
  let response = await index.search(q, options);
  // Nothing for the words as typed: the placements for the closest words the index holds, when
  // those find some; what each filter costs is then counted for those words.
  let correctedQuery: string | null = null;
  let text = q;
  if ((response.totalHits ?? 0) === 0 && q) {
    const close = await closeWordsFor(q).catch(withoutSuggestion(null));
    if (close) {
      text = close;
      const retry = await index.search(close, options);
      if ((retry.totalHits ?? 0) > 0) [response, correctedQuery] = [retry, close];
    }
  }
  const total = response.totalHits ?? 0;
  const { response: shown, page, pages } = await searchPageWithin(asked, response, (page) => index.search(correctedQuery ?? q, { ...options, page }));
  return {
    // The description itself is not retrieved: its cropped copy is the snippet.
    hits: shown.hits.map((hit) => toHit(hit, origin, (hit as { _formatted?: { description?: string } })._formatted?.description ?? "")),
    total,
    page,
    pages,
    facets: (shown.facetDistribution ?? {}) as SearchResult["facets"],
    mode: "search",
    origin,
    unknownTown,
    correctedQuery,
    relaxations: total === 0 ? await relaxationsOf(query, text, origin).catch(withoutSuggestion([])) : [],
  };
}

/** Suggestions are extras: when they fail, the results found stand (and the log says why). */
function withoutSuggestion<T>(value: T) {
  return (error: unknown) => {
    console.warn(`search: no suggestion (${error instanceof Error ? error.message : String(error)})`);
    return value;
  };
}

/** Without case or diacritics, as Meilisearch compares words. */
function fold(word: string) {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Edits between two words, a swap of neighbours counting as one. */
export function typoDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

// Meilisearch marks the part of a word that matched; private-use characters cannot clash with text.
const MARK = { start: "\uE000", end: "\uE001" };
const MARKED_WORD = /[\p{L}\p{N}]*\uE000[^\uE001]*\uE001[\p{L}\p{N}]*/gu;
const CORRECTABLE = /^\p{L}{5,}$/u;
const MAX_CORRECTION = 2;

/** The indexed word closest to `typed` among the words Meilisearch marked in these hits, or null. */
function closestMarkedWord(typed: string, hits: { _formatted?: Record<string, unknown> }[]): string | null {
  const wanted = fold(typed);
  const seen = new Map<string, { word: string; count: number; distance: number }>();
  for (const hit of hits) {
    for (const value of Object.values(hit._formatted ?? {})) {
      for (const text of Array.isArray(value) ? value : [value]) {
        if (typeof text !== "string") continue;
        for (const marked of text.match(MARKED_WORD) ?? []) {
          const word = marked.replace(/[\uE000\uE001]/g, "").toLowerCase();
          const folded = fold(word);
          const known = seen.get(folded);
          // A first letter typed wrong is not corrected: Meilisearch counts it as two typos too.
          if (known) known.count++;
          else seen.set(folded, { word, count: 1, distance: folded[0] === wanted[0] ? typoDistance(wanted, folded) : Infinity });
        }
      }
    }
  }
  const close = [...seen.values()].filter((c) => c.distance <= MAX_CORRECTION);
  close.sort((a, b) => a.distance - b.distance || b.count - a.count || a.word.localeCompare(b.word));
  return close[0]?.word ?? null;
}

/**
 * The text with each word that finds nothing replaced by the closest word the index holds, or
 * null when no word could be corrected. The index allows one typo below 8 letters, so "kuhnja"
 * finds neither "kuhinja" (not in any placement) nor "kuhinji" (two edits away); looked for with
 * its last letter cut, as the beginning of a word with one typo, it finds "kuhinji" and
 * "kuhanje", and the closest whole word is taken. Only searches that find nothing pay for this.
 */
async function closeWordsFor(q: string): Promise<string | null> {
  const words = q.split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 8);
  const indexUid = placementIndexName();
  const client = getSearchClient();
  const alone = await client.multiSearch({ queries: words.map((word) => ({ indexUid, q: word, limit: 0 })) });
  const unknown = words.flatMap((word, i) => ((alone.results[i].estimatedTotalHits ?? 0) === 0 && CORRECTABLE.test(word) ? [i] : []));
  if (!unknown.length) return null;
  const marking = { limit: 20, attributesToRetrieve: ["id"], attributesToHighlight: ["title", "skills", "description"], highlightPreTag: MARK.start, highlightPostTag: MARK.end };
  const near = await client.multiSearch({ queries: unknown.map((i) => ({ indexUid, q: Array.from(words[i]).slice(0, -1).join(""), ...marking })) });
  const corrected = [...words];
  unknown.forEach((wordIndex, k) => {
    corrected[wordIndex] = closestMarkedWord(words[wordIndex], near.results[k].hits as { _formatted?: Record<string, unknown> }[]) ?? words[wordIndex];
  });
  const text = corrected.join(" ");
  return text === words.join(" ") ? null : text;
}

type Loosened = { param: Relaxation["param"]; value: string | null; query: SearchQuery };

/** Each filter of the search that could be left out, with the search without it. */
function oneFilterLess(query: SearchQuery, origin: { lat: number; lng: number } | null): Loosened[] {
  const none = { valid: undefined, dropped: false };
  const noList = { valid: [], dropped: false };
  const loosened: Loosened[] = [];
  if (query.kind.valid.length) loosened.push({ param: "kind", value: null, query: { ...query, kind: noList } });
  if (query.sector.valid.length) loosened.push({ param: "sector", value: null, query: { ...query, sector: noList } });
  for (const support of query.support.valid) {
    loosened.push({ param: "support", value: support, query: { ...query, support: { valid: query.support.valid.filter((s) => s !== support), dropped: false } } });
  }
  if (query.readiness.valid) loosened.push({ param: "readiness", value: null, query: { ...query, readiness: none } });
  if (query.language.valid) loosened.push({ param: "language", value: null, query: { ...query, language: none } });
  if (query.maxHours.valid) loosened.push({ param: "maxHours", value: null, query: { ...query, maxHours: none } });
  if (origin && query.radius.valid) loosened.push({ param: "radius", value: null, query: { ...query, radius: none } });
  return loosened;
}

/** For a search that finds nothing: the filters whose leaving out would find something, and how much. */
async function relaxationsOf(query: SearchQuery, q: string, origin: { lat: number; lng: number } | null): Promise<Relaxation[]> {
  const loosened = oneFilterLess(query, origin);
  if (!loosened.length) return [];
  const indexUid = placementIndexName();
  const answers = await getSearchClient().multiSearch({ queries: loosened.map((l) => ({ indexUid, q, filter: buildFilter(l.query, origin), page: 1, hitsPerPage: 0 })) });
  return loosened
    .map((l, i) => ({ param: l.param, value: l.value, total: answers.results[i].totalHits ?? 0 }))
    .filter((r) => r.total > 0)
    .sort((a, b) => b.total - a.total);
}

function escapeRegex(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The same search straight from the database, for when Meilisearch cannot answer: exact words
 * (no typo tolerance), no facet counts, distance filtered here.
 */
export async function searchPlacementsInDatabase(query: SearchQuery): Promise<SearchResult> {
  const { origin, unknownTown } = resolveOrigin(query);
  const organisations = await OrganisationModel.find({ status: "verified", kind: { $in: ["employer", "social_enterprise"] } })
    .select("name kind")
    .lean();
  const byId = new Map(organisations.map((o) => [String(o._id), o]));
  const filter: Record<string, unknown> = { status: "published", organisationId: { $in: [...byId.keys()] } };
  if (query.kind.valid.length) filter.kind = { $in: query.kind.valid };
  if (query.sector.valid.length) filter.sector = { $in: query.sector.valid };
  if (query.support.valid.length) filter.support = { $all: query.support.valid };
  if (query.readiness.valid) filter.readiness = query.readiness.valid;
  if (query.language.valid) filter.languages = query.language.valid;
  if (query.maxHours.valid) filter.hoursMin = { $lte: query.maxHours.valid };
  const words = searchText(query.q).split(" ").filter(Boolean).slice(0, 5);
  if (words.length) {
    filter.$and = words.map((word) => ({
      $or: ["title", "description", "skills", "town"].map((field) => ({ [field]: { $regex: escapeRegex(word), $options: "i" } })),
    }));
  }
  const candidates = await PlacementModel.find(filter).sort({ publishedAt: -1 }).limit(500).lean<Placement[]>();
  let docs = candidates.map((p) => toDocument(p, byId.get(String(p.organisationId))!));
  if (origin && query.radius.valid) docs = docs.filter((d) => distanceKm(origin, d._geo) <= query.radius.valid!);
  if (query.sort.valid === "distance" && origin) docs.sort((a, b) => distanceKm(origin, a._geo) - distanceKm(origin, b._geo));
  if (query.sort.valid === "start") docs.sort((a, b) => (a.startDate ?? Infinity) - (b.startDate ?? Infinity));
  const { page, pages, first } = pageWithin(docs.length, query.page.valid ?? 1, PAGE_SIZE);
  return {
    hits: docs.slice(first, first + PAGE_SIZE).map((d) => toHit(d, origin)),
    total: docs.length,
    page,
    pages,
    facets: {},
    mode: "fallback",
    origin,
    unknownTown,
    correctedQuery: null,
    relaxations: [],
  };
}

/** Meilisearch first; the database when Meilisearch cannot answer. */
export async function searchPlacements(query: SearchQuery): Promise<SearchResult> {
  try {
    return await searchPlacementsInIndex(query);
  } catch (error) {
    if (!isSearchUnavailable(error)) throw error;
    console.warn(`search: falling back to the database (${error instanceof Error ? error.message : String(error)})`);
    return searchPlacementsInDatabase(query);
  }
}

/**
 * One published placement of a verified organisation, for its public page: from the public index
 * (which holds exactly those), or from the database when Meilisearch cannot answer.
 */
export async function getPublicPlacement(id: string): Promise<PlacementDocument | null> {
  if (!isObjectId(id)) return null;
  try {
    return (await getSearchClient().index<PlacementDocument>(placementIndexName()).getDocument(id)) as PlacementDocument;
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === "document_not_found") return null;
    if ((error as { cause?: { code?: string } }).cause?.code === "index_not_found") return null;
  }
  // Looked up by _id alone and checked here: FerretDB answers an _id lookup from its primary key,
  // but a compound filter scans the collection.
  const placement = await PlacementModel.findById(id).lean<Placement>();
  if (placement?.status !== "published") return null;
  const organisation = await OrganisationModel.findById(placement.organisationId).select("name kind status").lean();
  if (organisation?.status !== "verified") return null;
  return toDocument(placement, organisation);
}
