// The run command: starts the embedded services that the environment does not name, checks the
// configuration, optionally seeds demo data, and serves the portal with its outbox worker, from
// this process or, with PORTAL_PROCESSES above 1, from that many worker processes (server/cluster.ts).
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { broadcastDevReady } from "@remix-run/node";
import { followClockFile } from "~/clock/test-clock.server.ts";
import { ConfigError, getEnv, type Env } from "~/env.server.ts";
import { connectDatabase, disconnectDatabase } from "~/db/connection.server.ts";
import { ensureIndexes } from "~/models.server.ts";
import { startOutboxWorker } from "~/outbox/outbox.server.ts";
import { ensurePlacementIndexOnce, resyncPlacementsOfOtherVocabulary } from "~/placements/search-index.server.ts";
import { loadVocabulary } from "~/vocabulary/vocabulary.server.ts";
import { createPortalApp } from "./app.ts";
import { embeddedServicesFromPrimary, isPortalWorker, startWorkers, type PortalWorkers } from "./cluster.ts";
import { migrate } from "./migrate.ts";
import { warmLedger } from "~/ledger/reader.server.ts";
import "./outbox-handlers.ts";
import { prepareRuntime } from "./runtime.ts";
import type { StartedServices } from "./services/manager.ts";
import type { ServiceStatus } from "./services/supervisor.ts";

const withSeed = process.argv.includes("--seed");
// A served build is production unless told otherwise; only the demo (--seed) defaults to
// development, where a signed-in coordinator may read the embedded mailbox in the browser.
process.env.NODE_ENV ||= withSeed ? "development" : "production";

const buildPath = resolve("build/index.js");
let services: StartedServices | undefined;
let workers: PortalWorkers | undefined;

/** What every process that reads the clock and the vocabulary needs, the workers included. */
function prepareProcess(): Env {
  const env = getEnv();
  // A vocabulary file that is not valid stops the start here, with the reason.
  loadVocabulary();
  if (followClockFile(env.TEST_CLOCK_FILE, env.NODE_ENV) === "ignored" && !isPortalWorker()) {
    console.warn("TEST_CLOCK_FILE is ignored: the clock moves only in tests (NODE_ENV=test).");
  }
  return env;
}

/** The work done once however many processes serve: database indexes, migrations, demo data, search settings. */
async function prepareOnce(): Promise<{ role: string; email: string; password: string }[]> {
  await ensureIndexes();
  await migrate((line) => console.log(line));

  let logins: { role: string; email: string; password: string }[] = [];
  if (withSeed) {
    const { seedDemoData } = await import("../seed/demo.ts");
    logins = (await seedDemoData()).logins;
    const { rebuildPlacementIndex } = await import("~/placements/search-index.server.ts");
    await rebuildPlacementIndex()
      .then((r) => console.log(`Search index: ${r.documents} published placements.`))
      .catch((error: unknown) => console.warn(`Search index not rebuilt: ${error instanceof Error ? error.message : String(error)}`));
  }

  // Search settings are applied now if Meilisearch answers; otherwise on the first index write.
  await ensurePlacementIndexOnce()
    .then((changed) => changed && console.log("Search index settings applied."))
    .then(() => resyncPlacementsOfOtherVocabulary())
    .then((count) => count > 0 && console.log(`Vocabulary changed: ${count} placements are indexed again with it.`))
    .catch((error: unknown) => console.warn(`Meilisearch not ready (${error instanceof Error ? error.message : String(error)}); search falls back to the database until it is.`));
  return logins;
}

/** Serves HTTP and runs the outbox worker in this process; resolves once it listens. */
async function serve(env: Env, embeddedServices: () => ServiceStatus[], onServerError: (message: string) => void) {
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = createPortalApp({
    build,
    mode: env.NODE_ENV,
    logRequests: env.LOG_REQUESTS,
    publicUrl: env.PUBLIC_URL,
    trustProxy: env.TRUST_PROXY,
    embeddedServices,
  });
  const outboxWorker = startOutboxWorker({ log: (line) => console.log(line) });
  // The outcomes pages count from the whole ledger: reading it now spares the first of them the wait.
  warmLedger();
  // Tests see which process answered (tests/integration/processes.test.ts); nobody else learns a pid.
  const server = createServer(
    env.NODE_ENV === "test"
      ? (req, res) => {
          res.setHeader("X-Portal-Process", String(process.pid));
          app(req, res);
        }
      : app,
  );
  const describe = (error: NodeJS.ErrnoException) => (error.code === "EADDRINUSE" ? `Port ${env.PORT} is in use: set PORT to a free port.` : `Server error: ${error.message}`);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", (error: NodeJS.ErrnoException) => reject(new Error(describe(error))));
    server.listen(env.PORT);
  });
  server.on("error", (error: NodeJS.ErrnoException) => onServerError(describe(error)));
  if (process.env.REMIX_DEV_ORIGIN) void broadcastDevReady(build);
  return {
    async close() {
      server.close();
      server.closeAllConnections();
      await outboxWorker.stop();
    },
  };
}

function announce(env: Env, logins: { role: string; email: string; password: string }[]) {
  const address = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const processes = env.PORTAL_PROCESSES > 1 ? ` (${env.PORTAL_PROCESSES} processes)` : "";
  console.log(`\nSupported-placement portal running at ${address}${processes}`);
  if (env.MAILBOX_DIR) console.log(`E-mails sent go to the local mailbox: ${address}/dev/mailbox (or npm run mail)`);
  if (logins.length > 0) {
    console.log("\nDemo logins:");
    for (const login of logins) console.log(`  ${login.role.padEnd(20)} ${login.email.padEnd(40)} ${login.password}`);
  }
  console.log("\nPress Ctrl-C to stop.");
}

async function main() {
  if (!existsSync(buildPath)) throw new Error("No build found: run `npm run build` first (npm run demo does it for you).");

  services = await prepareRuntime({ announce: true, log: (line) => console.log(line), onServicesChange: () => workers?.shareServices(services?.status() ?? []) });
  const env = prepareProcess();
  await connectDatabase();
  const logins = await prepareOnce();

  let stopping = false;
  let closeServer: (() => Promise<void>) | undefined;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    // Ctrl-C reaches the services too; a shutdown is no reason to restart them.
    services?.stopSupervising();
    console.log(`\n${signal}: stopping…`);
    await workers?.stop();
    await closeServer?.();
    await disconnectDatabase();
    await services?.stop();
    process.exit(exitCode);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    if (env.PORTAL_PROCESSES === 1) {
      const served = await serve(env, () => services?.status() ?? [], (message) => {
        console.error(message);
        void shutdown("error", 1);
      });
      closeServer = served.close;
    } else {
      // The workers have their own connections; this process only supervises.
      await disconnectDatabase();
      workers = startWorkers(env.PORTAL_PROCESSES, { log: (line) => console.warn(line) });
      workers.shareServices(services?.status() ?? []);
      await workers.ready;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    await shutdown("error", 1);
    return;
  }
  announce(env, logins);
}

/** A worker forked by the primary: serves until the primary asks it to stop (Ctrl-C reaches it too, and is left to the primary). */
async function mainOfWorker() {
  const env = prepareProcess();
  await connectDatabase();
  const served = await serve(env, embeddedServicesFromPrimary(), (message) => {
    // The primary starts another in its place.
    console.error(message);
    process.exit(1);
  });
  process.on("SIGINT", () => {});
  process.once("SIGTERM", () => {
    void served
      .close()
      .then(() => disconnectDatabase())
      .finally(() => process.exit(0));
  });
}

(isPortalWorker() ? mainOfWorker() : main()).catch(async (error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error instanceof Error && isPortalWorker() ? error.message : error);
  await workers?.stop();
  await services?.stop();
  process.exit(1);
});
