// `node --import tsx tests/bench/matches-queries.bench.ts [--placements 10000|100000] [--keep] [--only a,b]`: what
// each query of the matches page's multi-search costs Meilisearch, sent alone, now and as it was before
// decision 021's fourth pass, and what the parts of its filter cost,
// on the same generated data and mentee as `npm run bench:search`. Sequential: Meilisearch's own
// processing time and the answer's size; under 10 connections: requests/s. `--keep` keeps the data
// in .data/matches-queries-<N> so that a second run skips inserting and indexing. Writes
// bench-results/matches-queries-<N>.json. A benchmark, not a test.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import type { MultiSearchQuery } from "meilisearch";
import { startServices } from "../../server/services/manager.ts";
import { upsertBenchOrganisations } from "./bench-organisations.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const count = Number(arg("placements", "10000"));
const keep = process.argv.includes("--keep");
const loadSeconds = Number(arg("seconds", "3"));
const repetitions = Number(arg("repetitions", "20"));
const only = arg("only", "");

const dataDir = join(process.cwd(), ".data", keep ? `matches-queries-${count}` : `matches-queries-${process.pid}`);
const planFile = join(dataDir, "plan.json");
const keyFile = join(dataDir, "encryption-key");
const fresh = !existsSync(planFile);
const services = await startServices({ dataDir, source: {} as NodeJS.ProcessEnv });
Object.assign(process.env, services.env, { MONGODB_URI: services.env.MONGODB_URI.replace(/\/[^/]*$/, "/bench"), LOG_REQUESTS: "false" });
if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString("base64"));
process.env.DATA_ENCRYPTION_KEY = readFileSync(keyFile, "utf8");

const { placementIndexName } = await import("~/placements/search-index.server.ts");
const { matchesPageSearch, matchQueries, planFilters } = await import("~/matching/matching.server.ts");
type Plan = Parameters<typeof matchQueries>[0];

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
}

async function preparedPlan(): Promise<Plan> {
  if (!fresh) return JSON.parse(readFileSync(planFile, "utf8")) as Plan;
  const { connectDatabase, disconnectDatabase } = await import("~/db/connection.server.ts");
  const { ensureIndexes } = await import("~/models.server.ts");
  const { rebuildPlacementIndex } = await import("~/placements/search-index.server.ts");
  const { generatePlacements, insertPlacements } = await import("../../seed/placements-generator.ts");
  const { UserModel } = await import("~/accounts/model.server.ts");
  const { createMentee, getMenteePlan } = await import("~/mentees/mentees.server.ts");
  const { menteeFormSchema } = await import("~/mentees/schema.server.ts");
  await connectDatabase();
  await ensureIndexes();
  // The same organisations, placements (seed 7) and mentee as tests/bench/placements.bench.ts.
  const { organisations, ids } = await upsertBenchOrganisations();
  await insertPlacements(generatePlacements(count, organisations, 7), ids, { intoEmptyCollection: true, batchSize: 2000 });
  const indexed = await rebuildPlacementIndex({ batchSize: 10_000 });
  console.log(`indexed ${indexed.documents} documents`);
  const mentor = (await UserModel.create({ email: `bench-mentor-${Date.now()}@example.test`, name: "Bench mentor", role: "mentor", approval: "approved", passwordHash: "x", emailConfirmedAt: new Date() })).toObject();
  const created = await createMentee(
    mentor,
    menteeFormSchema.parse({ firstName: "Bench", language: "hr", readiness: "activity_ready", interests: "kuhanje, pečenje, skladište", skills: "pakiranje", languages: ["hr"], town: "Zagreb", country: "HR", travelKm: "40", hoursMin: "8", hoursMax: "30", supportNeeded: ["onsite_buddy"] }),
  );
  if (!created.ok) throw new Error("bench mentee not created");
  const plan = await getMenteePlan(mentor, created.id);
  await disconnectDatabase();
  writeFileSync(planFile, JSON.stringify(plan));
  return plan;
}

const headers = { "content-type": "application/json", authorization: `Bearer ${services.env.MEILI_MASTER_KEY}`, "accept-encoding": "identity" };
const multiSearchUrl = `${services.env.MEILI_HOST}/multi-search`;

async function measure(name: string, queries: MultiSearchQuery[], fetchDocuments?: { ids: string[]; fields: string[] }) {
  const url = fetchDocuments ? `${services.env.MEILI_HOST}/indexes/${placementIndexName()}/documents/fetch` : multiSearchUrl;
  const body = JSON.stringify(fetchDocuments ? { ...fetchDocuments, limit: fetchDocuments.ids.length } : { queries });
  const wall: number[] = [];
  const processing: number[] = [];
  let bytes = 0;
  let hits = 0;
  for (let i = 0; i < repetitions; i++) {
    const t = performance.now();
    const response = await fetch(url, { method: "POST", headers, body });
    const text = await response.text();
    wall.push(performance.now() - t);
    if (!response.ok) throw new Error(`${name}: ${response.status} ${text}`);
    const parsed = JSON.parse(text) as { results?: { processingTimeMs: number; hits: unknown[] }[]; results_?: never };
    const results = fetchDocuments ? [{ processingTimeMs: 0, hits: parsed.results as unknown[] }] : parsed.results!;
    processing.push(results.reduce((sum, r) => sum + r.processingTimeMs, 0));
    bytes = text.length;
    hits = results.reduce((sum, r) => sum + r.hits.length, 0);
  }
  const run = await autocannon({ url, method: "POST", headers, body, connections: 10, duration: loadSeconds });
  const row = {
    name,
    queries: queries.length,
    processingMsP50: percentile(processing, 50),
    wallMsP50: percentile(wall, 50),
    answerKb: Number((bytes / 1024).toFixed(1)),
    hits,
    requestsPerSecondAt10: Math.round(run.requests.average),
    p95At10: run.latency.p97_5,
  };
  console.log(JSON.stringify(row));
  return row;
}

const rows: unknown[] = [];
try {
  const plan = await preparedPlan();
  const page = matchesPageSearch(plan).queries;
  const ranking = matchQueries(plan);
  const termCount = ranking.length - 2;
  const circle = planFilters(plan);
  const isDistance = (filter: string) => filter.startsWith("_geoRadius") || filter.startsWith("_geoBoundingBox");
  const box = (ranking[0].filter as string[]).find(isDistance)!;
  const radius = circle.find(isDistance)!;
  // The request as it was before (decision 021, fourth pass): every query with the circle, 60 per
  // query, all that fit counted by the first, and the shown fields with every hit.
  const before = ["id", "title", "language", "kind", "sector", "town", "_geo", "hoursMin", "hoursMax", "languages", "support", "organisationName", "publishedAt", "concepts"];
  const withCircle = (query: MultiSearchQuery) => ({ ...query, filter: (query.filter as string[]).map((f) => (f === box ? radius : f)) });
  const rankingBefore = ranking.map((query, i) => ({ ...withCircle(query), attributesToRetrieve: before, ...(i === 0 ? { limit: undefined, page: 1, hitsPerPage: 60 } : { limit: 60 }) }));
  const pageBefore = [...rankingBefore, ...page.slice(ranking.length).filter((query) => JSON.stringify(query.filter) !== JSON.stringify(circle))];
  const named = (queries: MultiSearchQuery[], label: string) =>
    queries.map((query, i): [string, MultiSearchQuery[]] => {
      if (i === 0) return [`${label}: all that fit, nearest first`, [query]];
      if (i <= termCount) return [`${label}: term "${query.q}"`, [query]];
      if (i === termCount + 1) return [`${label}: concepts`, [query]];
      return [`${label}: count ${i - termCount - 1}: ${(query.filter as string[]).join(" AND ").slice(0, 80)}`, [query]];
    });
  const ids = ["id"];
  const shownFields = ["id", "title", "language", "town", "organisationName", "publishedAt"];
  const answer = (await (await fetch(multiSearchUrl, { method: "POST", headers, body: JSON.stringify({ queries: ranking }) })).json()) as { results: { hits: { id: string }[] }[] };
  const candidates = [...new Set(answer.results.flatMap((r) => r.hits.map((h) => h.id)))];
  const indexUid = placementIndexName();
  const variants: [string, MultiSearchQuery[], { ids: string[]; fields: string[] }?][] = [
    ["before: whole page request", pageBefore],
    ["now: whole page request", page],
    ["before: ranking", rankingBefore],
    ["now: ranking", ranking],
    ["now: counts", page.slice(ranking.length)],
    ...named(pageBefore, "before"),
    ...named(page, "now"),
    ["now: fetch 30 shown by id", [], { ids: candidates.slice(0, 30), fields: shownFields }],
    ["now: ranking, ids only", ranking.map((q) => ({ ...q, attributesToRetrieve: ids }))],
    ["now: terms without any filter, ids only", ranking.slice(1, termCount + 1).map((q) => ({ ...q, filter: undefined, attributesToRetrieve: ids }))],
    ["filter: the plan's, limit 0", [{ indexUid, q: "", filter: circle, limit: 0 }]],
    ["filter: the plan's without the distance, limit 0", [{ indexUid, q: "", filter: circle.filter((f) => !isDistance(f)), limit: 0 }]],
    ["filter: _geoRadius alone, limit 0", [{ indexUid, q: "", filter: [radius], limit: 0 }]],
    ["filter: _geoBoundingBox alone, limit 0", [{ indexUid, q: "", filter: [box], limit: 0 }]],
  ];
  for (const [name, queries, byId] of variants) if (!only || only.split(",").some((part) => name.includes(part))) rows.push(await measure(name, queries, byId));
  mkdirSync("bench-results", { recursive: true });
  writeFileSync(`bench-results/matches-queries-${count}.json`, `${JSON.stringify({ placements: count, date: new Date().toISOString(), plan: { interests: plan.interests, skills: plan.skills }, rows }, null, 2)}\n`);
} finally {
  await services.stop();
  if (!keep) rmSync(dataDir, { recursive: true, force: true });
}
