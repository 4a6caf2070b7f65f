import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, portAnswers, startProcess, type RunningService } from "./processes.ts";

export const FERRETDB_VERSION = "v1.24.2";
const FERRETDB_MODULE = "github.com/FerretDB/FerretDB";

function cacheDir() {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "placement-portal");
}

/**
 * Builds FerretDB with the machine's Go on first use and caches the binary.
 * The module is built from a copy of its source with build/version/version.txt filled in:
 * FerretDB refuses to start when built as the main module without it (the file is generated
 * by its release tooling and is absent from the module zip).
 */
function builtFerretdbBinary(): string {
  const binary = process.env.FERRETDB_BIN || join(cacheDir(), `ferretdb-${FERRETDB_VERSION}`);
  if (!existsSync(binary)) throw new Error(`FerretDB binary missing at ${binary}`);
  return binary;
}

export function ensureFerretdbBinary(log: (line: string) => void = console.log): string {
  if (process.env.FERRETDB_BIN) return process.env.FERRETDB_BIN;
  const binary = join(cacheDir(), `ferretdb-${FERRETDB_VERSION}`);
  if (existsSync(binary)) return binary;
  log(`Building FerretDB ${FERRETDB_VERSION} with Go (first run only, about a minute)…`);
  mkdirSync(cacheDir(), { recursive: true });
  const go = process.env.GO_BIN || "go";
  try {
    execFileSync(go, ["version"], { stdio: "ignore" });
  } catch {
    throw new Error("FerretDB is built with Go on first use, and Go was not found. Install Go 1.24 or newer, or set MONGODB_URI to your own MongoDB.");
  }
  const env = { ...process.env, GOFLAGS: "-modcacherw -buildvcs=false" };
  const info = JSON.parse(
    execFileSync(go, ["mod", "download", "-json", `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], { env, encoding: "utf8" }),
  ) as { Dir: string };
  const workDir = mkdtempSync(join(tmpdir(), "ferretdb-build-"));
  try {
    const source = join(workDir, "src");
    cpSync(info.Dir, source, { recursive: true });
    execFileSync("chmod", ["-R", "u+w", source]);
    writeFileSync(join(source, "build/version/version.txt"), `${FERRETDB_VERSION}\n`);
    const output = join(workDir, "ferretdb");
    execFileSync(go, ["build", "-trimpath", "-o", output, "./cmd/ferretdb"], { cwd: source, env, stdio: "inherit" });
    chmodSync(output, 0o755);
    renameSync(output, binary);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return binary;
}

/**
 * `build: false` (for a restart under a running portal) never builds: a build blocks the process
 * for about a minute, so a missing binary fails the start instead.
 */
export async function startFerretdb(dataDir: string, options: { port?: number; build?: boolean } = {}): Promise<{ uri: string; port: number; service: RunningService }> {
  const binary = options.build === false ? builtFerretdbBinary() : ensureFerretdbBinary();
  const dir = join(dataDir, "ferretdb");
  mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await freePort());
  const debugPort = await freePort();
  const service = await startProcess({
    name: "ferretdb",
    command: binary,
    args: [
      "--handler=sqlite",
      `--sqlite-url=file:${dir}/`,
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
