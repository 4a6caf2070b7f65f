// What every command that talks to the portal's services needs first: the services themselves
// (the environment's, a running demo's, or freshly started embedded ones) and, outside
// production, the development encryption key.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { startServices, type ServiceEnvironment, type StartedServices } from "./services/manager.ts";

const RUNNING_FILE = resolve(".data/running-services.json");

/**
 * Outside production a missing key is made once and kept with the embedded data, so that the
 * demo's encrypted plans stay readable across restarts. Production must set DATA_ENCRYPTION_KEY.
 */
function developmentEncryptionKey(): string {
  const file = resolve(".data/development-encryption-key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32).toString("base64");
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The embedded services a running `npm run demo` / `npm start` announced, if that process is still there. */
function announcedServices(): ServiceEnvironment | undefined {
  if (!existsSync(RUNNING_FILE)) return undefined;
  try {
    const { pid, env } = JSON.parse(readFileSync(RUNNING_FILE, "utf8")) as { pid: number; env: ServiceEnvironment };
    return isAlive(pid) ? env : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fills in MONGODB_URI, MEILI_HOST and SMTP_URL when the environment does not name them: with the
 * services of a running portal when `reuse` is set, else by starting the embedded ones (which the
 * caller stops). `announce` lets later commands find the started services.
 */
export async function prepareRuntime(options: { reuse?: boolean; announce?: boolean; log?: (line: string) => void } = {}): Promise<StartedServices | undefined> {
  let services: StartedServices | undefined;
  if (!process.env.MONGODB_URI || !process.env.MEILI_HOST || !process.env.SMTP_URL) {
    const running = options.reuse ? announcedServices() : undefined;
    if (running) {
      options.log?.("Using the services of the running portal.");
      for (const [key, value] of Object.entries(running)) if (value && !process.env[key]) process.env[key] = value;
    } else {
      options.log?.("Starting embedded services…");
      services = await startServices({ log: (line) => options.log?.(`  ${line}`) });
      Object.assign(process.env, Object.fromEntries(Object.entries(services.env).filter(([, v]) => v)));
      if (options.announce) {
        writeFileSync(RUNNING_FILE, JSON.stringify({ pid: process.pid, env: services.env }), { mode: 0o600 });
        const stop = services.stop;
        services.stop = async () => {
          rmSync(RUNNING_FILE, { force: true });
          await stop();
        };
      }
    }
  }
  if (!process.env.DATA_ENCRYPTION_KEY && process.env.NODE_ENV !== "production") process.env.DATA_ENCRYPTION_KEY = developmentEncryptionKey();
  return services;
}
