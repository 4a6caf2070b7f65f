// The public side of success stories: the list, its search, one story, the feed, the campaign's
// figures and the country pages' contacts. Everything here reads a story's `publishedView` only,
// of stories the public may see now (visibility.server.ts); nothing else of a story leaves.
import { z } from "zod";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { publicOutcomes } from "~/outcomes/outcomes.server.ts";
import type { Shown } from "~/outcomes/small-numbers.ts";
import { placementKinds, sectors } from "~/placements/vocabulary.ts";
import { pageToAsk, searchPageWithin } from "~/search/paging.ts";
import { searchText } from "~/search/query-text.ts";
import { photoSrcSet } from "./photos.server.ts";
import { StoryModel, type Story } from "./model.server.ts";
import { excerptOf, sumSteps } from "./public-text.ts";
import { storyIndex, toStoryDocument, type StoryDocument } from "./search-index.server.ts";
import { isPubliclyVisible, publiclyVisibleFilter } from "./visibility.server.ts";
import { pageWithin } from "~/db/paging.ts";
import { storyCountries, type StoryCountry } from "./vocabulary.ts";

export const STORIES_PAGE_SIZE = 12;

/** A value outside its list is dropped (the list shows everything for it), never an error. */
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);

const storyQuerySchema = z.object({
  q: z.string().trim().max(120).catch((ctx) => (typeof ctx.input === "string" ? ctx.input.trim().slice(0, 120) : "")).default(""),
  country: oneOf(storyCountries),
  sector: oneOf(sectors),
  kind: oneOf(placementKinds),
  // Any page number: one past the last shows the last (app/db/paging.ts).
  page: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
});
export type StoryQuery = z.output<typeof storyQuerySchema>;

/** The list's query from the address; anything that is not one of its values is left out. */
export function readStoryQuery(params: URLSearchParams): StoryQuery {
  return storyQuerySchema.parse({
    q: params.get("q") ?? "",
    country: params.get("country") || undefined,
    sector: params.get("sector") || undefined,
    kind: params.get("kind") || undefined,
    page: params.get("page") || undefined,
  });
}

export interface PublicStoryCard {
  slug: string;
  title: string;
  excerpt: string;
  name: string;
  place: string;
  country: string;
  sector: string;
  placementKind: string;
  language: string;
  publishedAt: number;
}

export interface PublicStoryList {
  stories: PublicStoryCard[];
  total: number;
  page: number;
  pages: number;
  mode: "search" | "fallback";
}

function cardOf(doc: StoryDocument): PublicStoryCard {
  const { id: _id, body, ...shown } = doc;
  return { ...shown, excerpt: excerptOf(body, 220) };
}

const VISIBLE_FIELDS = "publishedView slug status withdrawnAt expiresAt publishedAt";

async function visibleStories(filter: Record<string, unknown> = {}, limit = 1000) {
  const stories = await StoryModel.find({ ...publiclyVisibleFilter, ...filter })
    .select(VISIBLE_FIELDS)
    .sort({ publishedAt: -1 })
    .limit(limit)
    .lean<Story[]>();
  return stories.filter(isPubliclyVisible);
}

/** Of these ids, the stories still public now: the index may lag a withdrawal by a moment, the page never does. */
async function stillVisible(ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const stories = await StoryModel.find({ _id: { $in: ids } }).select(VISIBLE_FIELDS).lean<Story[]>();
  return new Set(stories.filter(isPubliclyVisible).map((s) => String(s._id)));
}

function quote(value: string) {
  return `"${value.replace(/["\\]/g, "")}"`;
}

async function searchIndex(query: StoryQuery): Promise<PublicStoryList> {
  const asked = pageToAsk(query.page ?? 1);
  const filter = [
    query.country ? `country = ${quote(query.country)}` : null,
    query.sector ? `sector = ${quote(query.sector)}` : null,
    query.kind ? `placementKind = ${quote(query.kind)}` : null,
  ].filter((f): f is string => f !== null);
  const q = searchText(query.q);
  const options = { filter, hitsPerPage: STORIES_PAGE_SIZE, ...(q ? {} : { sort: ["publishedAt:desc"] }) };
  const searchPage = (page: number) => storyIndex().search(q, { ...options, page });
  const { response, page, pages } = await searchPageWithin(asked, await searchPage(asked), searchPage);
  const visible = await stillVisible(response.hits.map((hit) => hit.id));
  const total = response.totalHits ?? 0;
  return {
    stories: response.hits.filter((hit) => visible.has(hit.id)).map(cardOf),
    total,
    page,
    pages,
    mode: "search",
  };
}

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** Without Meilisearch: the public stories from the database, filtered here (there are few). */
async function searchDatabase(query: StoryQuery): Promise<PublicStoryList> {
  const words = fold(searchText(query.q)).split(" ").filter(Boolean).slice(0, 5);
  const docs = (await visibleStories())
    .map(toStoryDocument)
    .filter((doc) => (!query.country || doc.country === query.country) && (!query.sector || doc.sector === query.sector) && (!query.kind || doc.placementKind === query.kind))
    .filter((doc) => {
      const text = fold([doc.title, doc.body, doc.name, doc.place].join(" "));
      return words.every((word) => text.includes(word));
    });
  const { page, pages, first } = pageWithin(docs.length, query.page ?? 1, STORIES_PAGE_SIZE);
  return {
    stories: docs.slice(first, first + STORIES_PAGE_SIZE).map(cardOf),
    total: docs.length,
    page,
    pages,
    mode: "fallback",
  };
}

/** The published stories for the list: from Meilisearch (typo-tolerant), or the database when it cannot answer. */
export async function publicStories(query: StoryQuery): Promise<PublicStoryList> {
  try {
    return await searchIndex(query);
  } catch (error) {
    console.warn(`stories: falling back to the database (${error instanceof Error ? error.message : String(error)})`);
    return searchDatabase(query);
  }
}

/** The latest published stories (the home page's featured ones, a country page's). */
export async function latestStories(limit: number, country?: StoryCountry): Promise<PublicStoryCard[]> {
  const stories = await visibleStories(country ? { "publishedView.country": country } : {}, limit * 2);
  return stories.slice(0, limit).map((s) => cardOf(toStoryDocument(s)));
}

export interface PublicStoryPage {
  slug: string;
  title: string;
  paragraphs: string[];
  description: string;
  name: string;
  place: string;
  country: string;
  sector: string;
  placementKind: string;
  quote: string;
  employerName: string;
  /** srcSet: its smaller copies for phones, or null when the photo is small already. */
  photo: { src: string; srcSet: string | null; width: number; height: number } | null;
  language: string;
  publishedAt: number;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,119}$/;

function photoOf(photo: { file: string; width: number; height: number }): PublicStoryPage["photo"] {
  const src = `/stories/photos/${encodeURIComponent(photo.file)}`;
  return { src, srcSet: photoSrcSet(src, photo.width), width: photo.width, height: photo.height };
}

/**
 * One story by its address: shown when the public may see it; "gone" (410) when it was published
 * and has been withdrawn or has expired; "missing" (404) otherwise. A gone story says nothing more.
 */
export async function publicStory(slug: string): Promise<{ state: "shown"; story: PublicStoryPage } | { state: "gone" } | { state: "missing" }> {
  if (!SLUG.test(slug)) return { state: "missing" };
  const story = await StoryModel.findOne({ slug }).select(VISIBLE_FIELDS).lean<Story>();
  if (!story || (!story.publishedView && !story.publishedAt)) return { state: "missing" };
  const view = story.publishedView;
  if (!view || !isPubliclyVisible(story)) return { state: "gone" };
  return {
    state: "shown",
    story: {
      slug,
      title: view.title,
      paragraphs: view.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
      description: excerptOf(view.body),
      name: view.name ?? "",
      place: view.place,
      country: view.country,
      sector: view.sector,
      placementKind: view.placementKind,
      quote: view.quote ?? "",
      employerName: view.employerName ?? "",
      photo: view.photo ? photoOf(view.photo) : null,
      language: view.language,
      publishedAt: (story.publishedAt ?? new Date(0)).getTime(),
    },
  };
}

export interface FeedEntry {
  slug: string;
  title: string;
  summary: string;
  language: string;
  publishedAt: Date;
}

/** The feed's entries: the latest 50 public stories. */
export async function feedEntries(limit = 50): Promise<FeedEntry[]> {
  return (await visibleStories({}, limit)).map((s) => ({
    slug: s.slug!,
    title: s.publishedView!.title,
    summary: excerptOf(s.publishedView!.body, 300),
    language: s.publishedView!.language,
    publishedAt: s.publishedAt ?? new Date(0),
  }));
}

/** The programme's results in plain words, from the public figures (small numbers already suppressed). */
export interface CampaignResults {
  started: Shown;
  inWorkAfterSixMonths: Shown;
  /** Steps towards work; `atLeast` when some of its parts are "fewer than 5" and the others add up to this. */
  stepsTowardsWork: Shown;
  stepsAtLeast: boolean;
}

const STEPS_TOWARDS_WORK = [
  ["temporarily_passive", "activity_ready"],
  ["activity_ready", "job_ready"],
  ["temporarily_passive", "job_ready"],
] as const;

export async function campaignResults(): Promise<CampaignResults> {
  const figures = await publicOutcomes();
  const steps = sumSteps(STEPS_TOWARDS_WORK.map(([from, to]) => figures.readiness.find((r) => r.from === from && r.to === to)?.steps ?? 0));
  return {
    started: figures.funnel.started,
    inWorkAfterSixMonths: figures.funnel.in_work_6,
    stepsTowardsWork: steps.value,
    stepsAtLeast: steps.atLeast,
  };
}

/** A country programme's contacts: its verified mentor organisations. */
export async function programmeContacts(country: StoryCountry) {
  const organisations = await OrganisationModel.find({ kind: "mentor_organisation", status: "verified", country })
    .select("name town contactEmail")
    .sort({ name: 1 })
    .limit(100)
    .lean();
  return organisations.map((o) => ({ id: String(o._id), name: o.name, town: o.town, contactEmail: o.contactEmail ?? "" }));
}
