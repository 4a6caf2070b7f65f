// `npm run reindex`: rebuilds the public placement index from the database and swaps it in.
import { connectDatabase, disconnectDatabase } from "~/db/connection.server.ts";
import { rebuildPlacementIndex } from "~/placements/search-index.server.ts";

await connectDatabase();
const result = await rebuildPlacementIndex();
console.log(`Reindexed ${result.documents} published placements in ${(result.ms / 1000).toFixed(1)} s; ${result.resynced} changed meanwhile and were queued again.`);
await disconnectDatabase();
