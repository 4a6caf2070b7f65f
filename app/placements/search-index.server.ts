import type { Index, Settings } from "meilisearch";
import { getEnv } from "~/env.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { enqueueOutbox, registerOutboxHandler } from "~/outbox/outbox.server.ts";
import { getSearchClient } from "~/search/client.server.ts";
import { conceptIdsIn, conceptWords, vocabularyStamp } from "~/vocabulary/vocabulary.server.ts";
import { PlacementModel, type Placement } from "./model.server.ts";

/**
 * The public index's settings, in code. They are compared with what Meilisearch has at start and
 * applied when they differ. Why each choice is what it is: docs/decisions/004-placement-search.md.
 */
export const placementIndexSettings = {
  searchableAttributes: ["title", "skills", "description", "conceptWords", "supportNotes", "organisationName", "town"],
  filterableAttributes: ["kind", "sector", "support", "readiness", "languages", "hoursMin", "hoursMax", "country", "_geo", "organisationKind", "concepts", "vocabulary", "publishedAt"],
  sortableAttributes: ["_geo", "startDate", "publishedAt"],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "publishedAt:desc"],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  faceting: { maxValuesPerFacet: 50, sortFacetValuesBy: { "*": "count" } },
  pagination: { maxTotalHits: 500 },
  // Everything but the concepts' words in four languages: they serve the search, and no answer needs to carry them.
  displayedAttributes: [
    ...["id", "title", "description", "language", "kind", "sector", "town", "country", "_geo", "hoursMin", "hoursMax", "scheduleFlexibility", "startDate", "durationWeeks", "places"],
    ...["readiness", "languages", "skills", "physicalDemands", "support", "supportNotes", "organisationName", "organisationKind", "publishedAt", "concepts", "vocabulary"],
  ],
} satisfies Settings;

export function placementIndexName(): string {
  return `${getEnv().MEILI_INDEX_PREFIX}placements`;
}

export interface PlacementDocument {
  id: string;
  title: string;
  description: string;
  language: string;
  kind: string;
  sector: string;
  town: string;
  country: string;
  _geo: { lat: number; lng: number };
  hoursMin: number;
  hoursMax: number;
  scheduleFlexibility: string;
  startDate: number | null;
  durationWeeks: number | null;
  places: number;
  readiness: string;
  languages: string[];
  skills: string[];
  physicalDemands: string;
  support: string[];
  supportNotes: string;
  organisationName: string;
  organisationKind: string;
  publishedAt: number;
  /** The vocabulary's concepts the title, skills and description name (app/vocabulary). */
  concepts: string[];
  /** The words of those concepts in the four languages, so a search in any of them finds the placement. */
  conceptWords: string[];
  /** The vocabulary the concepts were found with: a changed vocabulary tags the placement again. */
  vocabulary: string;
}

/** The concepts of a placement: its title and description in its own language, its skills in any. */
export function placementConcepts(placement: Pick<Placement, "title" | "description" | "skills" | "language">): string[] {
  const running = { running: true, language: placement.language };
  return [
    ...new Set([
      ...conceptIdsIn(placement.title, running),
      ...(placement.skills ?? []).flatMap((skill) => conceptIdsIn(skill)),
      ...conceptIdsIn(placement.description, running),
    ]),
  ];
}

export function toDocument(placement: Placement, organisation: { name: string; kind: string }): PlacementDocument {
  return {
    id: String(placement._id),
    title: placement.title,
    description: placement.description,
    language: placement.language,
    kind: placement.kind,
    sector: placement.sector,
    town: placement.town,
    country: placement.country,
    _geo: { lat: placement.lat, lng: placement.lng },
    hoursMin: placement.hoursMin,
    hoursMax: placement.hoursMax,
    scheduleFlexibility: placement.scheduleFlexibility,
    startDate: placement.startDate ? placement.startDate.getTime() : null,
    durationWeeks: placement.durationWeeks ?? null,
    places: placement.places,
    readiness: placement.readiness,
    languages: placement.languages ?? [],
    skills: placement.skills ?? [],
    physicalDemands: placement.physicalDemands,
    support: placement.support ?? [],
    supportNotes: placement.supportNotes ?? "",
    organisationName: organisation.name,
    organisationKind: organisation.kind,
    publishedAt: (placement.publishedAt ?? placement.updatedAt ?? new Date()).getTime(),
    ...conceptFields(placement),
  };
}

function conceptFields(placement: Placement) {
  const concepts = placementConcepts(placement);
  return { concepts, conceptWords: conceptWords(concepts), vocabulary: vocabularyStamp() };
}

function placementIndex(name = placementIndexName()): Index<PlacementDocument> {
  return getSearchClient().index<PlacementDocument>(name);
}

async function waitFor(task: { taskUid: number }) {
  const done = await getSearchClient().tasks.waitForTask(task.taskUid, { timeout: 60_000, interval: 50 });
  if (done.status !== "succeeded") throw new Error(`Meilisearch task ${task.taskUid} ${done.status}: ${done.error?.message ?? ""}`);
}

function differs(current: Settings, wanted: Settings) {
  return Object.entries(wanted).some(([key, value]) => {
    const have = (current as Record<string, unknown>)[key];
    if (key === "typoTolerance" || key === "faceting" || key === "pagination") {
      return Object.entries(value as Record<string, unknown>).some(
        ([k, v]) => JSON.stringify((have as Record<string, unknown> | undefined)?.[k]) !== JSON.stringify(v),
      );
    }
    return JSON.stringify(have) !== JSON.stringify(value);
  });
}

/** Creates the index when missing and applies the settings when they differ; returns whether it changed them. */
export async function ensurePlacementIndex(name = placementIndexName()): Promise<boolean> {
  const client = getSearchClient();
  try {
    await client.getIndex(name);
  } catch {
    await waitFor(await client.createIndex(name, { primaryKey: "id" }));
  }
  const current = await placementIndex(name).getSettings();
  if (!differs(current, placementIndexSettings)) return false;
  await waitFor(await placementIndex(name).updateSettings(placementIndexSettings));
  return true;
}

let indexReady: Promise<boolean> | undefined;

/** Once per process (again after a failure): an index created by a first write would lack the settings. */
export function ensurePlacementIndexOnce(): Promise<boolean> {
  indexReady ??= ensurePlacementIndex().catch((error: unknown) => {
    indexReady = undefined;
    throw error;
  });
  return indexReady;
}

const SYNC_BATCH = 5000;

/**
 * The outbox's search effect: makes the index agree with the database for some placements. It
 * reads the current state, so retries and duplicates in any order end in the same place.
 */
export async function syncPlacement(payload: { placementId?: string; placementIds?: string[] }): Promise<void> {
  await ensurePlacementIndexOnce();
  const ids = payload.placementIds ?? (payload.placementId ? [payload.placementId] : []);
  // One query per batch: FerretDB answers many concurrent lookups far slower than one scan.
  const found = await PlacementModel.find({ _id: { $in: ids } }).lean<Placement[]>();
  const byId = new Map(found.map((p) => [String(p._id), p]));
  const placements = ids.map((id) => byId.get(id));
  const organisationIds = [...new Set(placements.filter(Boolean).map((p) => String(p!.organisationId)))];
  const organisations = new Map(
    (await Promise.all(organisationIds.map((id) => OrganisationModel.findById(id).select("name kind status").lean()))).filter(Boolean).map((o) => [String(o!._id), o!]),
  );
  const visible: PlacementDocument[] = [];
  const hidden: string[] = [];
  ids.forEach((id, i) => {
    const placement = placements[i];
    const organisation = placement ? organisations.get(String(placement.organisationId)) : undefined;
    if (placement && organisation && placement.status === "published" && organisation.status === "verified") visible.push(toDocument(placement, organisation));
    else hidden.push(id);
  });
  if (visible.length) await waitFor(await placementIndex().addDocuments(visible));
  if (hidden.length) await waitFor(await placementIndex().deleteDocuments(hidden));
}

registerOutboxHandler("placement-sync", (payload) => syncPlacement(payload as Parameters<typeof syncPlacement>[0]));

/** Queues the search effect of changed placements: one outbox item per 5000, so a large import indexes in a few batches. */
export async function enqueuePlacementSync(placementIds: unknown[]): Promise<void> {
  for (let i = 0; i < placementIds.length; i += SYNC_BATCH) {
    const batch = placementIds.slice(i, i + SYNC_BATCH).map(String);
    await enqueueOutbox("placement-sync", batch.length === 1 ? { placementId: batch[0] } : { placementIds: batch }, null);
  }
}

/**
 * Placements indexed with another vocabulary than this process reads are queued to be indexed
 * again, so a word added to app/vocabulary/concepts.json reaches them after a restart.
 */
export async function resyncPlacementsOfOtherVocabulary(): Promise<number> {
  await ensurePlacementIndexOnce();
  const filter = `NOT vocabulary = ${JSON.stringify(vocabularyStamp())}`;
  const ids: string[] = [];
  for (let offset = 0; ; offset += SYNC_BATCH) {
    const page = await placementIndex().getDocuments({ filter, fields: ["id"], offset, limit: SYNC_BATCH });
    ids.push(...page.results.map((d) => d.id));
    if (page.results.length < SYNC_BATCH) break;
  }
  await enqueuePlacementSync(ids);
  return ids.length;
}

// One pass over the published placements with a cursor: a query per batch would scan the whole
// collection again each time on FerretDB, where only _id lookups use an index.
async function* visiblePlacementBatches(batchSize: number) {
  const organisations = await OrganisationModel.find({ status: "verified", kind: { $in: ["employer", "social_enterprise"] } })
    .select("name kind")
    .lean();
  const byId = new Map(organisations.map((o) => [String(o._id), o]));
  let batch: PlacementDocument[] = [];
  for await (const placement of PlacementModel.find({ status: "published" }).lean<Placement[]>().cursor({ batchSize: 1000 })) {
    const organisation = byId.get(String((placement as Placement).organisationId));
    if (!organisation) continue;
    batch.push(toDocument(placement as Placement, organisation));
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * Rebuilds the public index from the database into a new index and swaps it in, so that search
 * never sees an empty or half-built index. Changes written meanwhile are synced again after the swap.
 */
export async function rebuildPlacementIndex(options: { batchSize?: number } = {}) {
  const started = Date.now();
  const since = new Date(started);
  const live = placementIndexName();
  const building = `${live}_rebuild_${started}`;
  await ensurePlacementIndex(live);
  await ensurePlacementIndex(building);
  let documents = 0;
  for await (const batch of visiblePlacementBatches(options.batchSize ?? 5000)) {
    await waitFor(await placementIndex(building).addDocuments(batch));
    documents += batch.length;
  }
  await waitFor(await getSearchClient().swapIndexes([{ indexes: [live, building], rename: false }]));
  await waitFor(await getSearchClient().deleteIndex(building));
  const changedMeanwhile = await PlacementModel.find({ updatedAt: { $gte: since } }).select("_id").lean();
  await enqueuePlacementSync(changedMeanwhile.map((p) => p._id));
  return { documents, resynced: changedMeanwhile.length, ms: Date.now() - started };
}

export async function searchIndexStats() {
  return placementIndex().getStats();
}
