// `npm run bench:import-limits` (also part of `npm run bench`; needs `npm run build` first): checks
// ("Check the file", a dry run) the largest files of the worst shapes we know against the real
// portal process, and measures for each the wall time, the portal's peak memory, the size of the
// answer and what other requests see meanwhile (latency of GET /healthz sent every 25 ms during the
// check). Writes bench-results/import-limits.json. A benchmark, not a test: nothing here passes or
// fails on a number.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { startServices } from "../../server/services/manager.ts";
import { postForm, startPortal } from "../support/portal.ts";

const dataDir = join(process.cwd(), ".data", `bench-limits-${process.pid}`);
const services = await startServices({ dataDir, source: {} as NodeJS.ProcessEnv });
Object.assign(process.env, services.env, { MONGODB_URI: services.env.MONGODB_URI.replace(/\/[^/]*$/, "/bench_limits"), LOG_REQUESTS: "false" });
process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

const { toCsv } = await import("~/import/export.server.ts");
const { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } = await import("~/import/read-file.server.ts");
const { generatePlacements } = await import("../../seed/placements-generator.ts");

const ROWS = IMPORT_MAX_ROWS;
// The upload's own fields and boundaries must fit beside the file.
const FILE_BYTES = IMPORT_MAX_BYTES - 200 * 1024;
const organisations = [
  { key: "pekara-zrno", country: "HR" as const },
  { key: "gostilna-pri-lipi", country: "SI" as const },
  { key: "cafe-gellerup", country: "DK" as const },
];
const dated = (p: ReturnType<typeof generatePlacements>[number]) => ({ ...p, startDate: p.startDate ? p.startDate.toISOString().slice(0, 10) : null, durationWeeks: p.durationWeeks ?? null });

/** `count` rows made by `line`, the first `key` padded so that the file is about FILE_BYTES. */
function padded(header: string, count: number, line: (i: number, padding: string) => string) {
  const spare = Math.floor(FILE_BYTES / count) - Buffer.byteLength(line(0, "")) - 1;
  const padding = "x".repeat(Math.max(0, spare));
  return [header, ...Array.from({ length: count }, (_, i) => line(i, padding))].join("\n");
}

/** Generated valid placements: the largest number of rows, or as many as fit in the largest file. */
function validPlacements() {
  const rows = generatePlacements(ROWS, organisations).map(dated);
  for (let count = rows.length; ; count = Math.floor(count * 0.95)) {
    const csv = toCsv("placements", rows.slice(0, count) as never);
    if (Buffer.byteLength(csv) <= FILE_BYTES) return csv;
  }
}

function repeatedKeysLarge() {
  const one = dated(generatePlacements(1, organisations)[0]!);
  const header = "key,organisation,title,description,language,kind,sector,town,country,hoursMin,hoursMax,readiness,physicalDemands,status";
  return padded(header, ROWS, (_, padding) => `same,pekara-zrno,${one.title},"${one.description} ${padding}",${one.language},${one.kind},${one.sector},Varaždin,HR,10,20,${one.readiness},${one.physicalDemands},draft`);
}

function everyCellWrong() {
  const header = "key,organisation,title,description,language,kind,sector,town,country,hoursMin,hoursMax,scheduleFlexibility,readiness,physicalDemands,status,languages,support";
  return padded(header, ROWS, (i, padding) => `bad-${i},nowhere,T${padding},<short>,klingon,apprenticeship-of-sorts,space-mining,Atlantis,XX,many,lots,whenever,eager,extreme,floating,"tlh; qya","jetpack; cape"`);
}

function jsonUnknownFields() {
  const entry = (i: number, padding: string) => JSON.stringify({ key: `j-${i}`, title: padding, language: "klingon", hoursMin: "many", ...Object.fromEntries(Array.from({ length: 30 }, (_, f) => [`u${f}`, f])) });
  const spare = Math.floor(FILE_BYTES / ROWS) - entry(0, "").length - 1;
  const padding = "x".repeat(Math.max(0, spare));
  return `{"placements":[${Array.from({ length: ROWS }, (_, i) => entry(i, padding)).join(",")}]}`;
}

interface Shape {
  name: string;
  about: string;
  who: "coordinator" | "employer";
  fileName: string;
  kind?: string;
  make: () => string;
}

const shapes: Shape[] = [
  { name: "repeated-key-100kb-employer", about: "the attacker's file: header key and 50 000 lines of one key, as an employer", who: "employer", fileName: "keys.csv", make: () => `key\n${"same\n".repeat(ROWS)}` },
  { name: "repeated-key-100kb", about: "the same file as a coordinator", who: "coordinator", fileName: "keys.csv", kind: "placements", make: () => `key\n${"same\n".repeat(ROWS)}` },
  { name: "repeated-key-20mb", about: "50 000 valid placement rows of one key, 20 MB", who: "coordinator", fileName: "same-key.csv", make: repeatedKeysLarge },
  { name: "every-cell-wrong-20mb", about: "50 000 rows, each refused for about 15 reasons, 20 MB", who: "coordinator", fileName: "wrong.csv", make: everyCellWrong },
  { name: "json-unknown-fields-20mb", about: "50 000 JSON entries with 30 unknown fields and wrong values each, 20 MB", who: "coordinator", fileName: "unknown.json", make: jsonUnknownFields },
  { name: "huge-cell-20mb", about: "one placement whose description is one 20 MB cell", who: "coordinator", fileName: "huge.csv", make: () => `key,title,description\nhuge,Title,${"y".repeat(FILE_BYTES - 40)}` },
  { name: "huge-list-cell-20mb", about: "one placement whose skills cell is 20 MB of separators", who: "coordinator", fileName: "skills.csv", make: () => `key,title,skills\nhuge,Title,"${";".repeat(FILE_BYTES - 40)}"` },
  { name: "deep-json-20mb", about: "JSON nested ten million levels deep", who: "coordinator", fileName: "deep.json", make: () => `{"placements":[${"[".repeat(FILE_BYTES / 2 - 20)}${"]".repeat(FILE_BYTES / 2 - 20)}]}` },
  { name: "wide-line-20mb", about: "one CSV line of ten million separators", who: "coordinator", fileName: "wide.csv", make: () => `key,title\n${"a,".repeat(FILE_BYTES / 2 - 10)}a` },
  { name: "valid-placements-50k", about: "for comparison: 50 000 generated valid placements (15 MB)", who: "coordinator", fileName: "valid.csv", make: validPlacements },
];

const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1]!.split(",") : null;
const mb = (kb: number) => Math.round(kb / 1024);
const statusOf = (pid: number) => readFileSync(`/proc/${pid}/status`, "utf8");
const memoryKb = (pid: number, field: "VmRSS" | "VmHWM") => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(statusOf(pid))?.[1] ?? 0);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!) : null;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const result: Record<string, unknown> = { date: new Date().toISOString(), machine: { cpus: cpus().length, loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(1))) }, limits: { fileBytes: FILE_BYTES, rows: ROWS } };
let portal: Awaited<ReturnType<typeof startPortal>> | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    void Promise.allSettled([portal?.stop(), services.stop()]).finally(() => process.exit(130));
  });

try {
  portal = await startPortal({ OUTBOX_POLL_MS: "1000" }, { seed: true });
  const running = portal;
  const cookies: Record<string, string> = {};
  for (const [who, email] of [
    ["coordinator", "coordinator@demo.placements.test"],
    ["employer", "employer.hr@demo.placements.test"],
  ] as const) {
    const response = await postForm(running, "/login", { email, password: "demo-placements-2026" });
    cookies[who] = response.headers.get("set-cookie")!.split(";")[0]!;
  }

  /** GET /healthz one after the other, 25 ms apart, until `done`: what another visitor waits meanwhile. */
  async function healthLatencies(done: () => boolean, atLeast = 0) {
    const latencies: number[] = [];
    while (!done() || latencies.length < atLeast) {
      const started = performance.now();
      await fetch(`${running.url}/healthz`).then((r) => r.arrayBuffer());
      latencies.push(performance.now() - started);
      await sleep(25);
    }
    return latencies;
  }
  const baseline = await healthLatencies(() => true, 40);
  result.healthzWithoutImport = { p50Ms: percentile(baseline, 50), p99Ms: percentile(baseline, 99), maxMs: Math.round(Math.max(...baseline)) };

  const measured: Record<string, unknown>[] = [];
  for (const shape of shapes.filter((s) => !only || only.includes(s.name))) {
    const content = shape.make();
    console.error(`${new Date().toISOString().slice(11, 19)} ${shape.name} (${(Buffer.byteLength(content) / 1024 / 1024).toFixed(1)} MB)`);
    const form = new FormData();
    form.append("file", new Blob([content]), shape.fileName);
    form.append("intent", "check");
    if (shape.kind) form.append("kind", shape.kind);
    await sleep(500);
    // The peak of this check alone: the kernel's high-water mark starts again from what the portal holds now.
    writeFileSync(`/proc/${running.pid}/clear_refs`, "5");
    const rssBefore = memoryKb(running.pid, "VmRSS");
    let finished = false;
    const started = performance.now();
    const pings = healthLatencies(() => finished);
    const response = await fetch(`${running.url}/${shape.who}/import`, { method: "POST", body: form, headers: { Origin: running.url, Cookie: cookies[shape.who]! } });
    const answer = Buffer.from(await response.arrayBuffer());
    const wall = performance.now() - started;
    finished = true;
    const latencies = await pings;
    const page = answer.toString("utf8");
    // The counts are New, Changed, Unchanged, Refused; a refused file names its problem in the first list.
    const counts = [.../<dl class="counts">(.*?)<\/dl>/s.exec(page)?.[1]?.matchAll(/<dd>(\d+)<\/dd>/g) ?? []].map((m) => Number(m[1]));
    const refused = counts[3];
    const fileProblem = response.status === 400 ? /<ul class="problems"><li>(.*?)<\/li>/s.exec(page)?.[1]?.replace(/<[^>]*>/g, "").trim() : undefined;
    const entry = {
      shape: shape.name,
      about: shape.about,
      as: shape.who,
      fileBytes: Buffer.byteLength(content),
      status: response.status,
      wallSeconds: Number((wall / 1000).toFixed(2)),
      answerBytes: answer.length,
      refusedRows: refused ?? null,
      fileProblem: fileProblem ?? null,
      portalRssBeforeMb: mb(rssBefore),
      portalPeakRssMb: mb(memoryKb(running.pid, "VmHWM")),
      healthzDuringCheck: { requests: latencies.length, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), maxMs: latencies.length ? Math.round(Math.max(...latencies)) : null },
    };
    console.error(JSON.stringify(entry));
    measured.push(entry);
  }
  result.checks = measured;
  result.loadAverageAtEnd = loadavg().map((l) => Number(l.toFixed(1)));
} finally {
  await portal?.stop();
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

mkdirSync("bench-results", { recursive: true });
const file = "bench-results/import-limits.json";
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
console.log(`written to ${file}`);
