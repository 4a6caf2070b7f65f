import type { UpdateQuery } from "mongoose";
import { oneAtATimeEverywhere } from "~/db/claims.server.ts";
import { CheckinModel, type Checkin } from "./model.server.ts";

/**
 * Every change of a check-in goes through here, one at a time per check-in across processes, and
 * only while the check-in still is as `expected` (its `moves`, its status). On FerretDB an update
 * reads the document and writes all of it back, so a mentee's answer landing while her mentor
 * recorded the same check-in put back the "open" it had read: the record was lost though its
 * request had succeeded. Checking `expected` here and writing by _id alone also spares FerretDB
 * reading every check-in to find one (it uses its index only for a filter on _id alone).
 */
export function updateCheckin(checkinId: unknown, expected: Partial<Record<"moves" | "status", unknown>>, update: UpdateQuery<Checkin>): Promise<{ modifiedCount: number }> {
  return oneAtATimeEverywhere(`checkin-write:${String(checkinId)}`, async () => {
    const fields = Object.keys(expected) as (keyof typeof expected)[];
    if (fields.length) {
      const current = await CheckinModel.findById(checkinId).select(fields.join(" ")).lean<Record<string, unknown>>();
      if (!current || fields.some((field) => current[field] !== expected[field])) return { modifiedCount: 0 };
    }
    return CheckinModel.updateOne({ _id: checkinId }, update);
  });
}
