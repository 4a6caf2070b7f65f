// A portal of a spec's own, for stories that need time to pass: the portal's clock moves only
// when NODE_ENV is "test" (app/clock/test-clock.server.ts), while the shared e2e portal runs as in
// production and keeps the real time for the other specs. This one gets the shared portal's
// services and settings (E2E_PORTAL_ENV, tests/e2e/global-setup.ts) with a database, a search
// index prefix and a clock file of its own, seeded with the demo data. Nothing else a user would
// notice depends on NODE_ENV: Remix handles requests as in production in every mode
// (server/remix-adapter.ts), the encryption key is given as in production, and what remains is
// the HSTS header (plain http on localhost anyway) and React's server build (the same markup).
// Its e-mails go to the shared mailbox, to the demo addresses: each is picked by this portal's
// address in its links.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mongoose from "mongoose";
import { portalClock, type PortalClock } from "./clock.ts";
import { startPortal, type RunningPortal } from "./portal.ts";

export interface OwnPortal {
  portal: RunningPortal;
  clock: PortalClock;
  /** A connection to this portal's own database, for setting up what other specs cover. */
  database: mongoose.Connection;
  /** Stops the portal, keeps its log under test-results/, drops its database and search indexes. */
  stop(): Promise<void>;
}

export async function startOwnPortal(name: string): Promise<OwnPortal> {
  const shared = JSON.parse(process.env.E2E_PORTAL_ENV!) as Record<string, string>;
  const databaseName = `e2e_${name}_${Date.now()}`;
  const uri = new URL(shared.MONGODB_URI);
  uri.pathname = `/${databaseName}`;
  const indexPrefix = `${databaseName}_`;
  const clockDir = mkdtempSync(join(tmpdir(), `e2e-${name}-clock-`));
  const clock = portalClock(clockDir);
  const portal = await startPortal({ ...shared, NODE_ENV: "test", MONGODB_URI: uri.toString(), MEILI_INDEX_PREFIX: indexPrefix, ...clock.env }, { seed: true, startTimeoutMs: 240_000 });
  const database = await mongoose.createConnection(uri.toString()).asPromise();
  return {
    portal,
    clock,
    database,
    async stop() {
      await portal.stop();
      mkdirSync("test-results", { recursive: true });
      writeFileSync(`test-results/${name}-portal-output.log`, portal.output());
      await database.dropDatabase().catch(() => {});
      await database.close();
      rmSync(clockDir, { recursive: true, force: true });
      await dropSearchIndexes(shared, indexPrefix).catch(() => {});
    },
  };
}

/** The search indexes the portal made (the embedded Meilisearch goes with the run; one named by the environment stays). */
async function dropSearchIndexes({ MEILI_HOST, MEILI_MASTER_KEY }: Record<string, string>, indexPrefix: string) {
  const headers = MEILI_MASTER_KEY ? { Authorization: `Bearer ${MEILI_MASTER_KEY}` } : undefined;
  const { results } = (await (await fetch(new URL("/indexes?limit=1000", MEILI_HOST), { headers })).json()) as { results: { uid: string }[] };
  for (const { uid } of results.filter((index) => index.uid.startsWith(indexPrefix))) await fetch(new URL(`/indexes/${uid}`, MEILI_HOST), { method: "DELETE", headers });
}
