// `npm run bench [-- --placements 100000|demo] [-- --processes 2]`: loads N generated placements (or the
// demo data) into real services and measures search: each query alone, then the search page and the
// matches page under 10 connections beside raw Meilisearch answering the same queries in the same run,
// with one portal process and (--processes N) with N. Writes bench-results/placements-<N>.json. A
// benchmark, not a test: nothing here passes or fails on a number.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { startServices } from "../../server/services/manager.ts";
import { startPortal } from "../support/portal.ts";
import { upsertBenchOrganisations } from "./bench-organisations.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const demo = arg("placements", "") === "demo";
const count = demo ? 0 : Number(arg("placements", process.argv.includes("--large") ? "100000" : "10000"));
const processCounts = [...new Set([1, Number(arg("processes", "1"))])];
const repetitions = Number(arg("repetitions", "30"));
const loadSeconds = Number(arg("seconds", "10"));

const dataDir = join(process.cwd(), ".data", `bench-${process.pid}`);
const services = await startServices({ dataDir, source: {} as NodeJS.ProcessEnv });

Object.assign(process.env, services.env, { MONGODB_URI: services.env.MONGODB_URI.replace(/\/[^/]*$/, "/bench"), LOG_REQUESTS: "false" });
process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

const { connectDatabase, disconnectDatabase } = await import("~/db/connection.server.ts");
const { ensureIndexes } = await import("~/models.server.ts");
const { rebuildPlacementIndex } = await import("~/placements/search-index.server.ts");
const { indexSearchRequest } = await import("~/placements/search.server.ts");
const { searchQuerySchema, searchParamsToObject } = await import("~/placements/schema.server.ts");
const { placementIndexName } = await import("~/placements/search-index.server.ts");
const { getSearchClient } = await import("~/search/client.server.ts");
const { generatePlacements, insertPlacements } = await import("../../seed/placements-generator.ts");

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
}

const queries = [
  "q=kuhinja",
  "q=kitchn",
  "q=skladiste&town=Zagreb&radius=50",
  "q=lager&support=onsite_buddy&support=gradual_start",
  "kind=work_trial&kind=practicum&maxHours=20",
  "town=Maribor&radius=20&sort=distance",
  "q=pekar&sort=start",
  "sector=hospitality&readiness=activity_ready&language=da",
];

const CONNECTIONS = 10;
const WARM_UP_SECONDS = 3;
const share = (part: number, whole: number) => (whole > 0 ? Number((part / whole).toFixed(3)) : 0);

/** CPU time (ms) of a process and its children (the workers of a cluster), from /proc. */
function cpuMsOfTree(pid: number): number {
  const stat = (id: string) => {
    try {
      return readFileSync(`/proc/${id}/stat`, "utf8").split(") ")[1].split(" ");
    } catch {
      return undefined;
    }
  };
  const ticksPerSecond = 100;
  let total = 0;
  for (const id of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    const fields = stat(id);
    if (!fields || (id !== String(pid) && fields[1] !== String(pid))) continue;
    total += ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  }
  return total;
}

/**
 * `CONNECTIONS` clients asking one request again and again for `loadSeconds`: requests per second, p50 and
 * p95 from every response's time, and (for the portal, given its pid) the CPU time it spent per request.
 */
async function underLoad(request: { url: string; method?: "GET" | "POST"; headers?: Record<string, string>; body?: string }, pid?: number) {
  // Warmed first: a fresh process (or worker) compiles its hot code during its first requests.
  await autocannon({ ...request, connections: CONNECTIONS, duration: WARM_UP_SECONDS });
  const latencies: number[] = [];
  const cpuBefore = pid ? cpuMsOfTree(pid) : 0;
  // The run is also an event emitter (its types say only Promise): each response reports its time.
  const instance = autocannon({ ...request, connections: CONNECTIONS, duration: loadSeconds }) as ReturnType<typeof autocannon> & {
    on(event: "response", listener: (client: unknown, status: number, bytes: number, responseTime: number) => void): void;
  };
  instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const run = await instance;
  const cpuMs = pid ? cpuMsOfTree(pid) - cpuBefore : 0;
  if (run.errors || run.non2xx) console.error(`load on ${request.url}: ${run.errors} errors, ${run.non2xx} non-2xx`);
  return {
    requestsPerSecond: Math.round(run.requests.average),
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    ...(pid ? { serverCpuMsPerRequest: Number((cpuMs / Math.max(1, run.requests.total)).toFixed(2)) } : {}),
    non2xx: run.non2xx,
    errors: run.errors,
  };
}

const result: Record<string, unknown> = { placements: count, date: new Date().toISOString(), machine: { cpus: (await import("node:os")).cpus().length } };
let portal: Awaited<ReturnType<typeof startPortal>> | undefined;
// Ctrl-C stops the portal and the services this run started, not only the run.
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    void Promise.allSettled([portal?.stop(), services.stop()]).finally(() => process.exit(130));
  });
try {
  await connectDatabase();
  await ensureIndexes();
  if (demo) {
    const { seedDemoData } = await import("../../seed/demo.ts");
    let started = performance.now();
    await seedDemoData();
    result.databaseInsert = { placements: "demo", seconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
    started = performance.now();
    const indexed = await rebuildPlacementIndex();
    result.bulkIndex = { documents: indexed.documents, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
  } else {
    const { organisations, ids } = await upsertBenchOrganisations();

    let started = performance.now();
    const inserted = await insertPlacements(generatePlacements(count, organisations, 7), ids, { intoEmptyCollection: true, batchSize: 2000 });
    result.databaseInsert = { placements: inserted, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) };

    started = performance.now();
    const indexed = await rebuildPlacementIndex({ batchSize: 10_000 });
    result.bulkIndex = { documents: indexed.documents, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
    console.log(`indexed ${indexed.documents} documents in ${result.bulkIndex && (result.bulkIndex as { seconds: number }).seconds} s`);
  }

  const index = getSearchClient().index(placementIndexName());
  const raw: Record<string, { p50: number; p95: number; meiliProcessingP50: number }> = {};
  for (const q of queries) {
    const request = indexSearchRequest(searchQuerySchema.parse(searchParamsToObject(new URLSearchParams(q))));
    const times: number[] = [];
    const processing: number[] = [];
    for (let i = 0; i < repetitions; i++) {
      const t = performance.now();
      const response = await index.search(request.q, request.options);
      times.push(performance.now() - t);
      processing.push(response.processingTimeMs);
    }
    raw[q] = { p50: percentile(times, 50), p95: percentile(times, 95), meiliProcessingP50: percentile(processing, 50) };
  }
  result.rawSearchMs = raw;

  const portalEnv = { ...services.env, MONGODB_URI: process.env.MONGODB_URI!, NODE_ENV: "production", DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY } as Record<string, string>;
  portal = await startPortal(portalEnv);
  const endToEnd: Record<string, { p50: number; p95: number; ratioToRawP50: number }> = {};
  for (const q of queries) {
    const times: number[] = [];
    for (let i = 0; i < repetitions; i++) {
      const t = performance.now();
      const response = await fetch(`${portal.url}/placements?${q}`);
      await response.text();
      if (response.status !== 200) throw new Error(`/placements?${q} answered ${response.status}`);
      times.push(performance.now() - t);
    }
    const p50 = percentile(times, 50);
    endToEnd[q] = { p50, p95: percentile(times, 95), ratioToRawP50: Number((p50 / raw[q].p50).toFixed(1)) };
  }
  result.endToEndMs = endToEnd;

  // The mentor's matches page for one mentee: end to end, and the raw multi-search it makes (the
  // ranking and the relaxations' counts, as the page sends them).
  const { UserModel } = await import("~/accounts/model.server.ts");
  const { hashPassword } = await import("~/accounts/password.server.ts");
  const { createMentee, getMenteePlan } = await import("~/mentees/mentees.server.ts");
  const { menteeFormSchema } = await import("~/mentees/schema.server.ts");
  const { matchesPageSearch } = await import("~/matching/matching.server.ts");
  const mentorEmail = `bench-mentor-${Date.now()}@example.test`;
  const mentorUser = await UserModel.create({ email: mentorEmail, name: "Bench mentor", role: "mentor", approval: "approved", passwordHash: await hashPassword("bench password 123"), emailConfirmedAt: new Date() });
  const mentor = mentorUser.toObject();
  const created = await createMentee(
    mentor,
    menteeFormSchema.parse({ firstName: "Bench", language: "hr", readiness: "activity_ready", interests: "kuhanje, pečenje, skladište", skills: "pakiranje", languages: ["hr"], town: "Zagreb", country: "HR", travelKm: "40", hoursMin: "8", hoursMax: "30", supportNeeded: ["onsite_buddy"] }),
  );
  if (!created.ok) throw new Error("bench mentee not created");
  const plan = await getMenteePlan(mentor, created.id);
  const rawMatches: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const t = performance.now();
    await getSearchClient().multiSearch({ queries: matchesPageSearch(plan).queries });
    rawMatches.push(performance.now() - t);
  }
  const login = await fetch(`${portal.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: portal.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: mentorEmail, password: "bench password 123" }),
  });
  const cookie = login.headers.get("set-cookie")!.split(";")[0];
  const pageMatches: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const t = performance.now();
    const response = await fetch(`${portal.url}/mentor/mentees/${created.id}/matches`, { headers: { Cookie: cookie } });
    await response.text();
    if (response.status !== 200) throw new Error(`matches page answered ${response.status}`);
    pageMatches.push(performance.now() - t);
  }
  result.matchesPage = {
    rawMultiSearchMs: { p50: percentile(rawMatches, 50), p95: percentile(rawMatches, 95) },
    endToEndMs: { p50: percentile(pageMatches, 50), p95: percentile(pageMatches, 95) },
    ratioToRawP50: Number((percentile(pageMatches, 50) / percentile(rawMatches, 50)).toFixed(1)),
  };

  const some = await index.search("", { limit: 1 });
  const detailPath = `/placements/${(some.hits[0] as { id: string }).id}`;
  const matchesPath = `/mentor/mentees/${created.id}/matches`;
  const searchQuery = "q=kuhinja";
  const searchRequest = indexSearchRequest(searchQuerySchema.parse(searchParamsToObject(new URLSearchParams(searchQuery))));
  const meiliHeaders = { "content-type": "application/json", authorization: `Bearer ${services.env.MEILI_MASTER_KEY}` };
  const rawSearch = { url: `${services.env.MEILI_HOST}/indexes/${placementIndexName()}/search`, method: "POST" as const, headers: meiliHeaders, body: JSON.stringify({ q: searchRequest.q, ...searchRequest.options }) };
  const rawMultiSearch = { url: `${services.env.MEILI_HOST}/multi-search`, method: "POST" as const, headers: meiliHeaders, body: JSON.stringify({ queries: matchesPageSearch(plan).queries }) };

  const throughput: Record<string, unknown>[] = [];
  for (const processes of processCounts) {
    if (processes > 1) {
      await portal.stop();
      portal = await startPortal(portalEnv, { processes });
    }
    const url = portal.url;
    // Raw and portal one after the other, so that both meet the machine as it is in that minute.
    const rawSearchLoad = await underLoad(rawSearch);
    const searchPage = await underLoad({ url: `${url}/placements?${searchQuery}` }, portal.pid);
    const rawMultiLoad = await underLoad(rawMultiSearch);
    const matchesPage = await underLoad({ url: `${url}${matchesPath}`, headers: { cookie } }, portal.pid);
    const detailPage = await underLoad({ url: `${url}${detailPath}` }, portal.pid);
    throughput.push({
      processes,
      rawSearch: rawSearchLoad,
      searchPage: {
        path: `/placements?${searchQuery}`,
        ...searchPage,
        shareOfRawThroughput: share(searchPage.requestsPerSecond, rawSearchLoad.requestsPerSecond),
        goalShare: 0.2,
        p95OverRawMs: Number((searchPage.p95Ms - rawSearchLoad.p95Ms).toFixed(1)),
        goalP95OverRawMs: 15,
      },
      rawMultiSearch: rawMultiLoad,
      matchesPage: {
        ...matchesPage,
        shareOfSearchPageThroughput: share(matchesPage.requestsPerSecond, searchPage.requestsPerSecond),
        goalShare: 0.6,
        goalP95Ms: Number((1.5 * rawMultiLoad.p95Ms + 20).toFixed(1)),
      },
      detailPage: { path: detailPath, ...detailPage },
    });
  }
  result.underLoad = { connections: CONNECTIONS, seconds: loadSeconds, runs: throughput };
  result.benchProcessRssMb = Math.round(process.memoryUsage().rss / 1e6);
} finally {
  await portal?.stop();
  await disconnectDatabase().catch(() => {});
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

mkdirSync("bench-results", { recursive: true });
const file = `bench-results/placements-${demo ? "demo" : count}${processCounts.length > 1 ? `-processes-${processCounts.at(-1)}` : ""}.json`;
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
console.log(`written to ${file}`);
