// `npm run bench:page-weight [-- --label before]`: what a page costs a browser. Runs the built
// portal (production, demo seed) and measures, per page, the HTML and every script the browser
// loads with it, as served with gzip and unpacked, against issue 17's budgets; then, in Chromium,
// how long signing in and a search take with and without JavaScript. Lighthouse is
// `npm run lighthouse` (tests/bench/lighthouse.ts). Writes bench-results/page-weight[-label].json.
// A benchmark, not a test: nothing here passes or fails on a number.
import { mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import { cpus } from "node:os";
import { gunzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "@playwright/test";
import type { RunningPortal } from "../support/portal.ts";
import { aPlacementPath, aStoryPath, commitOfCheckout, DEMO_PASSWORD, demoLogins, logIn, startDemoPortal } from "./demo-portal.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const label = arg("label", "");
const repetitions = Number(arg("repetitions", "7"));

/** The pages measured per role, beside the public ones; the mentee's are all of hers (app/routes/me+). */
const roles = {
  employer: { email: demoLogins.employer, pages: ["/employer/placements"] },
  mentor: { email: demoLogins.mentor, pages: ["/mentor/mentees"] },
  mentee: { email: demoLogins.mentee, pages: ["/me", "/me/offers", "/me/consents", "/me/checkins", "/me/stories", "/me/data"] },
  coordinator: { email: demoLogins.coordinator, pages: ["/coordinator/placements"] },
} as const;

interface Transfer {
  gzip: number;
  raw: number;
}

/** One GET as a browser makes it: asks for gzip and counts the bytes that came over the wire. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string } & Transfer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "Accept-Encoding": "gzip", ...headers } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const wire = Buffer.concat(chunks);
          const body = response.headers["content-encoding"] === "gzip" ? gunzipSync(wire) : wire;
          resolve({ status: response.statusCode ?? 0, body: body.toString("utf8"), gzip: wire.length, raw: body.length });
        });
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

/**
 * Issue 17's budgets for compressed JavaScript: a mentee's pages (often opened on an old phone on a
 * prepaid plan) 60 KB, public pages 100 KB. Other roles' pages have none.
 */
const budgets = { mentee: 60 * 1024, public: 100 * 1024 };
const publicPages = ["/", "/placements", "/placements/<id>", "/stories", "/stories/<slug>", "/hr", "/login"];

function budgetReport(pages: Record<string, { js: Transfer }>) {
  const report = (keys: string[], budget: number) =>
    Object.fromEntries(keys.map((key) => [key, { jsGzip: pages[key].js.gzip, budget, within: pages[key].js.gzip <= budget }]));
  return {
    mentee: report(Object.keys(pages).filter((key) => key.endsWith("(mentee)")), budgets.mentee),
    public: report(publicPages.filter((key) => key in pages), budgets.public),
  };
}

const scriptCache = new Map<string, Transfer & { body: string }>();
async function script(portal: RunningPortal, path: string) {
  const cached = scriptCache.get(path);
  if (cached) return cached;
  const response = await get(`${portal.url}${path}`);
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  scriptCache.set(path, response);
  return response;
}

// What a module names for loading at once: `import … from "/build/…"` and `import "/build/…"`.
const staticImports = (code: string) => [...code.matchAll(/\b(?:from|import)\s*["'](\/build\/[^"']+\.js)["']/g)].map((m) => m[1]);

/**
 * The scripts a browser loads with the page: the ones the HTML preloads and imports, and what they
 * import in turn. Not every /build path the HTML names: Remix's inline route manifest also names
 * the home route's modules and the whole manifest file, which load only on a navigation.
 */
async function loadedScripts(portal: RunningPortal, html: string) {
  const fromHtml = [
    ...[...html.matchAll(/<link rel="modulepreload" href="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<script[^>]*\ssrc="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].flatMap((m) => [...staticImports(m[1]), ...[...m[1].matchAll(/\bimport\(["'](\/build\/[^"']+\.js)["']\)/g)].map((i) => i[1])]),
  ];
  const loaded = new Set<string>();
  const pending = [...fromHtml];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (loaded.has(path)) continue;
    loaded.add(path);
    pending.push(...staticImports((await script(portal, path)).body));
  }
  return [...loaded].sort();
}

async function pageWeight(portal: RunningPortal, path: string, headers: Record<string, string>) {
  const page = await get(`${portal.url}${path}`, headers);
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
  const scripts = await loadedScripts(portal, page.body);
  const js: Transfer = { gzip: 0, raw: 0 };
  for (const path of scripts) {
    const { gzip, raw } = await script(portal, path);
    js.gzip += gzip;
    js.raw += raw;
  }
  return { html: { gzip: page.gzip, raw: page.raw }, js: { ...js, files: scripts.length }, body: page.body };
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]);
}

/**
 * Waits for a condition checked at every frame: Playwright's own waiting retries at growing
 * intervals (up to 500 ms), which would round these timings up.
 */
async function shown(page: Page, condition: (text: string) => boolean, text = "") {
  await page.waitForFunction(condition, text, { polling: "raf", timeout: 30_000 });
}

/** Time from pressing "sign in" to the person's home page showing, in a fresh browser each time. */
async function timeLogin(browser: Browser, portal: RunningPortal, javaScriptEnabled: boolean) {
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const context = await browser.newContext({ baseURL: portal.url, javaScriptEnabled, locale: "hr" });
    const page = await context.newPage();
    await page.goto("/login");
    if (javaScriptEnabled) await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized);
    await page.locator("#email").fill(roles.mentor.email);
    await page.locator("#password").fill(DEMO_PASSWORD);
    const started = performance.now();
    await page.locator("main form button[type=submit]").click();
    await page.waitForURL((url) => url.pathname === "/mentor/mentees" || url.pathname === "/mentor");
    await shown(page, () => document.querySelector("main h1") !== null);
    times.push(performance.now() - started);
    await context.close();
  }
  return { medianMs: median(times), runsMs: times.map(Math.round) };
}

/** Time from the query being in the box (typed, or typed and submitted) to its result count showing. */
async function timeSearch(browser: Browser, portal: RunningPortal, javaScriptEnabled: boolean, query: string) {
  const context = await browser.newContext({ baseURL: portal.url, javaScriptEnabled, locale: "hr" });
  const page = await context.newPage();
  await page.goto(`/placements?q=${encodeURIComponent(query)}`);
  const expected = (await page.locator("#results-title").innerText()).trim();
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    await page.goto("/placements");
    if (javaScriptEnabled) await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized);
    if ((await page.locator("#results-title").innerText()).trim() === expected) throw new Error(`"${query}" does not change the result count`);
    const started = performance.now();
    await page.locator("#q").fill(query);
    if (!javaScriptEnabled) {
      await page.locator("#q").press("Enter");
      await page.waitForURL(/[?&]q=/);
    }
    await shown(page, (text) => document.querySelector("#results-title")?.textContent?.trim() === text, expected);
    times.push(performance.now() - started);
  }
  await context.close();
  return { query, medianMs: median(times), runsMs: times.map(Math.round) };
}

let browser: Browser | undefined;
const { portal, stop } = await startDemoPortal("page-weight", async () => browser?.close());

const result: Record<string, unknown> = {
  label: label || undefined,
  commit: commitOfCheckout(),
  date: new Date().toISOString(),
  machine: { cpus: cpus().length },
  note: "bytes; gzip = as served (Accept-Encoding: gzip), raw = unpacked. js = every script the browser loads with the page (what the HTML preloads and imports, and their static imports; not the modules of other routes that Remix's inline manifest names). Anonymous pages asked in Croatian (Accept-Language: hr); signed-in pages in the account's language.",
};
try {
  const anonymous = { "Accept-Language": "hr" };
  const placementPath = await aPlacementPath(portal);
  const storyPath = await aStoryPath(portal);

  const pages: Record<string, unknown> = {};
  const record = async (key: string, path: string, headers: Record<string, string>) => {
    const { body: _, ...weight } = await pageWeight(portal, path, headers);
    pages[key] = { path, ...weight };
    console.log(`${key.padEnd(28)} html ${weight.html.gzip} / ${weight.html.raw}   js ${weight.js.gzip} / ${weight.js.raw} (${weight.js.files} files)`);
  };
  await record("/", "/", anonymous);
  await record("/placements", "/placements", anonymous);
  await record("/placements/<id>", placementPath, anonymous);
  await record("/stories", "/stories", anonymous);
  await record("/stories/<slug>", storyPath, anonymous);
  await record("/hr", "/hr", anonymous);
  await record("/login", "/login", anonymous);
  for (const [role, { email, pages: paths }] of Object.entries(roles)) {
    const cookie = await logIn(portal, email);
    for (const path of paths) await record(`${path} (${role})`, path, { Cookie: cookie });
    if (role === "mentee") {
      // An offer's own page (the placement, as she opens it from her offers) and a consent's page.
      await record("/placements/<id> (mentee)", placementPath, { Cookie: cookie });
      const consents = await get(`${portal.url}/me/consents`, { Cookie: cookie });
      const consentPath = consents.body.match(/href="(\/me\/consents\/[0-9a-f]{24})"/)?.[1];
      if (consentPath) await record("/me/consents/<id> (mentee)", consentPath, { Cookie: cookie });
      else console.log("no consent waiting for the demo mentee: /me/consents/<id> not measured");
    }
  }
  result.pages = pages;
  const budgetsMet = budgetReport(pages as Record<string, { js: Transfer }>);
  result.budgets = budgetsMet;
  for (const [group, report] of Object.entries(budgetsMet))
    for (const [key, { jsGzip, budget, within }] of Object.entries(report)) console.log(`${group.padEnd(7)} ${key.padEnd(28)} js ${String(jsGzip).padStart(6)} of ${budget}${within ? "" : "  OVER"}`);

  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  result.loginMs = { withJavaScript: await timeLogin(browser, portal, true), withoutJavaScript: await timeLogin(browser, portal, false) };
  result.searchMs = { withJavaScript: await timeSearch(browser, portal, true, "kuhinja"), withoutJavaScript: await timeSearch(browser, portal, false, "kuhinja") };
  console.log("login", JSON.stringify(result.loginMs), "\nsearch", JSON.stringify(result.searchMs));
  await browser.close();
  browser = undefined;
} finally {
  await stop();
}

mkdirSync("bench-results", { recursive: true });
const file = `bench-results/page-weight${label ? `-${label}` : ""}.json`;
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`written to ${file}`);
