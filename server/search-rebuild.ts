// Both public indexes, rebuilt from the database and swapped in: `npm run reindex` and a restore.
import { rebuildPlacementIndex } from "~/placements/search-index.server.ts";
import { rebuildStoryIndex } from "~/stories/search-index.server.ts";

export async function rebuildSearchIndexes(log: (line: string) => void): Promise<void> {
  const placements = await rebuildPlacementIndex();
  log(`Reindexed ${placements.documents} published placements in ${(placements.ms / 1000).toFixed(1)} s; ${placements.resynced} changed meanwhile and were queued again.`);
  const stories = await rebuildStoryIndex();
  log(`Reindexed ${stories.documents} published stories.`);
}
