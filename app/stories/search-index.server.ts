import type { Index, Settings } from "meilisearch";
import { isObjectId } from "~/db/ids.server.ts";
import { getEnv } from "~/env.server.ts";
import { enqueueOutbox, registerOutboxHandler } from "~/outbox/outbox.server.ts";
import { getSearchClient } from "~/search/client.server.ts";
import { StoryModel, type Story } from "./model.server.ts";
import { isPubliclyVisible, publiclyVisibleFilter } from "./visibility.server.ts";

/** The public stories index: built from `publishedView` only, so nothing else of a story can reach a search. */
export const storyIndexSettings = {
  searchableAttributes: ["title", "body", "name", "place"],
  filterableAttributes: ["country", "sector", "placementKind", "language"],
  sortableAttributes: ["publishedAt"],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "publishedAt:desc"],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  pagination: { maxTotalHits: 1000 },
  displayedAttributes: ["*"],
} satisfies Settings;

export const STORY_INDEX_KIND = "story-index";

export function storyIndexName(): string {
  return `${getEnv().MEILI_INDEX_PREFIX}stories`;
}

export interface StoryDocument {
  id: string;
  slug: string;
  title: string;
  body: string;
  name: string;
  place: string;
  country: string;
  sector: string;
  placementKind: string;
  language: string;
  publishedAt: number;
}

/** A published story's document: its `publishedView`, its slug and its day, nothing else. */
export function toStoryDocument(story: Pick<Story, "_id" | "slug" | "publishedView" | "publishedAt">): StoryDocument {
  const view = story.publishedView!;
  return {
    id: String(story._id),
    slug: story.slug ?? "",
    title: view.title,
    body: view.body,
    name: view.name ?? "",
    place: view.place,
    country: view.country,
    sector: view.sector,
    placementKind: view.placementKind,
    language: view.language,
    publishedAt: (story.publishedAt ?? new Date(0)).getTime(),
  };
}

export function storyIndex(): Index<StoryDocument> {
  return getSearchClient().index<StoryDocument>(storyIndexName());
}

async function waitFor(task: { taskUid: number }) {
  const done = await getSearchClient().tasks.waitForTask(task.taskUid, { timeout: 60_000, interval: 50 });
  if (done.status !== "succeeded") throw new Error(`Meilisearch task ${task.taskUid} ${done.status}: ${done.error?.message ?? ""}`);
}

let indexReady: Promise<void> | undefined;

/** Creates the index with its settings once per process (again after a failure). */
export function ensureStoryIndexOnce(): Promise<void> {
  indexReady ??= (async () => {
    const client = getSearchClient();
    try {
      await client.getIndex(storyIndexName());
    } catch {
      await waitFor(await client.createIndex(storyIndexName(), { primaryKey: "id" }));
    }
    await waitFor(await storyIndex().updateSettings(storyIndexSettings));
  })().catch((error: unknown) => {
    indexReady = undefined;
    throw error;
  });
  return indexReady;
}

/**
 * The outbox's search effect for one story: its document when it is publicly visible now, none
 * otherwise. It reads the current state, so retries and duplicates in any order end the same.
 */
export async function syncStory(payload: { storyId?: string }): Promise<void> {
  const id = payload.storyId ?? "";
  if (!isObjectId(id)) return;
  await ensureStoryIndexOnce();
  const story = await StoryModel.findById(id).lean<Story>();
  if (story && isPubliclyVisible(story)) await waitFor(await storyIndex().addDocuments([toStoryDocument(story)]));
  else await waitFor(await storyIndex().deleteDocument(id));
}

registerOutboxHandler(STORY_INDEX_KIND, (payload) => syncStory(payload as { storyId?: string }));

/** Queues the index's update after a story was published, replaced, withdrawn or expired (about her, unless `menteeId` is null). */
export async function enqueueStoryIndex(storyId: unknown, menteeId?: unknown): Promise<void> {
  const about = menteeId === undefined ? (await StoryModel.findById(storyId).select("menteeId").lean())?.menteeId : menteeId;
  await enqueueOutbox(STORY_INDEX_KIND, { storyId: String(storyId) }, about ? { menteeId: about } : null);
}

/**
 * Builds the stories index from the database into a new index and swaps it in (after a restore,
 * or when asked by `npm run reindex`), so the public search never sees it empty.
 */
export async function rebuildStoryIndex(): Promise<{ documents: number }> {
  const client = getSearchClient();
  const live = storyIndexName();
  const building = `${live}_rebuild_${Date.now()}`;
  await ensureStoryIndexOnce();
  await waitFor(await client.createIndex(building, { primaryKey: "id" }));
  await waitFor(await client.index(building).updateSettings(storyIndexSettings));
  const stories = await StoryModel.find(publiclyVisibleFilter).lean<Story[]>();
  const documents = stories.filter(isPubliclyVisible).map(toStoryDocument);
  if (documents.length) await waitFor(await client.index(building).addDocuments(documents));
  await waitFor(await client.swapIndexes([{ indexes: [live, building], rename: false }]));
  await waitFor(await client.deleteIndex(building));
  return { documents: documents.length };
}
