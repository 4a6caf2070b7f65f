import type { z } from "zod";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { getSearchClient } from "~/search/client.server.ts";
import { distanceKm } from "./geo.ts";
import { findTown } from "./gazetteer.server.ts";
import { PlacementModel, type Placement } from "./model.server.ts";
import type { searchQuerySchema } from "./schema.server.ts";
import { placementIndexName, toDocument, type PlacementDocument } from "./search-index.server.ts";

export type SearchQuery = z.output<typeof searchQuerySchema>;
export const PAGE_SIZE = 20;
const FACETS = ["kind", "sector", "support", "readiness", "languages"] as const;

export interface PlacementHit {
  id: string;
  title: string;
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
  const page = query.page.valid ?? 1;
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
    q: query.q,
    options: {
      filter: buildFilter(query, origin),
      sort,
      facets: [...FACETS],
      page,
      hitsPerPage: PAGE_SIZE,
      attributesToCrop: ["description"],
      cropLength: 30,
    },
  };
}

export async function searchPlacementsInIndex(query: SearchQuery): Promise<SearchResult> {
  const { origin, unknownTown, page, q, options } = indexSearchRequest(query);
  const response = await getSearchClient().index<PlacementDocument>(placementIndexName()).search(q, options);
  const total = response.totalHits ?? 0;
  return {
    hits: response.hits.map((hit) => toHit(hit, origin, (hit as { _formatted?: { description?: string } })._formatted?.description)),
    total,
    page,
    pages: Math.max(1, response.totalPages ?? 1),
    facets: (response.facetDistribution ?? {}) as SearchResult["facets"],
    mode: "search",
    origin,
    unknownTown,
  };
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
  const words = query.q.split(/\s+/).filter(Boolean).slice(0, 5);
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
  const page = query.page.valid ?? 1;
  return {
    hits: docs.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((d) => toHit(d, origin)),
    total: docs.length,
    page,
    pages: Math.max(1, Math.ceil(docs.length / PAGE_SIZE)),
    facets: {},
    mode: "fallback",
    origin,
    unknownTown,
  };
}

/** Meilisearch first; the database when Meilisearch cannot answer. */
export async function searchPlacements(query: SearchQuery): Promise<SearchResult> {
  try {
    return await searchPlacementsInIndex(query);
  } catch (error) {
    console.warn(`search: falling back to the database (${error instanceof Error ? error.message : String(error)})`);
    return searchPlacementsInDatabase(query);
  }
}

/**
 * One published placement of a verified organisation, for its public page: from the public index
 * (which holds exactly those), or from the database when Meilisearch cannot answer.
 */
export async function getPublicPlacement(id: string): Promise<PlacementDocument | null> {
  if (!/^[a-f0-9]{24}$/.test(id)) return null;
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
