// `npm run bench:import [-- --placements 10000]`: imports a generated placement file (CSV) into
// real services, the way a coordinator's upload or `npm run import` does, and measures the check,
// the import, a repeated import and the time until every published placement is searchable.
// Writes bench-results/import-<N>.json. A benchmark, not a test: nothing passes or fails on a number.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { startServices } from "../../server/services/manager.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const count = Number(arg("placements", process.argv.includes("--large") ? "100000" : "10000"));

const dataDir = join(process.cwd(), ".data", `bench-import-${process.pid}`);
const services = await startServices({ dataDir, source: {} as NodeJS.ProcessEnv });
Object.assign(process.env, services.env, { MONGODB_URI: services.env.MONGODB_URI.replace(/\/[^/]*$/, "/bench"), LOG_REQUESTS: "false" });
process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

const { connectDatabase, disconnectDatabase } = await import("~/db/connection.server.ts");
const { ensureIndexes } = await import("~/models.server.ts");
const { importFile } = await import("~/import/import.server.ts");
const { toCsv } = await import("~/import/export.server.ts");
await import("../../server/outbox-handlers.ts");
const { runOutboxOnce } = await import("~/outbox/outbox.server.ts");
const { OutboxModel } = await import("~/outbox/model.server.ts");
const { PlacementModel } = await import("~/placements/model.server.ts");
const { searchIndexStats } = await import("~/placements/search-index.server.ts");
const { generatePlacements } = await import("../../seed/placements-generator.ts");

const coordinator = { _id: "0000000000000000000000be", role: "coordinator", approval: "approved", name: "Bench", email: "" } as never;
const organisations = [
  { key: "bench-hr", name: "Bench Zagreb", kind: "employer", town: "Zagreb", country: "HR" as const, verified: true },
  { key: "bench-si", name: "Bench Maribor", kind: "social_enterprise", town: "Maribor", country: "SI" as const, verified: true },
  { key: "bench-dk", name: "Bench Aarhus", kind: "employer", town: "Aarhus", country: "DK" as const, verified: true },
];

const result: Record<string, unknown> = { placements: count, date: new Date().toISOString(), machine: { cpus: (await import("node:os")).cpus().length } };
const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(2));
const step = (label: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${label}`);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

try {
  await connectDatabase();
  await ensureIndexes();
  await importFile(coordinator, new TextEncoder().encode(JSON.stringify({ organisations })), { dryRun: false });

  const rows = generatePlacements(count, organisations).map((p) => ({
    ...p,
    startDate: p.startDate ? p.startDate.toISOString().slice(0, 10) : null,
    durationWeeks: p.durationWeeks ?? null,
  }));
  const csv = new TextEncoder().encode(toCsv("placements", rows as never));
  result.fileMb = Number((csv.length / 1024 / 1024).toFixed(1));
  const published = rows.filter((r) => r.status === "published").length;

  step("dry run");
  let started = performance.now();
  const dry = await importFile(coordinator, csv, { dryRun: true, fileName: "placements.csv" });
  result.dryRunSeconds = seconds(started);

  step("import");
  started = performance.now();
  const real = await importFile(coordinator, csv, { dryRun: false, fileName: "placements.csv" });
  result.importSeconds = seconds(started);
  result.counts = real.counts;

  step("indexing");
  // What the outbox worker does in the running portal, here without its poll interval.
  const indexStarted = performance.now();
  while ((await OutboxModel.countDocuments({ kind: "placement-sync", status: "pending" })) > 0) await runOutboxOnce("bench", 50);
  result.searchableSeconds = { afterImport: seconds(indexStarted), total: seconds(started), documents: (await searchIndexStats()).numberOfDocuments, published };

  step("re-import");
  started = performance.now();
  const again = await importFile(coordinator, csv, { dryRun: false, fileName: "placements.csv" });
  result.reimportSeconds = seconds(started);
  result.reimportCounts = again.counts;

  step("update");
  const changed = rows.map((r, i) => (i % 100 === 0 ? { ...r, title: `${r.title} (new)` } : r));
  started = performance.now();
  const update = await importFile(coordinator, new TextEncoder().encode(toCsv("placements", changed as never)), { dryRun: false, fileName: "placements.csv" });
  result.updateEvery100thSeconds = seconds(started);
  result.updateCounts = update.counts;
  result.dryRunCounts = dry.counts;
  result.storedPlacements = await PlacementModel.countDocuments();
  result.peakRssMb = Math.round(peakRss / 1e6);
} finally {
  clearInterval(sampler);
  await disconnectDatabase().catch(() => {});
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

mkdirSync("bench-results", { recursive: true });
const file = `bench-results/import-${count}.json`;
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
console.log(`written to ${file}`);
