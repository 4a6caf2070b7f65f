// `npm run backup -- <file>` and `npm run restore -- <file> [--replace]`: the whole database and
// the story photos to one file and back (server/backup.ts). Both use the running portal's
// services when the environment names none; a restore rebuilds the search indexes after it.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { connectDatabase, disconnectDatabase } from "~/db/connection.server.ts";
import { encryptionKeyOpensData, RestoreRefused, restoreBackup, writeBackup } from "./backup.ts";
import { prepareRuntime } from "./runtime.ts";
import { rebuildSearchIndexes } from "./search-rebuild.ts";

const usage = "Usage: npm run backup -- <file>   |   npm run restore -- <file> [--replace]";
const [command, ...rest] = process.argv.slice(2);

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({ args: rest, allowPositionals: true, options: { replace: { type: "boolean", default: false } } });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const file = parsed.positionals[0];
if (command !== "backup" && command !== "restore") fail(`Unknown command ${command}.`);
if (!file || parsed.positionals.length > 1) fail("Name one file.");
if (command === "backup" && parsed.values.replace) fail("--replace belongs to restore.");
if (command === "restore" && !existsSync(file)) fail(`No file ${file}.`);

const summary = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([name, count]) => `${name} ${count}`)
    .join(", ");

const services = await prepareRuntime({ reuse: true, log: (line) => console.error(line) });
let exitCode = 0;
try {
  const connection = await connectDatabase();
  const database = connection.connection.db?.databaseName;
  if (command === "backup") {
    const started = Date.now();
    const counts = await writeBackup(file);
    console.log(`Backed up the database ${database} to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary(counts)}.`);
  } else {
    const started = Date.now();
    const counts = await restoreBackup(file, { replace: parsed.values.replace });
    console.log(`Restored ${file} into the database ${database} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary(counts)}.`);
    if ((await encryptionKeyOpensData()) === false) {
      console.error("DATA_ENCRYPTION_KEY does not open the mentees' encrypted data in this backup: start the portal with the key the backup was made under, or their plans stay unreadable.");
      exitCode = 4;
    }
    try {
      await rebuildSearchIndexes((line) => console.log(line));
    } catch (error) {
      console.error(`The database is restored, but the search indexes were not rebuilt (${error instanceof Error ? error.message : String(error)}): run npm run reindex when Meilisearch answers.`);
      exitCode = 1;
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  exitCode = error instanceof RestoreRefused ? 3 : 1;
} finally {
  await disconnectDatabase();
  await services?.stop();
}
process.exit(exitCode);
