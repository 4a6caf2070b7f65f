import { Schema } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";
import { ledgerEventKinds } from "./events.ts";

/**
 * One ledger event (events.ts). Its _id is its place in the ledger (1, 2, 3, …), taken by
 * inserting: a number is used at most once, and n + 1 is tried only after n exists, so the ledger
 * has no holes and a reader follows it by _id alone (the one lookup FerretDB's SQLite backend
 * answers without reading the whole collection). Never changed; a correction is a new event.
 */
const ledgerEventSchema = new Schema(
  {
    _id: { type: Number, required: true },
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
  },
  { versionKey: false },
);
export const LedgerEventModel = defineModel("LedgerEvent", ledgerEventSchema);

/**
 * Marks beside the ledger: "head" holds a recent number (where writers start looking for the next
 * free one; it may lag, never lead), "backfilled" says the ledger was derived from the records
 * that existed before it.
 */
const ledgerMarkSchema = new Schema({ _id: { type: String, required: true }, seq: { type: Number }, at: { type: Date } }, { versionKey: false });
export const LedgerMarkModel = defineModel("LedgerMark", ledgerMarkSchema);
