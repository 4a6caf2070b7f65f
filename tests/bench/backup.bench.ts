// `npm run bench:backup [-- --placements 100000]`: fills a database of its own with generated
// placements, then runs `npm run backup` and `npm run restore` (into a fresh database) as an
// operator would, and measures their time, the file's size and each command's peak memory (from
// GNU time), so that "streamed, not held in memory" is a measured fact. Writes
// bench-results/backup-<N>.json. A benchmark, not a test: nothing passes or fails on a number.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startServices } from "../../server/services/manager.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const count = Number(arg("placements", process.argv.includes("--large") ? "100000" : "10000"));

const dataDir = join(process.cwd(), ".data", `bench-backup-${process.pid}`);
const services = await startServices({ dataDir, source: {} as NodeJS.ProcessEnv });
const database = (name: string) => services.env.MONGODB_URI.replace(/\/[^/]*$/, `/${name}`);
Object.assign(process.env, services.env, { MONGODB_URI: database("bench"), SERVICES_DATA_DIR: dataDir, LOG_REQUESTS: "false" });
process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");

const { connectDatabase, disconnectDatabase } = await import("~/db/connection.server.ts");
const { ensureIndexes } = await import("~/models.server.ts");
const { OrganisationModel } = await import("~/organisations/model.server.ts");
const { generatePlacements, insertPlacements } = await import("../../seed/placements-generator.ts");

const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(2));
const step = (label: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${label}`);
const file = join(dataDir, "bench.jsonl.gz");

/** Runs one of the operator's commands under GNU time; returns its seconds and peak memory in MB. */
function operatorCommand(args: string[], env: Record<string, string>) {
  const started = performance.now();
  const run = spawnSync("/usr/bin/time", ["-f", "peak-kb %M", process.execPath, "--import", "tsx", "server/backup-cli.ts", ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`${args[0]} failed:\n${output}`);
  return { seconds: seconds(started), output };
}

const result: Record<string, unknown> = { placements: count, date: new Date().toISOString(), machine: { cpus: (await import("node:os")).cpus().length } };
try {
  await connectDatabase();
  await ensureIndexes();
  step(`inserting ${count} placements`);
  const organisations = [
    { key: "bench-hr", name: "Bench Zagreb", kind: "employer" as const, town: "Zagreb", country: "HR" as const },
    { key: "bench-si", name: "Bench Maribor", kind: "social_enterprise" as const, town: "Maribor", country: "SI" as const },
    { key: "bench-dk", name: "Bench Aarhus", kind: "employer" as const, town: "Aarhus", country: "DK" as const },
  ];
  const ids = new Map<string, unknown>();
  for (const o of organisations) ids.set(o.key, (await OrganisationModel.create({ ...o, status: "verified", email: `${o.key}@bench.test` }))._id);
  await insertPlacements(generatePlacements(count, organisations), ids, { intoEmptyCollection: true });
  await disconnectDatabase();

  for (const round of [1, 2]) {
    step(`backup, round ${round}`);
    rmSync(file, { force: true });
    const backup = operatorCommand(["backup", file], {});
    step(`restore, round ${round}`);
    const restore = operatorCommand(["restore", file, "--replace"], { MONGODB_URI: database("bench_restored"), MEILI_INDEX_PREFIX: "restored_" });
    const peak = (text: string) => Math.round(Number(/peak-kb (\d+)/.exec(text)?.[1] ?? 0) / 1024);
    result[`round${round}`] = {
      backupSeconds: backup.seconds,
      backupPeakMb: peak(backup.output),
      fileMb: Number((statSync(file).size / 1024 / 1024).toFixed(1)),
      restoreSeconds: restore.seconds,
      restorePeakMb: peak(restore.output),
      restoreDatabaseSeconds: Number(/into the database \S+ in ([\d.]+) s/.exec(restore.output)?.[1] ?? NaN),
      restoreOutput: restore.output.split("\n").filter((line) => line.startsWith("Reindexed")),
    };
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
mkdirSync("bench-results", { recursive: true });
writeFileSync(join("bench-results", `backup-${count}.json`), JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
