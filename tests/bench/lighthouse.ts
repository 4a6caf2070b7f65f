// `npm run lighthouse [-- --runs 3] [-- --label after]`: Lighthouse 12 (mobile; performance and
// accessibility) on the built portal with the demo data: /, /placements, a placement page and
// /me/offers signed in as the demo mentee (issue 17), and the campaign's /stories, a story page and
// /hr (issue 15). Debian's Chromium (CHROME_PATH, else /usr/bin/chromium) through chrome-launcher:
// nothing downloads a browser. Each page is audited --runs times in a fresh browser; the run with the
// median performance score is reported, with every run's scores beside it, because Lighthouse's
// simulation follows what the machine observed. Writes bench-results/lighthouse[-label].json and
// prints a table. A benchmark, not a test: nothing here passes or fails on a number.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { launch } from "chrome-launcher";
import lighthouse, { type Flags } from "lighthouse";
import { aPlacementPath, aStoryPath, commitOfCheckout, demoLogins, logIn, startDemoPortal } from "./demo-portal.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg("runs", "3"));
const label = arg("label", "");
const chromePath = process.env.CHROME_PATH || "/usr/bin/chromium";
const categories = ["performance", "accessibility"] as const;
type Category = (typeof categories)[number];

interface Run {
  scores: Record<Category, number>;
  /** Audits that cost the category points: weighted, and below full marks (performance: below 0.9, Lighthouse's "passed"). */
  failing: Record<Category, string[]>;
  metricsMs: Record<string, number>;
  cumulativeLayoutShift: number;
}

async function audit(url: string, headers: Record<string, string>): Promise<Run> {
  const chrome = await launch({ chromePath, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  try {
    const flags: Flags = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...categories], formFactor: "mobile", extraHeaders: headers };
    const result = await lighthouse(url, flags);
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new LighthouseRuntimeError(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const finalUrl = new URL(lhr.finalDisplayedUrl);
    if (finalUrl.pathname !== new URL(url).pathname) throw new Error(`${url} ended at ${lhr.finalDisplayedUrl} (not signed in?)`);
    const score = (category: Category) => Math.round((lhr.categories[category].score ?? 0) * 100);
    const failing = (category: Category) =>
      lhr.categories[category].auditRefs.filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < (category === "accessibility" ? 1 : 0.9)).map((ref) => ref.id);
    const ms = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? Number.NaN);
    return {
      scores: { performance: score("performance"), accessibility: score("accessibility") },
      failing: { performance: failing("performance"), accessibility: failing("accessibility") },
      metricsMs: {
        firstContentfulPaint: ms("first-contentful-paint"),
        largestContentfulPaint: ms("largest-contentful-paint"),
        totalBlockingTime: ms("total-blocking-time"),
        speedIndex: ms("speed-index"),
      },
      cumulativeLayoutShift: lhr.audits["cumulative-layout-shift"]?.numericValue ?? Number.NaN,
    };
  } finally {
    chrome.kill();
  }
}

/** Lighthouse now and then fails to record a page load on a busy machine (NO_NAVSTART): that run is run again. */
async function auditRetrying(url: string, headers: Record<string, string>, attempts = 3): Promise<Run> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await audit(url, headers);
    } catch (error) {
      if (attempt >= attempts || !(error instanceof LighthouseRuntimeError)) throw error;
      console.log(`  again after ${error.message}`);
    }
  }
}

class LighthouseRuntimeError extends Error {}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const { portal, stop } = await startDemoPortal("lighthouse");
const pages: Record<string, unknown> = {};
const table: string[] = [];
try {
  const mentee = await logIn(portal, demoLogins.mentee);
  const audited: [string, string, Record<string, string>][] = [
    ["/", "/", {}],
    ["/placements", "/placements", {}],
    ["/placements/<id>", await aPlacementPath(portal), {}],
    ["/me/offers (mentee)", "/me/offers", { Cookie: mentee }],
    ["/stories", "/stories", {}],
    ["/stories/<slug>", await aStoryPath(portal), {}],
    ["/hr", "/hr", {}],
  ];
  for (const [key, path, headers] of audited) {
    const done: Run[] = [];
    for (let i = 0; i < runs; i++) done.push(await auditRetrying(`${portal.url}${path}`, { "Accept-Language": "hr", ...headers }));
    const performance = median(done.map((r) => r.scores.performance));
    const reported = done.find((r) => r.scores.performance === performance)!;
    const accessibility = median(done.map((r) => r.scores.accessibility));
    pages[key] = {
      path,
      performance,
      accessibility,
      runs: done.map((r) => r.scores),
      // The failing audits of the median run, and any other run's in addition.
      failing: Object.fromEntries(categories.map((c) => [c, [...new Set([...reported.failing[c], ...done.flatMap((r) => r.failing[c])])]])),
      metricsMs: reported.metricsMs,
      cumulativeLayoutShift: reported.cumulativeLayoutShift,
    };
    const runScores = done.map((r) => `${r.scores.performance}/${r.scores.accessibility}`).join(" ");
    const failing = [...new Set(done.flatMap((r) => [...r.failing.performance, ...r.failing.accessibility]))].join(", ");
    table.push(`${key.padEnd(22)} ${String(performance).padStart(11)} ${String(accessibility).padStart(13)}   ${runScores.padEnd(24)} ${failing}`);
    console.log(table.at(-1));
  }
} finally {
  await stop();
}

const result = {
  label: label || undefined,
  commit: commitOfCheckout(),
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, loadAverage1m: Math.round(loadavg()[0] * 100) / 100 },
  lighthouse: (await import("lighthouse/package.json", { with: { type: "json" } })).default.version,
  chromium: chromePath,
  note: `mobile form factor (Lighthouse's default: simulated slow 4G, 4x CPU slowdown); ${runs} runs per page in a fresh browser; performance is the median run's, accessibility the median of the runs; runs = every run's scores; failing = weighted audits below full marks (performance: below 0.9) in any run. Anonymous pages asked in Croatian.`,
  pages,
};
mkdirSync("bench-results", { recursive: true });
const file = `bench-results/lighthouse${label ? `-${label}` : ""}.json`;
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`\n${"page".padEnd(22)} performance accessibility   runs (perf/a11y)         failing audits\n${table.join("\n")}\nwritten to ${file}`);
