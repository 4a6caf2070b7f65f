// What every command that talks to the portal's services needs first: the services themselves
// (the environment's, a running demo's, or freshly started embedded ones) and, outside
// production, the development encryption key. Everything it keeps lives in SERVICES_DATA_DIR
// (default .data).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { servicesDataDir, startServices, type ServiceEnvironment, type StartedServices } from "./services/manager.ts";
import type { ServiceStatus } from "./services/supervisor.ts";

const runningFile = () => join(servicesDataDir(), "running-services.json");

/** What `npm start` / `npm run demo` writes for later commands (and tests) to find its services. */
export interface RunningServicesFile {
  /** The portal that started the services, and its start time from /proc (to tell it from a later process with the same pid). */
  pid: number;
  startTime: string | null;
  env: ServiceEnvironment;
  services: ServiceStatus[];
}

/**
 * Outside production a missing key is made once and kept with the embedded data, so that the
 * demo's encrypted plans stay readable across restarts. Production must set DATA_ENCRYPTION_KEY.
 */
function developmentEncryptionKey(): string {
  const file = join(servicesDataDir(), "development-encryption-key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(servicesDataDir(), { recursive: true });
  const key = randomBytes(32).toString("base64");
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/** State and start time of a process from /proc (Linux); null where /proc cannot be read. */
function processStat(pid: number): { state: string; startTime: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // After the command name in parentheses: field 3 (state) onwards; the start time is field 22.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0], startTime: fields[19] };
  } catch {
    return null;
  }
}

/** Whether the process that wrote the file still runs: same pid, not a zombie, and (where known) the same start time, so that a reused pid does not count. */
function isAlive(pid: number, startTime: string | null) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = processStat(pid);
  if (!stat) return true;
  return stat.state !== "Z" && (startTime === null || stat.startTime === startTime);
}

/**
 * The embedded services a running `npm run demo` / `npm start` announced, if that process is still
 * there. A file left behind by a portal that was killed is removed (its services died with it).
 */
function announcedServices(): ServiceEnvironment | undefined {
  const file = runningFile();
  if (!existsSync(file)) return undefined;
  try {
    const { pid, startTime, env } = JSON.parse(readFileSync(file, "utf8")) as RunningServicesFile;
    if (isAlive(pid, startTime ?? null)) return env;
  } catch {
    // Unreadable: treated like a stale file.
  }
  rmSync(file, { force: true });
  return undefined;
}

function writeRunningFile(services: StartedServices) {
  const file = runningFile();
  const content: RunningServicesFile = { pid: process.pid, startTime: processStat(process.pid)?.startTime ?? null, env: services.env, services: services.status() };
  // Written whole and renamed, so that a reader never sees half a file.
  writeFileSync(`${file}.${process.pid}`, JSON.stringify(content), { mode: 0o600 });
  renameSync(`${file}.${process.pid}`, file);
}

/**
 * Fills in MONGODB_URI, MEILI_HOST and SMTP_URL when the environment does not name them: with the
 * services of a running portal when `reuse` is set, else by starting the embedded ones (which the
 * caller stops). `announce` lets later commands find the started services, with their pids.
 */
export async function prepareRuntime(
  options: { reuse?: boolean; announce?: boolean; log?: (line: string) => void; onServicesChange?: () => void } = {},
): Promise<StartedServices | undefined> {
  let services: StartedServices | undefined;
  if (!process.env.MONGODB_URI || !process.env.MEILI_HOST || !process.env.SMTP_URL) {
    const running = options.reuse ? announcedServices() : undefined;
    if (running) {
      options.log?.("Using the services of the running portal.");
      for (const [key, value] of Object.entries(running)) if (value && !process.env[key]) process.env[key] = value;
    } else {
      options.log?.("Starting embedded services…");
      let announcing = false;
      const started = await startServices({
        dataDir: servicesDataDir(),
        log: (line) => options.log?.(`  ${line}`),
        // A restarted service has a new pid: the file follows.
        onChange: () => {
          if (announcing) writeRunningFile(started);
          options.onServicesChange?.();
        },
      });
      services = started;
      Object.assign(process.env, Object.fromEntries(Object.entries(started.env).filter(([, v]) => v)));
      if (options.announce) {
        announcing = true;
        writeRunningFile(started);
        const stop = started.stop;
        started.stop = async () => {
          announcing = false;
          rmSync(runningFile(), { force: true });
          await stop();
        };
      }
    }
  }
  if (!process.env.DATA_ENCRYPTION_KEY && process.env.NODE_ENV !== "production") process.env.DATA_ENCRYPTION_KEY = developmentEncryptionKey();
  return services;
}
