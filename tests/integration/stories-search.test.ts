import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startMeilisearch } from "../../server/services/meilisearch.ts";
import { drainOutbox } from "../support/placements.ts";

// This file's own Meilisearch, so that it can be stopped without disturbing the other files.
const dataDir = mkdtempSync(join(process.env.SERVICES_DATA_DIR!, "stories-search-"));
const meili = await startMeilisearch(dataDir);
process.env.MEILI_HOST = `http://127.0.0.1:${meili.port}`;
process.env.MEILI_MASTER_KEY = meili.masterKey;
afterAll(async () => meili.service.stop());

let counter = 0;
/** A published story (approved and published as the mentee and the coordinator would leave it). */
async function published(view: { title: string; body: string; country: string; sector: string; placementKind: string; language: string }) {
  const { StoryModel } = await import("~/stories/model.server.ts");
  const { Types } = await import("mongoose");
  const full = { ...view, name: "", place: "Hovedstaden", quote: "", employerName: "" };
  const story = await StoryModel.create({
    menteeId: new Types.ObjectId(),
    authorId: new Types.ObjectId(),
    status: "published",
    language: view.language,
    title: view.title,
    body: view.body,
    placementKind: view.placementKind,
    sector: view.sector,
    country: view.country,
    town: "København",
    approvedView: full,
    approvedVersion: 1,
    publishedView: full,
    slug: `story-${Date.now()}-${counter++}`,
    publishedAt: new Date(),
  });
  const { enqueueStoryIndex } = await import("~/stories/search-index.server.ts");
  await enqueueStoryIndex(story._id);
  return story;
}

async function find(params: Record<string, string>) {
  const { publicStories, readStoryQuery } = await import("~/stories/public.server.ts");
  return publicStories(readStoryQuery(new URLSearchParams(params)));
}

describe("the public stories' search", () => {
  it("shows the last page for a page past the end, and the first for what is not a page number", async () => {
    const { STORIES_PAGE_SIZE } = await import("~/stories/public.server.ts");
    const word = `zq${Date.now().toString(36)}`;
    const stories = [];
    for (let n = 0; n < STORIES_PAGE_SIZE + 1; n++) {
      stories.push(await published({ title: `Pekar ${word} ${n}`, body: "Nakon dvije godine bez posla radi u pekari četiri jutra tjedno.", country: "SI", sector: "food_production", placementKind: "job", language: "hr" }));
    }
    await drainOutbox();
    const second = await find({ q: word, page: "2" });
    expect([second.mode, second.page, second.pages, second.stories.length]).toEqual(["search", 2, 2, 1]);
    for (const page of ["3", "101", "10001", "99999"]) {
      const past = await find({ q: word, page });
      expect([past.page, past.pages, past.total], `page=${page}`).toEqual([2, 2, STORIES_PAGE_SIZE + 1]);
      expect(past.stories.map((s) => s.title), `page=${page}`).toEqual(second.stories.map((s) => s.title));
    }
    for (const page of ["0", "-1", "abc", "1.5"]) {
      const first = await find({ q: word, page });
      expect([first.page, first.stories.length], `page=${page}`).toEqual([1, STORIES_PAGE_SIZE]);
    }
    // Nothing found: one empty page, not "page 5 of 1".
    expect(await find({ q: `${word}x${word}`, page: "5" })).toMatchObject({ page: 1, pages: 1, total: 0, stories: [] });

    // Withdrawn again, so that the next test counts only its own stories.
    const { StoryModel } = await import("~/stories/model.server.ts");
    const { enqueueStoryIndex } = await import("~/stories/search-index.server.ts");
    await StoryModel.updateMany({ _id: { $in: stories.map((s) => s._id) } }, { status: "withdrawn", withdrawnAt: new Date() });
    for (const story of stories) await enqueueStoryIndex(story._id);
    await drainOutbox();
    expect((await find({ q: word })).total).toBe(0);
  });

  it("finds a Danish story by a typo, filters by country, sector and kind, forgets a withdrawn story, and answers from the database while Meilisearch is down", async () => {
    const bakery = await published({ title: "Tilbage på bageriet", body: "Efter fire år uden arbejde startede Mette med to timer om ugen på et bageri i Valby.", country: "DK", sector: "food_production", placementKind: "work_trial", language: "da" });
    const shop = await published({ title: "Rad u trgovini", body: "Nakon tri godine bez posla, Ivana radi u trgovini tri jutra tjedno i voli svoj posao.", country: "HR", sector: "retail", placementKind: "job", language: "hr" });
    const withdrawn = await published({ title: "Bageriet i Odense", body: "En historie om et bageri, som personen senere trak tilbage fra portalen og dens søgning.", country: "DK", sector: "food_production", placementKind: "job", language: "da" });
    await drainOutbox();

    const typo = await find({ q: "bagerriet" });
    expect(typo.mode).toBe("search");
    expect(typo.stories.map((s) => s.title)).toContain("Tilbage på bageriet");
    expect((await find({ country: "HR" })).stories.map((s) => s.title)).toEqual(["Rad u trgovini"]);
    expect((await find({ sector: "food_production", kind: "work_trial" })).stories.map((s) => s.title)).toEqual(["Tilbage på bageriet"]);
    // A value outside the lists is left out, not an error.
    expect((await find({ country: "XX", page: "-3" })).total).toBe(3);

    // Withdrawn: out of the list at once (before the index heard of it), and out of the index after its outbox item.
    const { StoryModel } = await import("~/stories/model.server.ts");
    await StoryModel.updateOne({ _id: withdrawn._id }, { status: "withdrawn", withdrawnAt: new Date() });
    expect((await find({ q: "bageriet" })).stories.map((s) => s.title)).not.toContain("Bageriet i Odense");
    const { enqueueStoryIndex, storyIndex } = await import("~/stories/search-index.server.ts");
    await enqueueStoryIndex(withdrawn._id);
    await enqueueStoryIndex(withdrawn._id);
    await drainOutbox();
    const ids = (await storyIndex().getDocuments({ limit: 100 })).results.map((d) => d.id).sort();
    expect(ids).toEqual([String(bakery._id), String(shop._id)].sort());

    await meili.service.stop();
    const fallback = await find({ q: "bageriet", country: "DK" });
    expect(fallback.mode).toBe("fallback");
    expect(fallback.stories.map((s) => s.title)).toEqual(["Tilbage på bageriet"]);
  });
});
