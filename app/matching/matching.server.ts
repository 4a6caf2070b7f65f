import type { MultiSearchQuery, MultiSearchResponse } from "meilisearch";
import type { MenteePlan } from "~/mentees/mentees.server.ts";
import { distanceKm } from "~/placements/geo.ts";
import { placementIndexName, placementIndexSettings, type PlacementDocument } from "~/placements/search-index.server.ts";
import type { Support } from "~/placements/vocabulary.ts";
import { getSearchClient } from "~/search/client.server.ts";
import { searchText } from "~/search/query-text.ts";
import { conceptById, findConcepts, type ConceptHit } from "~/vocabulary/vocabulary.server.ts";

export interface Relaxation {
  distance?: boolean;
  hours?: boolean;
  languages?: boolean;
  support?: boolean;
}

/** The constraints a mentor can relax on the matches page, in the order it lists them. */
export const relaxableConstraints = ["distance", "hours", "languages", "support"] as const satisfies readonly (keyof Relaxation)[];
export type Constraint = (typeof relaxableConstraints)[number];

const ACTIVITY_STEPS = ["training", "volunteering", "social_enterprise"];
const LANGUAGE_SUPPORT: Support = "language_support";
const NEAREST = 60;
// 60 placements within the travel distance, asked of the box around it: the circle fills π/4 of its box.
const CANDIDATES_PER_QUERY = Math.ceil(NEAREST / (Math.PI / 4));
// The ranking's queries ask only for what the ranking reads: a page asks up to a dozen queries of
// 60 placements each, and Meilisearch's time goes mostly into writing their hits. What only the
// page shows is fetched afterwards for the placements shown (withShownFields).
const RANKED = ["id", "kind", "sector", "_geo", "hoursMin", "hoursMax", "languages", "support", "concepts"] as const satisfies (keyof PlacementDocument)[];
const SHOWN = ["title", "language", "town", "organisationName", "publishedAt"] as const satisfies (keyof PlacementDocument)[];
type RankedPlacement = Pick<PlacementDocument, (typeof RANKED)[number]>;
export type MatchedPlacement = Pick<PlacementDocument, (typeof RANKED)[number] | (typeof SHOWN)[number]>;

function quote(value: string) {
  return `"${value.replace(/["\\]/g, "")}"`;
}

/** How far a search reaches when the mentor relaxes the travel distance. */
export function widenedRadiusKm(plan: Pick<MenteePlan, "travelKm">): number {
  return Math.min(300, plan.travelKm * 3);
}

/** The hard constraints of a plan as Meilisearch filters; a relaxation drops or widens one. */
export function planFilters(plan: MenteePlan, relax: Relaxation = {}): string[] {
  return filtersWithin(plan, relax, "radius");
}

/** How far a search reaches in metres, as Meilisearch's filter has it. */
function reachMetres(plan: MenteePlan, relax: Relaxation): number {
  return Math.round((relax.distance ? widenedRadiusKm(plan) : plan.travelKm) * 1000);
}

/**
 * The ranking's filters: the plan's, with the box around the travel distance in place of the
 * circle. Meilisearch answers a box from its range index and a circle by walking its geo tree
 * over every placement inside it, about 10 ms a query at 100 000 placements, and the ranking
 * sends six; the ranking drops what lies in the box's corners (withinReach). The counts keep the
 * circle: they must be exact.
 */
function rankingFilters(plan: MenteePlan, relax: Relaxation): string[] {
  return filtersWithin(plan, relax, "box");
}

/** A box that holds the circle of `metres` around a point (a little larger, never smaller). */
function boundingBox(lat: number, lng: number, metres: number): string {
  const km = (metres / 1000) * 1.01;
  const dLat = km / 110.5;
  const top = Math.min(90, lat + dLat);
  const bottom = Math.max(-90, lat - dLat);
  const widest = Math.max(Math.abs(top), Math.abs(bottom));
  const dLng = widest >= 89 ? 180 : km / (111.2 * Math.cos((widest * Math.PI) / 180));
  if (dLng >= 180) return `_geoBoundingBox([${top}, 180], [${bottom}, -180])`;
  const wrap = (value: number) => ((((value + 180) % 360) + 360) % 360) - 180;
  return `_geoBoundingBox([${top}, ${wrap(lng + dLng)}], [${bottom}, ${wrap(lng - dLng)}])`;
}

function filtersWithin(plan: MenteePlan, relax: Relaxation, area: "radius" | "box"): string[] {
  const filter: string[] = [];
  if (plan.readiness === "temporarily_passive") {
    filter.push(`kind IN [${ACTIVITY_STEPS.map(quote).join(", ")}]`, `readiness = "activity_ready"`);
  } else if (plan.readiness === "activity_ready") {
    filter.push(`readiness = "activity_ready"`);
  }
  if (!relax.hours) filter.push(`hoursMin <= ${plan.hoursMax}`, `hoursMax >= ${plan.hoursMin}`);
  const metres = reachMetres(plan, relax);
  filter.push(area === "box" ? boundingBox(plan.lat, plan.lng, metres) : `_geoRadius(${plan.lat}, ${plan.lng}, ${metres})`);
  // The work fits when the person speaks one of the languages it can be done in, or the
  // placement offers language support for the one they lack (docs/decisions/005-matching.md).
  if (!relax.languages && plan.languages.length > 0) {
    filter.push(`(languages IS EMPTY OR languages IN [${plan.languages.map(quote).join(", ")}] OR support = ${quote(LANGUAGE_SUPPORT)})`);
  }
  if (!relax.support) for (const support of supportsAskedOfEveryPlacement(plan)) filter.push(`support = ${quote(support)}`);
  return filter;
}

/**
 * The needed supports that are filters of their own. Language support is not one when the plan
 * names the person's languages: the language rule above already asks for it where the person
 * speaks none of the work's languages, and work they can do in a language they speak needs none.
 */
export function supportsAskedOfEveryPlacement(plan: Pick<MenteePlan, "supportNeeded" | "languages">): string[] {
  return plan.languages.length > 0 ? plan.supportNeeded.filter((support) => support !== LANGUAGE_SUPPORT) : plan.supportNeeded;
}

/** The words of a plan that the text search looks for: interests first, then skills. */
export function planTerms(plan: MenteePlan): string[] {
  const seen = new Set<string>();
  return [...plan.interests, ...plan.skills]
    .map((t) => t.trim())
    // A term of symbols alone would be an empty query, which every placement matches.
    .filter((t) => searchText(t) && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()))
    .slice(0, 10);
}

export interface PlanConcepts {
  /** The vocabulary's concepts each term names ("frizerstvo" → hairdressing), in the order of planTerms. */
  byTerm: string[][];
  /** The concepts the goals name, with the goal's own words. */
  goals: ConceptHit[];
  /** The sectors of all those concepts. */
  sectors: Set<string>;
}

/** What the plan's interests, skills and goals mean in the vocabulary (app/vocabulary). */
export function planConcepts(plan: MenteePlan): PlanConcepts {
  const byTerm = planTerms(plan).map((term) => findConcepts(term).map((h) => h.conceptId));
  const goals = findConcepts(plan.goals ?? "", { running: true });
  const sectors = new Set([...byTerm.flat(), ...goals.map((g) => g.conceptId)].flatMap((id) => conceptById(id)?.sectors ?? []));
  return { byTerm, goals, sectors };
}

// Little words a multi-word interest may hold that a placement need not: "rad s djecom" is found
// where "rad" and "djecom" appear, apart or together.
const LINKING_WORDS = new Set(["i", "u", "s", "sa", "o", "za", "na", "od", "do", "po", "in", "v", "z", "pri", "og", "at", "med", "til", "af", "på", "the", "and", "of", "with", "to", "for", "a", "an"]);

/** The text query for a term: its words, without the little linking words of a phrase. */
export function termQuery(term: string): string {
  const words = searchText(term).split(" ").filter(Boolean);
  if (words.length < 2) return words.join(" ");
  const kept = words.filter((w) => !LINKING_WORDS.has(w.toLowerCase()));
  return (kept.length ? kept : words).join(" ");
}

const kindFit: Record<string, Record<string, number>> = {
  job_ready: { job: 1, work_trial: 0.7, practicum: 0.5, social_enterprise: 0.5, training: 0.4, volunteering: 0.3 },
  activity_ready: { work_trial: 1, practicum: 1, social_enterprise: 1, training: 0.8, volunteering: 0.7, job: 0.5 },
  temporarily_passive: { training: 1, volunteering: 1, social_enterprise: 1 },
};

// Weights of the final score; see docs/decisions/005-matching.md for why.
export const weights = { terms: 0.45, text: 0.2, proximity: 0.15, kind: 0.12, hours: 0.08, goals: 0.08, sector: 0.05, shortfall: 0.15 };

export interface Match<P = MatchedPlacement> {
  placement: P;
  score: number;
  /** The person's own interests and skills the placement matches, in words or in meaning (a shared concept). */
  matchedTerms: string[];
  /** The words of the person's goals that name something the placement is about. */
  matchedGoals: string[];
  /** The placement's sector is one the person's interests, skills or goals belong to. */
  sectorFits: boolean;
  distanceKm: number;
  supportCovered: string[];
  /** languages: the languages the work is done in, when the person speaks none of them. */
  missing: { support: string[]; hours: boolean; distance: boolean; languages: string[] };
  /** The person speaks none of the work's languages, and the placement offers language support. */
  languageSupportOffered: boolean;
  /** The work's languages the person speaks (why work without language support fits someone who needs it). */
  languagesSpoken: string[];
}

/**
 * The Meilisearch requests a plan makes: one for all that fit (nearest first), one per term
 * (typo-tolerant), and one for the placements tagged with a concept the plan names.
 */
export function matchQueries(plan: MenteePlan, relax: Relaxation = {}, concepts: PlanConcepts = planConcepts(plan)): MultiSearchQuery[] {
  const filter = rankingFilters(plan, relax);
  const indexUid = placementIndexName();
  const conceptIds = [...new Set([...concepts.byTerm.flat(), ...concepts.goals.map((g) => g.conceptId)])];
  return [
    // Nearest first, the box's corners come last: the nearest 60 in the box are the nearest 60 within reach.
    { indexUid, q: "", filter, sort: [`_geoPoint(${plan.lat}, ${plan.lng}):asc`], limit: NEAREST, attributesToRetrieve: [...RANKED] },
    ...planTerms(plan).map((term) => ({ indexUid, q: termQuery(term), filter, limit: CANDIDATES_PER_QUERY, showRankingScore: true, matchingStrategy: "all" as const, attributesToRetrieve: [...RANKED] })),
    ...(conceptIds.length ? [{ indexUid, q: "", filter: [...filter, `concepts IN [${conceptIds.map(quote).join(", ")}]`], limit: CANDIDATES_PER_QUERY, attributesToRetrieve: [...RANKED] }] : []),
  ];
}

type SearchResults = MultiSearchResponse["results"];

/** Placements ranked for a plan, best first, each with the reasons a mentor can read. */
export async function rankPlacements(plan: MenteePlan, relax: Relaxation = {}, limit = 30): Promise<Match[]> {
  const concepts = planConcepts(plan);
  const queries = matchQueries(plan, relax, concepts);
  const { results } = await getSearchClient().multiSearch({ queries });
  return withShownFields(rankResults(plan, relax, concepts, await withCrowdedQueriesAgain(plan, relax, queries, results), limit));
}

function withinReach(home: { lat: number; lng: number }, placement: Pick<PlacementDocument, "_geo">, reachMetres: number): boolean {
  return distanceKm(home, placement._geo) * 1000 <= reachMetres + 1e-6;
}

/**
 * A ranking query whose box came back full but with fewer than 60 within reach (placements in its
 * corners crowded the others out) is asked again with the circle, so that no query brings the
 * ranking fewer candidates than the circle alone would have. Rare: one more request when it happens.
 */
async function withCrowdedQueriesAgain(plan: MenteePlan, relax: Relaxation, queries: MultiSearchQuery[], results: SearchResults): Promise<SearchResults> {
  const home = { lat: plan.lat, lng: plan.lng };
  const reach = reachMetres(plan, relax);
  const crowded = queries.flatMap((query, i) => {
    const hits = results[i].hits as RankedPlacement[];
    // The nearest-first query (the first) has all within reach before any corner.
    const full = i > 0 && query.limit !== undefined && hits.length >= query.limit;
    return full && hits.filter((hit) => withinReach(home, hit, reach)).length < NEAREST ? [i] : [];
  });
  if (crowded.length === 0) return results;
  const circle = planFilters(plan, relax);
  const again = await getSearchClient().multiSearch({
    // The plan's filters come first in a ranking query (the concepts' after them), the box in the circle's place.
    queries: crowded.map((i) => ({ ...queries[i], filter: [...circle, ...(queries[i].filter as string[]).slice(circle.length)], limit: NEAREST })),
  });
  const completed = [...results];
  crowded.forEach((i, k) => (completed[i] = { ...results[i], hits: [...again.results[k].hits, ...results[i].hits] }));
  return completed;
}

/**
 * The ranked placements with what the page shows of them, in one request for the few shown. A
 * placement withdrawn between the two requests is left out.
 */
export async function withShownFields(ranked: Match<RankedPlacement>[]): Promise<Match[]> {
  if (ranked.length === 0) return [];
  const { results } = await getSearchClient()
    .index<PlacementDocument>(placementIndexName())
    .getDocuments({ ids: ranked.map((m) => m.placement.id), fields: ["id", ...SHOWN], limit: ranked.length });
  const shown = new Map(results.map((document) => [document.id, document]));
  return ranked.flatMap((match) => {
    const document = shown.get(match.placement.id);
    if (!document) return [];
    const { title, language, town, organisationName, publishedAt } = document;
    return [{ ...match, placement: { ...match.placement, title, language, town, organisationName, publishedAt } }];
  });
}

/**
 * The matches page's one multi-search (one request to Meilisearch instead of one for each): the
 * ranking, and a count for each set of filters the relaxations need.
 */
export function matchesPageSearch(plan: MenteePlan, relax: Relaxation = {}, concepts: PlanConcepts = planConcepts(plan)) {
  const ranking = matchQueries(plan, relax, concepts);
  const counting = relaxationCountQueries(plan, relax);
  return {
    queries: [...ranking, ...counting.queries],
    read: async (results: SearchResults, limit: number) => ({
      matches: rankResults(plan, relax, concepts, await withCrowdedQueriesAgain(plan, relax, ranking, results.slice(0, ranking.length)), limit),
      more: counting.countsFrom(results.slice(ranking.length)),
      fitting: counting.fittingFrom(results.slice(ranking.length)),
    }),
  };
}

/** The matches page: the ranked placements and what each relaxation would add. */
export async function matchesWithRelaxationCounts(plan: MenteePlan, relax: Relaxation = {}, limit = 30) {
  const search = matchesPageSearch(plan, relax);
  const { results } = await getSearchClient().multiSearch({ queries: search.queries });
  const { matches, more, fitting } = await search.read(results, limit);
  return { matches: await withShownFields(matches), more, fitting };
}

function rankResults(plan: MenteePlan, relax: Relaxation, concepts: PlanConcepts, results: SearchResults, limit: number): Match<RankedPlacement>[] {
  const terms = planTerms(plan);
  const home = { lat: plan.lat, lng: plan.lng };
  const reach = reachMetres(plan, relax);
  const candidates = new Map<string, RankedPlacement>();
  const termsByPlacement = new Map<string, Set<string>>();
  const bestText = new Map<string, number>();
  results.forEach((result, i) => {
    for (const hit of result.hits as (RankedPlacement & { _rankingScore?: number })[]) {
      // The ranking's queries ask for the box around the reach (rankingFilters); its corners lie beyond it.
      if (!withinReach(home, hit, reach)) continue;
      candidates.set(hit.id, hit);
      if (i === 0 || i > terms.length) continue;
      const term = terms[i - 1];
      termsByPlacement.set(hit.id, (termsByPlacement.get(hit.id) ?? new Set()).add(term));
      bestText.set(hit.id, Math.max(bestText.get(hit.id) ?? 0, hit._rankingScore ?? 0));
    }
  });
  const matches = [...candidates.values()].map((placement): Match<RankedPlacement> => {
    const tagged = new Set(placement.concepts ?? []);
    const textMatched = termsByPlacement.get(placement.id) ?? new Set<string>();
    const matchedTerms = terms.filter((term, i) => textMatched.has(term) || concepts.byTerm[i].some((id) => tagged.has(id)));
    const matchedGoals = [...new Set(concepts.goals.filter((g) => tagged.has(g.conceptId)).map((g) => g.words))];
    const sectorFits = concepts.sectors.has(placement.sector);
    const distance = distanceKm(home, placement._geo);
    const overlap = Math.max(0, Math.min(plan.hoursMax, placement.hoursMax) - Math.max(plan.hoursMin, placement.hoursMin));
    const span = Math.max(1, placement.hoursMax - placement.hoursMin);
    const hoursInside = placement.hoursMin <= plan.hoursMax && placement.hoursMax >= plan.hoursMin;
    const score =
      weights.terms * (terms.length ? matchedTerms.length / terms.length : 0) +
      weights.text * (bestText.get(placement.id) ?? 0) +
      weights.proximity * Math.max(0, 1 - distance / Math.max(1, plan.travelKm)) +
      weights.kind * (kindFit[plan.readiness]?.[placement.kind] ?? 0) +
      weights.hours * (hoursInside ? Math.min(1, (overlap + 1) / (span + 1)) : 0) +
      weights.goals * (matchedGoals.length ? 1 : 0) +
      weights.sector * (sectorFits ? 1 : 0);
    const speaksOne = plan.languages.length === 0 || placement.languages.length === 0 || placement.languages.some((l) => plan.languages.includes(l));
    const languageSupportOffered = !speaksOne && placement.support.includes(LANGUAGE_SUPPORT);
    const missing = {
      support: supportsAskedOfEveryPlacement(plan).filter((s) => !placement.support.includes(s)),
      hours: !hoursInside,
      distance: distance > plan.travelKm,
      languages: speaksOne ? [] : placement.languages,
    };
    // A constraint the mentor relaxed still counts against the placement: it shows, but below those that meet it.
    const shortfalls = missing.support.length + Number(missing.hours) + Number(missing.distance) + Number(!speaksOne && !languageSupportOffered);
    return {
      placement,
      score: Number((score - weights.shortfall * shortfalls).toFixed(4)),
      matchedTerms,
      matchedGoals,
      sectorFits,
      distanceKm: Math.round(distance),
      supportCovered: plan.supportNeeded.filter((s) => placement.support.includes(s)),
      missing,
      languageSupportOffered,
      languagesSpoken: placement.languages.filter((l) => plan.languages.includes(l)),
    };
  });
  return matches.sort((a, b) => b.score - a.score || a.distanceKm - b.distanceKm).slice(0, limit);
}

export interface RelaxationCount {
  /** Placements that fit with this constraint relaxed and not with it kept (other relaxations as chosen). */
  more: number;
  /** So many placements fit once relaxed that the index stops counting (maxTotalHits): `more` is a lower bound. */
  atLeast: boolean;
}

/** The constraints this plan has: a plan that needs no support has none to relax. */
function constraintsOf(plan: MenteePlan): Constraint[] {
  return relaxableConstraints.filter((constraint) =>
    constraint === "languages" ? plan.languages.length > 0 : constraint === "support" ? supportsAskedOfEveryPlacement(plan).length > 0 : true,
  );
}

/**
 * For each constraint of the plan, how many more placements fit with it relaxed than with it kept,
 * the other relaxations as the mentor chose them ("3 more without language support"). One
 * multi-search of counts without documents, one query per distinct set of filters. Meilisearch
 * counts up to the index's maxTotalHits: a count that reaches it is a lower bound, and when even
 * the stricter search reaches it nothing can be said (the constraint is left out).
 */
export async function relaxationCounts(plan: MenteePlan, relax: Relaxation = {}): Promise<Partial<Record<Constraint, RelaxationCount>>> {
  const { queries, countsFrom } = relaxationCountQueries(plan, relax);
  if (queries.length === 0) return {};
  const { results } = await getSearchClient().multiSearch({ queries });
  return countsFrom(results);
}

function totalOf(result: SearchResults[number]): number {
  return (result as { totalHits?: number }).totalHits ?? 0;
}

/**
 * The count queries of relaxationCounts, and how their results become counts; `countedElsewhere`
 * are the sets of filters (as JSON) whose totals the caller has from other queries.
 */
function relaxationCountQueries(plan: MenteePlan, relax: Relaxation, countedElsewhere: string[] = []) {
  const pairs = constraintsOf(plan).map((constraint) => ({
    constraint,
    kept: planFilters(plan, { ...relax, [constraint]: false }),
    relaxed: planFilters(plan, { ...relax, [constraint]: true }),
  }));
  const filterSets = [...new Set(pairs.flatMap(({ kept, relaxed }) => [JSON.stringify(kept), JSON.stringify(relaxed)]))].filter((filter) => !countedElsewhere.includes(filter));
  const indexUid = placementIndexName();
  const queries: MultiSearchQuery[] = filterSets.map((filter) => ({ indexUid, q: "", filter: JSON.parse(filter) as string[], page: 1, hitsPerPage: 0 }));
  const countsFrom = (results: SearchResults, totalsElsewhere = new Map<string, number>()) => {
    const totals = new Map([...totalsElsewhere, ...filterSets.map((filter, i): [string, number] => [filter, totalOf(results[i])])]);
    const cap = placementIndexSettings.pagination.maxTotalHits;
    const counts: Partial<Record<Constraint, RelaxationCount>> = {};
    for (const { constraint, kept, relaxed } of pairs) {
      const keptTotal = totals.get(JSON.stringify(kept))!;
      const relaxedTotal = totals.get(JSON.stringify(relaxed))!;
      if (keptTotal >= cap) continue;
      counts[constraint] = { more: Math.max(0, relaxedTotal - keptTotal), atLeast: relaxedTotal >= cap };
    }
    return counts;
  };
  /** How many fit the plan as the mentor has relaxed it now: one of the counted filter sets (none when the plan has no constraint to relax). */
  const fittingFrom = (results: SearchResults): { total: number; atLeast: boolean } | null => {
    const i = filterSets.indexOf(JSON.stringify(planFilters(plan, relax)));
    if (i < 0 || !results[i]) return null;
    const total = totalOf(results[i]);
    return { total, atLeast: total >= placementIndexSettings.pagination.maxTotalHits };
  };
  return { queries, countsFrom, fittingFrom };
}

/** The baseline the ranking is measured against: the interests as plain keywords, no plan. */
export async function keywordBaseline(plan: MenteePlan, limit = 10): Promise<string[]> {
  const response = await getSearchClient().index<PlacementDocument>(placementIndexName()).search(plan.interests.join(" "), { limit });
  return response.hits.map((h) => h.id);
}
