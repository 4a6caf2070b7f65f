import type { Model } from "mongoose";

// Any of the portal's models: only its find by _id is used.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;

/** FerretDB's SQLite backend (as the portal builds it) answers `_id: { $in }` from its index for up to this many ids. */
const idsPerQuery = 1000;

/**
 * The records with these ids, in the order asked, `null` where one is missing: one query per 1 000
 * ids instead of one per id (FerretDB serves queries one at a time, so 50 lookups in parallel
 * take as long as 50 in a row). Ids asked twice are fetched once.
 */
export async function findByIds<T>(model: AnyModel, ids: unknown[], fields?: string): Promise<(T | null)[]> {
  const wanted = [...new Set(ids.map(String))];
  const found = new Map<string, T>();
  for (let start = 0; start < wanted.length; start += idsPerQuery) {
    // All in the first batch: a second round trip (getMore) costs more than it saves.
    const query = model.find({ _id: { $in: wanted.slice(start, start + idsPerQuery) } }).batchSize(idsPerQuery);
    if (fields) query.select(fields);
    for (const record of await query.lean<(T & { _id: unknown })[]>()) found.set(String(record._id), record);
  }
  return ids.map((id) => found.get(String(id)) ?? null);
}
