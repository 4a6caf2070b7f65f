import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "~/locales/en.json";
import { demoStories } from "../../seed/demo-stories.ts";
import { startFerretdb } from "../../server/services/ferretdb.ts";
import type { RunningService } from "../../server/services/processes.ts";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";
import { until } from "../support/until.ts";

// What a visitor of the demo sees in the browser's tab of a page about one thing, and under a
// list asked for a page it does not have.

const dataDir = mkdtempSync(join(process.env.SERVICES_DATA_DIR!, "page-titles-"));
let ferretdb: { uri: string; service: RunningService };
let portal: RunningPortal;
let coordinator = "";

beforeAll(async () => {
  ferretdb = await startFerretdb(dataDir);
  portal = await startPortal({ MONGODB_URI: `${ferretdb.uri}pagetitles` }, { seed: true });
  const login = await postForm(portal, "/login", { email: "coordinator@demo.placements.test", password: "demo-placements-2026" });
  expect(login.status).toBe(302);
  coordinator = login.headers.get("set-cookie")!.split(";")[0];
});

afterAll(async () => {
  await portal?.stop();
  await ferretdb?.service.stop();
});

const placementLinks = (page: string) => [...new Set([...page.matchAll(/href="(\/placements\/[a-f0-9]{24})"/g)].map((m) => m[1]))];
const storyLinks = (page: string) => [...new Set([...page.matchAll(/href="(\/stories\/(?!feed|photos)[^"?/]+)"/g)].map((m) => m[1]))];

async function html(path: string, cookie = "") {
  const response = await fetch(`${portal.url}${path}`, { headers: { "Accept-Language": "en", ...(cookie ? { Cookie: cookie } : {}) } });
  expect(response.status, path).toBe(200);
  return response.text();
}

const titleOf = (page: string) => /<title>([^<]*)<\/title>/.exec(page)?.[1];
const headingOf = (page: string, id: string) => new RegExp(`<h1 id="${id}"[^>]*>([^<]*)</h1>`).exec(page)?.[1];

describe("the browser's title of a page about one thing", () => {
  it("names the placement or the story first, each its own", async () => {
    // The demo's placements and stories reach the search index through the outbox after the start.
    const firstTwo = (links: string[]) => links.length >= 2 && links.slice(0, 2);
    const placementPaths = await until("two placements in the search", async () => firstTwo(placementLinks(await html("/placements"))));
    const storyPaths = await until("two stories in the list", async () => firstTwo(storyLinks(await html("/stories"))));
    const titles = [];
    for (const [paths, id, kind] of [
      [placementPaths, "placement-title", en.placements.details],
      [storyPaths, "story-title", en.publicStories.storyTitle],
    ] as const) {
      for (const path of paths) {
        const page = await html(path);
        const heading = headingOf(page, id);
        expect(heading, path).toBeTruthy();
        expect(titleOf(page), path).toBe(`${heading} · ${kind} · ${en.app.name}`);
        titles.push(titleOf(page));
      }
    }
    expect(new Set(titles).size).toBe(titles.length);
  });
});

describe("a list asked for a page past its end", () => {
  it("shows its last page, and the first for what is not a page number, never 'page N of M' with N past M", async () => {
    for (const [path, cookie] of [
      ["/placements", ""],
      ["/coordinator/placements", coordinator],
      ["/coordinator/mentees", coordinator],
    ] as const) {
      const pagerOf = (page: string) => /Page (\d+) of (\d+)/.exec(page)?.slice(1).map(Number);
      const [, pages] = await until(`${path} in pages`, async () => pagerOf(await html(path, cookie)));
      expect(pages, path).toBeGreaterThan(1);
      const last = await html(`${path}?page=${pages}`, cookie);
      for (const asked of [pages! + 1, 100, 101, 99_999]) {
        const page = await html(`${path}?page=${asked}`, cookie);
        expect(pagerOf(page), `${path}?page=${asked}`).toEqual([pages, pages]);
        expect(page, `${path}?page=${asked}`).toContain(`rel="prev"`);
        // The same rows as the last page: the cards' headings.
        const rows = (text: string) => [...text.matchAll(/<h[23][^>]*>(.*?)<\/h[23]>/g)].map((m) => m[1]);
        expect(rows(page).length, `${path}?page=${asked}`).toBeGreaterThan(0);
        expect(rows(page), `${path}?page=${asked}`).toEqual(rows(last));
      }
      for (const asked of ["0", "-2", "abc", "2.5"]) expect(pagerOf(await html(`${path}?page=${asked}`, cookie)), `${path}?page=${asked}`).toEqual([1, pages]);
    }
  });

  it("shows a list of one page, the demo's stories, for any page asked: its stories, not an empty page", async () => {
    const published = demoStories.filter((story) => story.ending === "published").length;
    const all = await until("the demo's stories in the list", async () => {
      const links = storyLinks(await html("/stories"));
      return links.length === published && links;
    });
    for (const asked of [2, 101, 10_001, 99_999]) {
      const page = await html(`/stories?page=${asked}`);
      expect(storyLinks(page), `/stories?page=${asked}`).toEqual(all);
      expect(page, `/stories?page=${asked}`).toContain(en.publicStories.found.replace("{{count}}", String(published)));
      expect(page, `/stories?page=${asked}`).not.toMatch(/Page \d+ of \d+/);
    }
  });
});
