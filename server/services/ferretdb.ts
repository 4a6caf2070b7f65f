import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, portAnswers, startProcess, type RunningService } from "./processes.ts";

export const FERRETDB_VERSION = "v1.24.2";
/**
 * Our changes to FerretDB's source; the cached binary's file name carries their digest, so a machine
 * with an older build makes the new one (issue 17, docs/decisions/020-lists.md). They change no answer,
 * only which rows SQLite reads:
 * - FerretDB 1.24's SQLite backend looks up `_id` as `_ferretdb_sjson->'$._id'`, while the unique
 *   index it creates on `_id` is on `_ferretdb_sjson->"_id"`: SQLite does not see that they are the
 *   same, so every find, update and delete by `_id` read the whole table. Written as `->'_id'` (the
 *   same value) the index answers it (EXPLAIN QUERY PLAN: SCAN before, SEARCH USING INDEX after).
 * - `{ _id: { $in: [...] } }` was read as the whole table and filtered in Go; it now reaches SQLite
 *   as `_id IN (...)` through that index (ferretdb-patch/id_in.go). FerretDB still filters every row
 *   SQLite returns, so the SQL only has to return a superset of the matches.
 */
const FERRETDB_PATCH = {
  edits: [
    { file: "internal/backends/sqlite/metadata/metadata.go", from: `IDColumn = DefaultColumn + "->'$._id'"`, to: `IDColumn = DefaultColumn + "->'_id'"` },
    {
      file: "internal/backends/sqlite/collection.go",
      from: "\tq += whereClause\n\tq += prepareOrderByClause(params.Sort)",
      to: "\tif clause, inArgs, ok := idInWhereClause(params.Filter); ok && whereClause == \"\" {\n\t\twhereClause, args = clause, inArgs\n\t}\n\n\tq += whereClause\n\tq += prepareOrderByClause(params.Sort)",
    },
    {
      file: "internal/backends/sqlite/collection.go",
      from: "\torderByClause := prepareOrderByClause(params.Sort)",
      to: "\tif clause, inArgs, ok := idInWhereClause(params.Filter); ok && whereClause == \"\" {\n\t\tfilterPushdown, whereClause, args = true, clause, inArgs\n\t}\n\n\torderByClause := prepareOrderByClause(params.Sort)",
    },
  ],
  addedFiles: [{ from: "ferretdb-patch/id_in.go", to: "internal/backends/sqlite/id_in.go" }],
};
/** Named by what the patch holds, so that any change to it builds a new binary. */
const patchDigest = createHash("sha256")
  .update(JSON.stringify(FERRETDB_PATCH))
  .update(FERRETDB_PATCH.addedFiles.map((added) => readFileSync(fileURLToPath(new URL(added.from, import.meta.url)))).join("\n"))
  .digest("hex")
  .slice(0, 12);
const binaryName = `ferretdb-${FERRETDB_VERSION}-patched-${patchDigest}`;
const FERRETDB_MODULE = "github.com/FerretDB/FerretDB";
/** Measured on a 2-core machine (README, "FerretDB's first build"). */
const FIRST_BUILD_ESTIMATE = "about 2 minutes on 2 idle cores, up to 6 on a busy machine (seconds when Go has built it before)";

/** Applies FERRETDB_PATCH to a copy of FerretDB's source, refusing a source that no longer holds the lines it changes. */
function patchSource(source: string) {
  for (const edit of FERRETDB_PATCH.edits) {
    const file = join(source, edit.file);
    const original = readFileSync(file, "utf8");
    if (original.split(edit.from).length !== 2) throw new Error(`FerretDB ${FERRETDB_VERSION}: ${edit.file} no longer holds, once, the lines our patch changes`);
    writeFileSync(file, original.replace(edit.from, edit.to));
  }
  for (const added of FERRETDB_PATCH.addedFiles) cpSync(fileURLToPath(new URL(added.from, import.meta.url)), join(source, added.to));
}

function cacheDir() {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "placement-portal");
}

/** The cached (or named) binary, never building it. */
function builtFerretdbBinary(): string {
  const binary = process.env.FERRETDB_BIN || join(cacheDir(), binaryName);
  if (!existsSync(binary)) throw new Error(`FerretDB binary missing at ${binary}`);
  return binary;
}

/** "4 min 05 s", "45 s": how long something has taken, for people watching a build. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes ? `${minutes} min ${String(seconds % 60).padStart(2, "0")} s` : `${seconds} s`;
}

/** Runs a Go command to its end; its errors go to our stderr, its output is returned. */
function runGo(go: string, args: string[], options: { cwd?: string; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(go, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.once("error", reject);
    child.once("close", (code, signal) => (code === 0 ? resolve(output) : reject(new Error(`go ${args.join(" ")} failed (${signal ?? `exit ${code}`})`))));
  });
}

let building: Promise<string> | undefined;

/**
 * The FerretDB binary, built with the machine's Go on first use and cached. The first build
 * downloads FerretDB's modules and compiles them: minutes on a small machine, so it says every
 * 15 s that it is still at it (README, "FerretDB's first build", has the times measured here).
 */
export function ensureFerretdbBinary(log: (line: string) => void = console.log): Promise<string> {
  if (process.env.FERRETDB_BIN) return Promise.resolve(process.env.FERRETDB_BIN);
  const binary = join(cacheDir(), binaryName);
  if (existsSync(binary)) return Promise.resolve(binary);
  building ??= buildFerretdb(binary, log).finally(() => (building = undefined));
  return building;
}

/**
 * The module is built from a copy of its source with build/version/version.txt filled in:
 * FerretDB refuses to start when built as the main module without it (the file is generated
 * by its release tooling and is absent from the module zip).
 */
async function buildFerretdb(binary: string, log: (line: string) => void): Promise<string> {
  const go = process.env.GO_BIN || "go";
  try {
    execFileSync(go, ["version"], { stdio: "ignore" });
  } catch {
    throw new Error("FerretDB is built with Go on first use, and Go was not found. Install Go 1.24 or newer, or set MONGODB_URI to your own MongoDB.");
  }
  log(
    `Building FerretDB ${FERRETDB_VERSION} with Go, once: it is then cached in ${cacheDir()}. ` +
      `With empty Go caches this downloads its modules and compiles them, ${FIRST_BUILD_ESTIMATE}.`,
  );
  mkdirSync(cacheDir(), { recursive: true });
  const started = Date.now();
  let step = "downloading FerretDB's source";
  const heartbeat = setInterval(() => log(`still building FerretDB (${step})… ${formatDuration(Date.now() - started)}`), 15_000);
  const env = { ...process.env, GOFLAGS: "-modcacherw -buildvcs=false" };
  const workDir = mkdtempSync(join(tmpdir(), "ferretdb-build-"));
  try {
    const info = JSON.parse(await runGo(go, ["mod", "download", "-json", `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], { env })) as { Dir: string };
    const source = join(workDir, "src");
    cpSync(info.Dir, source, { recursive: true });
    execFileSync("chmod", ["-R", "u+w", source]);
    writeFileSync(join(source, "build/version/version.txt"), `${FERRETDB_VERSION}\n`);
    patchSource(source);
    step = "downloading its modules and compiling";
    const output = join(workDir, "ferretdb");
    await runGo(go, ["build", "-trimpath", "-o", output, "./cmd/ferretdb"], { cwd: source, env });
    chmodSync(output, 0o755);
    renameSync(output, binary);
  } finally {
    clearInterval(heartbeat);
    rmSync(workDir, { recursive: true, force: true });
  }
  log(`FerretDB built in ${formatDuration(Date.now() - started)}: ${binary}`);
  return binary;
}

/**
 * `build: false` (for a restart under a running portal) never builds: a build takes minutes, so
 * a missing binary fails the restart instead. With `postgresqlUrl` FerretDB keeps its data in
 * that PostgreSQL (server/services/postgres.ts), else in SQLite files under dataDir.
 */
export async function startFerretdb(
  dataDir: string,
  options: { port?: number; build?: boolean; postgresqlUrl?: string } = {},
): Promise<{ uri: string; port: number; service: RunningService }> {
  const binary = options.build === false ? builtFerretdbBinary() : await ensureFerretdbBinary();
  const dir = join(dataDir, "ferretdb");
  mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await freePort());
  const debugPort = await freePort();
  const service = await startProcess({
    name: "ferretdb",
    command: binary,
    args: [
      ...(options.postgresqlUrl ? ["--handler=postgresql", `--postgresql-url=${options.postgresqlUrl}`] : ["--handler=sqlite", `--sqlite-url=file:${dir}/`]),
      `--listen-addr=127.0.0.1:${port}`,
      `--debug-addr=127.0.0.1:${debugPort}`,
      `--state-dir=${dir}`,
      "--telemetry=disable",
      "--log-level=warn",
    ],
    logFile: join(dataDir, "ferretdb.log"),
    ready: () => portAnswers(port),
  });
  return { uri: `mongodb://127.0.0.1:${port}/`, port, service };
}
