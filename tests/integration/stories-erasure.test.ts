import { existsSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutbox } from "../support/placements.ts";
import { requestAs, seededPortal, type Fixtures, type Person } from "../support/routes.ts";

// A story about a mentee, with a photo, published on the portal and in print, and then her
// erasure request: the story leaves the public and the index, its texts, photo and one-time links
// are gone, and only its published title stays for the coordinator's takedown list. Before that,
// her data export carries her stories.

let f: Fixtures;
let storyId = "";
let slug = "";
let photoFile = "";
const title = "Tilbage i bageriet efter fire år";
const body = "Jeg havde ikke arbejdet i fire år. Nu bager jeg brød tre morgener om ugen, og holdet regner med mig.";

beforeAll(async () => {
  f = await seededPortal();
}, 180_000);
afterAll(async () => f?.portal.stop());

function post(who: Person, path: string, fields: Record<string, string | string[]>, photo?: Uint8Array) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(name, one);
  if (photo) data.set("photo", new File([new Uint8Array(photo)], "bakery.png", { type: "image/png" }));
  return requestAs(f, who, path, { method: "POST", body: data });
}

async function storyDoc() {
  const { StoryModel } = await import("~/stories/model.server.ts");
  return (await StoryModel.findById(storyId).lean())!;
}

async function indexedIds(): Promise<string[]> {
  const { storyIndex } = await import("~/stories/search-index.server.ts");
  return (await storyIndex().getDocuments({ limit: 1000 })).results.map((doc) => doc.id);
}

describe("a published story when its mentee asks to be erased", () => {
  it("is drafted with a photo, approved by her for the portal and print, and published", async () => {
    const photo = await sharp({ create: { width: 1000, height: 625, channels: 3, background: "#c08040" } }).png().toBuffer();
    const drafted = await post(
      "mentor",
      `/mentor/stories/new?mentee=${f.ana}`,
      { title, body, language: "da", placementKind: "work_trial", sector: "food_production", country: "HR", town: "Varaždin", nameChoice: "omitted", changedName: "", placeChoice: "region", quote: "" },
      photo,
    );
    expect(drafted.status).toBe(302);
    storyId = drafted.headers.get("location")!.match(/\/mentor\/stories\/([a-f0-9]{24})/)![1];
    expect((await post("mentor", `/mentor/stories/${storyId}`, { intent: "submit" })).status).toBe(302);
    const approved = await post("mentee", "/me/stories", { storyId, intent: "approve", version: "1", channels: ["portal", "print"], years: "2" });
    expect(approved.status).toBe(302);
    expect((await post("coordinator", "/coordinator/stories", { intent: "publish", storyId })).status).toBe(302);
    const published = await storyDoc();
    slug = published.slug!;
    photoFile = published.publishedView!.photo!.file;
    // The portal's own worker or this drain may carry the item out: wait for the index either way.
    await drainOutbox();
    await expect.poll(indexedIds, { timeout: 60_000, interval: 200 }).toContain(storyId);
    expect((await requestAs(f, "anonymous", `/stories/${slug}`)).status).toBe(200);
    expect((await requestAs(f, "anonymous", `/stories/photos/${photoFile}`)).status).toBe(200);
    const { storyPhotosDir } = await import("~/stories/photos.server.ts");
    expect(existsSync(join(storyPhotosDir(), photoFile.replace(/\.jpg$/, "-800.jpg")))).toBe(true);
  });

  it("is in her data export", async () => {
    const exported = await requestAs(f, "mentee", "/me/data.json");
    expect(exported.status).toBe(200);
    const data = (await exported.json()) as { stories: { title: string; body: string; channels: string[] }[] };
    expect(data.stories.find((s) => s.title === title)).toMatchObject({ body, channels: ["portal", "print"] });
  });

  it("leaves the public, the index and the disk with her erasure; her one-time link stops working; the takedown list keeps only its title", async () => {
    expect((await requestAs(f, "anonymous", f.storyDecisionLink)).status).toBe(200);
    const erased = await post("coordinator", `/coordinator/mentees/${f.ana}`, { intent: "erase", confirm: "yes" });
    expect(erased.status).toBe(302);

    const page = await requestAs(f, "anonymous", `/stories/${slug}`);
    expect(page.status).toBe(410);
    expect(await page.text()).not.toContain(body);
    expect((await requestAs(f, "anonymous", `/stories/photos/${photoFile}`)).status).toBe(404);
    const { storyPhotosDir } = await import("~/stories/photos.server.ts");
    for (const name of [photoFile, photoFile.replace(/\.jpg$/, "-480.jpg"), photoFile.replace(/\.jpg$/, "-800.jpg")]) expect(existsSync(join(storyPhotosDir(), name)), name).toBe(false);
    const feed = await (await requestAs(f, "anonymous", "/stories/feed.xml")).text();
    expect(feed).not.toContain(title);

    await drainOutbox();
    await expect.poll(indexedIds, { timeout: 60_000, interval: 200 }).not.toContain(storyId);

    const left = await storyDoc();
    expect(left).toMatchObject({ status: "withdrawn", title, body: "—", town: "—" });
    expect(left.publishedView).toBeUndefined();
    expect(left.approvedView).toBeUndefined();
    expect(left.photo).toBeUndefined();

    const link = await requestAs(f, "anonymous", f.storyDecisionLink);
    const { getT } = await import("~/i18n/i18n.server.ts");
    const unusable = (["en", "hr", "sl", "da"] as const).map((language) => getT(language)("storyDecision.linkUnusable"));
    const linkPage = await link.text();
    expect(unusable.some((text) => linkPage.includes(text))).toBe(true);

    const takedowns = await (await requestAs(f, "coordinator", "/coordinator/stories")).text();
    expect(takedowns).toContain(title);
  });
});
