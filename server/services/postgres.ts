import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { freePort, portAnswers, startProcess, type RunningService } from "./processes.ts";

// An embedded PostgreSQL for FerretDB's PostgreSQL backend, from the machine's own PostgreSQL
// (Debian: `apt-get install postgresql`). Used where it measured better than SQLite: FerretDB
// pushes equality filters on ordinary fields down to PostgreSQL and its indexes, where the SQLite
// backend reads the whole collection for anything but `{ _id }` (docs/decisions/015-followup-at-scale.md).

/** The directory with initdb and postgres: POSTGRES_BIN_DIR, else Debian's newest, else the PATH's. */
export function postgresBinDir(): string | null {
  if (process.env.POSTGRES_BIN_DIR) return process.env.POSTGRES_BIN_DIR;
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(debian, versions[0], "bin");
  }
  try {
    const initdb = execFileSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).trim();
    return initdb ? initdb.replace(/\/initdb$/, "") : null;
  } catch {
    return null;
  }
}

/**
 * PostgreSQL refuses to run as root. Run as root (a CI machine, a container), it runs as the
 * `postgres` account that Debian's package creates.
 */
function serviceUser(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new Error("PostgreSQL does not run as root, and there is no `postgres` account to run it as (apt-get install postgresql creates one).");
  }
}

/** Starts (creating on first use) a PostgreSQL cluster under dataDir/postgres, listening on loopback only. */
export async function startPostgres(dataDir: string, options: { port?: number } = {}): Promise<{ url: string; port: number; service: RunningService }> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL not found: apt-get install postgresql, or set POSTGRES_BIN_DIR.");
  const dir = join(dataDir, "postgres");
  const runAs = serviceUser();
  if (!existsSync(join(dir, "PG_VERSION"))) {
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(dir, { mode: 0o700 });
    if (runAs) chownSync(dir, runAs.uid, runAs.gid);
    execFileSync(join(bin, "initdb"), ["-D", dir, "-U", "ferretdb", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], {
      stdio: ["ignore", "ignore", "pipe"],
      ...runAs,
    });
  }
  const port = options.port ?? (await freePort());
  const service = await startProcess({
    name: "postgres",
    command: join(bin, "postgres"),
    args: [
    "-D",
    dir,
    "-p",
    String(port),
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
    // A development and test database: a crash may lose the last moments, never consistency.
    "-c",
    "synchronous_commit=off",
    "-c",
    "max_connections=200",
    ],
    runAs,
    logFile: join(dataDir, "postgres.log"),
    ready: () => portAnswers(port),
    readyTimeoutMs: 60_000,
    // Fast shutdown: SIGTERM alone waits for every client to leave.
    stopSignal: "SIGINT",
  });
  return { url: `postgres://ferretdb@127.0.0.1:${port}/postgres`, port, service };
}
