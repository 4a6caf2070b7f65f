// The run command: starts the embedded services that the environment does not name, checks the
// configuration, optionally seeds demo data, and serves the portal with its outbox worker.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { broadcastDevReady } from "@remix-run/node";
import { followClockFile } from "~/clock/test-clock.server.ts";
import { ConfigError, getEnv } from "~/env.server.ts";
import { connectDatabase, disconnectDatabase } from "~/db/connection.server.ts";
import { ensureIndexes } from "~/models.server.ts";
import { startOutboxWorker } from "~/outbox/outbox.server.ts";
import { ensurePlacementIndexOnce, resyncPlacementsOfOtherVocabulary } from "~/placements/search-index.server.ts";
import { loadVocabulary } from "~/vocabulary/vocabulary.server.ts";
import { createPortalApp } from "./app.ts";
import { migrate } from "./migrate.ts";
import { warmLedger } from "~/ledger/reader.server.ts";
import "./outbox-handlers.ts";
import { prepareRuntime } from "./runtime.ts";
import type { StartedServices } from "./services/manager.ts";

const withSeed = process.argv.includes("--seed");
// A served build is production unless told otherwise; only the demo (--seed) defaults to
// development, where a signed-in coordinator may read the embedded mailbox in the browser.
process.env.NODE_ENV ||= withSeed ? "development" : "production";

let services: StartedServices | undefined;

async function main() {
  const buildPath = resolve("build/index.js");
  if (!existsSync(buildPath)) throw new Error("No build found: run `npm run build` first (npm run demo does it for you).");

  services = await prepareRuntime({ announce: true, log: (line) => console.log(line) });
  const env = getEnv();
  // A vocabulary file that is not valid stops the start here, with the reason.
  loadVocabulary();
  if (followClockFile(env.TEST_CLOCK_FILE, env.NODE_ENV) === "ignored") console.warn("TEST_CLOCK_FILE is ignored: the clock moves only in tests (NODE_ENV=test).");
  await connectDatabase();
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

  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = createPortalApp({
    build,
    mode: env.NODE_ENV,
    logRequests: env.LOG_REQUESTS,
    publicUrl: env.PUBLIC_URL,
    trustProxy: env.TRUST_PROXY,
    embeddedServices: () => services?.status() ?? [],
  });
  const worker = startOutboxWorker({ log: (line) => console.log(line) });
  // The outcomes pages count from the whole ledger: reading it now spares the first of them the wait.
  warmLedger();
  const server = app.listen(env.PORT, () => {
    const address = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
    console.log(`\nSupported-placement portal running at ${address}`);
    if (env.MAILBOX_DIR) console.log(`E-mails sent go to the local mailbox: ${address}/dev/mailbox (or npm run mail)`);
    if (logins.length > 0) {
      console.log("\nDemo logins:");
      for (const login of logins) console.log(`  ${login.role.padEnd(20)} ${login.email.padEnd(40)} ${login.password}`);
    }
    console.log("\nPress Ctrl-C to stop.");
    if (process.env.REMIX_DEV_ORIGIN) void broadcastDevReady(build);
  });

  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(error.code === "EADDRINUSE" ? `Port ${env.PORT} is in use: set PORT to a free port.` : `Server error: ${error.message}`);
    void shutdown("error", 1);
  });

  let stopping = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    // Ctrl-C reaches the services too; a shutdown is no reason to restart them.
    services?.stopSupervising();
    console.log(`\n${signal}: stopping…`);
    server.close();
    server.closeAllConnections();
    await worker.stop();
    await disconnectDatabase();
    await services?.stop();
    process.exit(exitCode);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch(async (error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  await services?.stop();
  process.exit(1);
});
