// `npm run bench:page-weight [-- --label before] [-- --lighthouse]`: what a page costs a browser.
// Runs the built portal (production, demo seed) and measures, per page, the HTML and every
// script the HTML loads (the /build/*.js it names), as served with gzip and unpacked; then, in
// Chromium, how long signing in and a search take with and without JavaScript. With
// --lighthouse also Lighthouse 12 (mobile, performance and accessibility; the median of --lighthouse-runs, 3) for /,
// /placements, a placement page, /stories, a story page and /hr (through npx, which downloads it the first time). Writes bench-results/page-weight[-label].json.
// A benchmark, not a test: nothing here passes or fails on a number.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { chromium, type Browser, type Page } from "@playwright/test";
import { startServices } from "../../server/services/manager.ts";
import { startPortal, type RunningPortal } from "../support/portal.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const label = arg("label", "");
const repetitions = Number(arg("repetitions", "7"));
const withLighthouse = process.argv.includes("--lighthouse");
const lighthouseRuns = Number(arg("lighthouse-runs", "3"));

const DEMO_PASSWORD = "demo-placements-2026";
const roles = {
  employer: { email: "employer.hr@demo.placements.test", pages: ["/employer/placements"] },
  mentor: { email: "mentor.hr@demo.placements.test", pages: ["/mentor/mentees"] },
  mentee: { email: "mentee@demo.placements.test", pages: ["/me", "/me/offers", "/me/consents", "/me/checkins", "/me/stories", "/me/data"] },
  coordinator: { email: "coordinator@demo.placements.test", pages: ["/coordinator/placements"] },
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

async function logIn(portal: RunningPortal, email: string): Promise<string> {
  const response = await fetch(`${portal.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: portal.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("portal_session="));
  if (response.status !== 302 || !session) throw new Error(`could not sign in as ${email}: ${response.status}`);
  return session.split(";")[0];
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
  let response = scriptCache.get(path);
  if (!response) {
    response = await get(`${portal.url}${path}`);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    scriptCache.set(path, response);
  }
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

function lighthouseOnce(url: string) {
  const output = execFileSync(
    "npx",
    [
      "-y",
      "lighthouse@12",
      url,
      "--only-categories=performance,accessibility",
      "--form-factor=mobile",
      "--output=json",
      "--quiet",
      `--chrome-path=${process.env.CHROME_PATH || "/usr/bin/chromium"}`,
      "--chrome-flags=--headless --no-sandbox --disable-gpu",
    ],
    { maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
  );
  const report = JSON.parse(output) as {
    categories: Record<"performance" | "accessibility", { score: number; auditRefs: { id: string; weight: number }[] }>;
    audits: Record<string, { score: number | null; numericValue?: number }>;
  };
  const ms = (audit: string) => Math.round(report.audits[audit]?.numericValue ?? NaN);
  // The weighted audits that cost points, to say what to fix.
  const failing = (category: "performance" | "accessibility") =>
    report.categories[category].auditRefs.filter((ref) => ref.weight > 0 && (report.audits[ref.id]?.score ?? 1) < (category === "accessibility" ? 1 : 0.9)).map((ref) => ref.id);
  return {
    score: Math.round(report.categories.performance.score * 100),
    accessibility: Math.round(report.categories.accessibility.score * 100),
    firstContentfulPaintMs: ms("first-contentful-paint"),
    largestContentfulPaintMs: ms("largest-contentful-paint"),
    totalBlockingTimeMs: ms("total-blocking-time"),
    cumulativeLayoutShift: report.audits["cumulative-layout-shift"]?.numericValue ?? NaN,
    speedIndexMs: ms("speed-index"),
    failing: { performance: failing("performance"), accessibility: failing("accessibility") },
  };
}

/** Lighthouse varies from run to run: the run with the median score, and every run's score. */
function lighthouse(url: string) {
  const runs = Array.from({ length: lighthouseRuns }, () => lighthouseOnce(url)).sort((a, b) => a.score - b.score);
  return { ...runs[Math.floor(runs.length / 2)], scores: runs.map((r) => r.score), accessibilityScores: runs.map((r) => r.accessibility) };
}

const dataDir = join(process.cwd(), ".data", `bench-weight-${process.pid}`);
const services = await startServices({ dataDir, source: {} as NodeJS.ProcessEnv });
let portal: RunningPortal | undefined;
let browser: Browser | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    void Promise.allSettled([browser?.close(), portal?.stop(), services.stop()]).finally(() => process.exit(130));
  });

const result: Record<string, unknown> = {
  label: label || undefined,
  commit: (() => {
    try {
      return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return "unknown (not a git checkout)";
    }
  })(),
  date: new Date().toISOString(),
  machine: { cpus: (await import("node:os")).cpus().length },
  note: "bytes; gzip = as served (Accept-Encoding: gzip), raw = unpacked. js = every script the browser loads with the page (what the HTML preloads and imports, and their static imports; not the modules of other routes that Remix's inline manifest names). Anonymous pages asked in Croatian (Accept-Language: hr); signed-in pages in the account's language.",
};
try {
  const env = Object.fromEntries(Object.entries(services.env).filter(([, v]) => v)) as Record<string, string>;
  const uri = new URL(env.MONGODB_URI);
  uri.pathname = "/page_weight";
  portal = await startPortal(
    { ...env, MONGODB_URI: uri.toString(), NODE_ENV: "production", PASSWORD_HASH_COST: "8", DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64") },
    { seed: true, startTimeoutMs: 180_000 },
  );

  const anonymous = { "Accept-Language": "hr" };
  const search = await get(`${portal.url}/placements`, anonymous);
  const placementPath = search.body.match(/href="(\/placements\/[0-9a-f]{24})/)?.[1];
  if (!placementPath) throw new Error("no placement link on /placements");
  // The demo's stories reach the search index through the outbox, a moment after the start.
  let storyPaths: string[] = [];
  for (const deadline = Date.now() + 120_000; storyPaths.length === 0 && Date.now() < deadline; ) {
    const stories = await get(`${portal.url}/stories`, anonymous);
    storyPaths = [...new Set([...stories.body.matchAll(/href="(\/stories\/[a-z0-9-]+)"/g)].map((m) => m[1]))];
    if (storyPaths.length === 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // The story page with a photo when there is one: the heaviest kind.
  let storyPath = storyPaths[0];
  for (const path of storyPaths) if ((await get(`${portal.url}${path}`, anonymous)).body.includes("<img")) storyPath = path;
  if (!storyPath) throw new Error("no story link on /stories");

  const pages: Record<string, unknown> = {};
  const record = async (key: string, path: string, headers: Record<string, string>) => {
    const { body: _, ...weight } = await pageWeight(portal!, path, headers);
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
  result.budgets = budgetReport(pages as Record<string, { js: Transfer }>);
  console.log(JSON.stringify(result.budgets, null, 2));

  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  result.loginMs = { withJavaScript: await timeLogin(browser, portal, true), withoutJavaScript: await timeLogin(browser, portal, false) };
  result.searchMs = { withJavaScript: await timeSearch(browser, portal, true, "kuhinja"), withoutJavaScript: await timeSearch(browser, portal, false, "kuhinja") };
  console.log("login", JSON.stringify(result.loginMs), "\nsearch", JSON.stringify(result.searchMs));
  await browser.close();
  browser = undefined;

  if (withLighthouse) {
    const audits: Record<string, unknown> = {};
    const audited: [string, string][] = [["/", "/"], ["/placements", "/placements"], ["/placements/<id>", placementPath], ["/stories", "/stories"], ["/stories/<slug>", storyPath], ["/hr", "/hr"]];
    for (const [key, path] of audited) {
      audits[key] = lighthouse(`${portal.url}${path}`);
      console.log(key, JSON.stringify(audits[key]));
    }
    result.lighthouseMobile = audits;
  }
} finally {
  await browser?.close();
  await portal?.stop();
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

mkdirSync("bench-results", { recursive: true });
const file = `bench-results/page-weight${label ? `-${label}` : ""}.json`;
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`written to ${file}`);
