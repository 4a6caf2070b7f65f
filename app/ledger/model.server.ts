import { Schema } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";
import { ledgerEventKinds } from "./events.ts";

/** An event's _id: its number in the ledger, as twelve digits (sorts as the numbers do). */
export function ledgerId(seq: number): string {
  return String(seq).padStart(12, "0");
}

/**
 * One ledger event (events.ts). Its _id is its place in the ledger (ledgerId(1), (2), …), taken
 * by inserting: a number is used at most once, and n + 1 is tried only after n exists, so the
 * ledger has no holes. Never changed; a correction is a new event.
 */
const eventFields = {
  _id: { type: String, required: true },
  kind: { type: String, enum: ledgerEventKinds, required: true },
  day: { type: String, required: true },
  at: { type: Date, required: true },
  menteeId: { type: Schema.Types.ObjectId, required: true },
  mentorId: { type: Schema.Types.ObjectId, required: true },
  organisationId: { type: Schema.Types.ObjectId },
  country: { type: String, required: true },
  ref: { type: Schema.Types.ObjectId },
  status: { type: String },
  from: { type: String },
  to: { type: String },
  milestone: { type: String },
  reason: { type: String },
  dueDay: { type: String },
};
export const LedgerEventModel = defineModel("LedgerEvent", new Schema(eventFields, { versionKey: false }));

/**
 * The same events, the latest few thousand only: what a process that holds the ledger reads to
 * follow it. On FerretDB's SQLite backend even a lookup by _id walks the collection (a quarter of
 * a second at 100 000 events), while reading this small one whole takes milliseconds.
 */
export const RecentLedgerEventModel = defineModel("RecentLedgerEvent", new Schema(eventFields, { versionKey: false }));
/** How many of the latest events the recent collection keeps (pruned as the head passes multiples of it). */
export const RECENT_EVENTS_KEPT = 2000;

/**
 * Marks beside the ledger: "head" holds a recent number (where writers start looking for the next
 * free one; it may lag, never lead), "backfilled" says the ledger was derived from the records
 * that existed before it.
 */
const ledgerMarkSchema = new Schema({ _id: { type: String, required: true }, seq: { type: Number }, at: { type: Date } }, { versionKey: false });
export const LedgerMarkModel = defineModel("LedgerMark", ledgerMarkSchema);
