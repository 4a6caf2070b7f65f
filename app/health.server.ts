import { pingDatabase } from "~/db/connection.server.ts";
import { pingSmtp } from "~/email/mailer.server.ts";
import { pingSearch } from "~/search/client.server.ts";

export type ServiceName = "database" | "search" | "email";

/** How the service manager keeps an embedded service running; absent for services the environment names. */
export interface EmbeddedServiceState {
  state: "running" | "restarting" | "stopped";
  restarts: number;
  lastRestartAt: string | null;
}

export interface ServiceHealth {
  ok: boolean;
  ms: number;
  embedded?: EmbeddedServiceState;
}

/** Public: says which service fails, never why (addresses, ports and error texts go to the log). */
export interface HealthReport {
  status: "ok" | "degraded";
  services: Record<ServiceName, ServiceHealth>;
}

/** At most one log line per failing service in this interval, however often /healthz is asked. */
const FAILURE_LOG_INTERVAL_MS = 60_000;
const failureLog = new Map<ServiceName, { loggedAt: number; unlogged: number }>();

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.message}${cause}`;
}

function logFailure(name: ServiceName, error: unknown, log: (line: string) => void) {
  const now = Date.now();
  const previous = failureLog.get(name);
  if (previous && now - previous.loggedAt < FAILURE_LOG_INTERVAL_MS) {
    previous.unlogged += 1;
    return;
  }
  const unlogged = previous?.unlogged ? ` (and ${previous.unlogged} more failed checks since the last line)` : "";
  log(`health check: ${name} does not answer: ${describeError(error)}${unlogged}`);
  failureLog.set(name, { loggedAt: now, unlogged: 0 });
}

async function probe(name: ServiceName, check: () => Promise<unknown>, log: (line: string) => void) {
  const started = performance.now();
  try {
    await check();
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    logFailure(name, error, log);
    return { ok: false, ms: Math.round(performance.now() - started) };
  }
}

/** Each outside service separately, so an operator sees at once which one is down (and, for embedded ones, how often it was restarted). */
export async function checkHealth(
  options: { embedded?: Partial<Record<ServiceName, EmbeddedServiceState>>; log?: (line: string) => void } = {},
): Promise<HealthReport> {
  const log = options.log ?? ((line: string) => console.warn(line));
  const [database, search, email] = await Promise.all([
    probe("database", () => pingDatabase(), log),
    probe("search", () => pingSearch(), log),
    probe("email", () => pingSmtp(), log),
  ]);
  const services: HealthReport["services"] = { database, search, email };
  for (const name of Object.keys(services) as ServiceName[]) {
    const embedded = options.embedded?.[name];
    if (embedded) services[name] = { ...services[name], embedded };
  }
  return { status: Object.values(services).every((s) => s.ok) ? "ok" : "degraded", services };
}
