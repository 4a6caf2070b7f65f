import { pingDatabase } from "~/db/connection.server.ts";
import { pingSmtp } from "~/email/mailer.server.ts";
import { pingSearch } from "~/search/client.server.ts";

export interface HealthReport {
  status: "ok" | "degraded";
  services: Record<"database" | "search" | "email", { ok: boolean; ms: number; error?: string }>;
}

async function probe(check: () => Promise<unknown>) {
  const started = performance.now();
  try {
    await check();
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
  }
}

/** Each outside service separately, so an operator sees at once which one is down. */
export async function checkHealth(): Promise<HealthReport> {
  const [database, search, email] = await Promise.all([probe(() => pingDatabase()), probe(() => pingSearch()), probe(() => pingSmtp())]);
  const services = { database, search, email };
  return { status: Object.values(services).every((s) => s.ok) ? "ok" : "degraded", services };
}
