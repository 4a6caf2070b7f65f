// `npm run reindex`: rebuilds the public placement and story indexes from the database and swaps
// them in. Uses the running portal's services when the environment names none.
import { connectDatabase, disconnectDatabase } from "~/db/connection.server.ts";
import { prepareRuntime } from "./runtime.ts";
import { rebuildSearchIndexes } from "./search-rebuild.ts";

const services = await prepareRuntime({ reuse: true, log: (line) => console.error(line) });
let exitCode = 0;
try {
  await connectDatabase();
  await rebuildSearchIndexes((line) => console.log(line));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  exitCode = 1;
} finally {
  await disconnectDatabase();
  await services?.stop();
}
process.exit(exitCode);
