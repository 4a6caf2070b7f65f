import { Schema, type InferSchemaType, type Types } from "mongoose";
import { now } from "~/clock/clock.ts";
import { defineModel } from "~/db/connection.server.ts";

export const outboxStatuses = ["pending", "sent", "failed", "cancelled"] as const;

/**
 * Every effect that must reach an outside service or happen later (an e-mail, a search update, a
 * reminder) is written here first, in a single-document write, and a worker carries it out when
 * it is due, with retries. FerretDB 1.x has no transactions, so the outbox document is the one
 * record that makes the effect recoverable. See docs/decisions/003-outbox.md.
 */
const outboxSchema = new Schema({
  kind: { type: String, required: true },
  payload: { type: Schema.Types.Mixed, required: true },
  /**
   * The mentee this item is to or about, by id: erasure finds what belongs to a person by id and
   * never by matching a name or an address in the payload. menteeUserId is the mentee's account,
   * for e-mails sent by the accounts module, which knows only the account.
   */
  menteeId: { type: Schema.Types.ObjectId },
  menteeUserId: { type: Schema.Types.ObjectId },
  /** Names the effect: the same key queued twice is one item. Optional; unique where present. */
  key: { type: String },
  status: { type: String, enum: outboxStatuses, default: "pending", required: true },
  attempts: { type: Number, default: 0, required: true },
  /** When the feature wants it done (now, unless it said later). */
  dueAt: { type: Date },
  /** When a worker may take it next: the due time, then after a failure the backoff, during an attempt the lease's end. */
  nextAttemptAt: { type: Date, required: true },
  /**
   * The UTC day ("2026-12-01") of nextAttemptAt, or the day it was written when that was already
   * past, kept with nextAttemptAt. Workers find due work by equality on it: FerretDB pushes
   * equality down to its backend, never a range (docs/decisions/015-followup-at-scale.md).
   */
  dueDay: { type: String },
  /** Set while a worker carries out an attempt: such an item is not rescheduled under it. */
  leasedUntil: { type: Date },
  /** Moves on with every reschedule, and is part of each claim, so that a rescheduled item never meets an earlier attempt's claim. */
  version: { type: Number, default: 0 },
  lastError: { type: String },
  createdAt: { type: Date, required: true },
  doneAt: { type: Date },
});
outboxSchema.index({ status: 1, nextAttemptAt: 1 });
outboxSchema.index({ status: 1, dueDay: 1 });
// Items written whole (by a test, a script) get their day from their due time.
outboxSchema.pre("validate", function () {
  if (!this.dueDay && this.nextAttemptAt) this.dueDay = dueDayOf(this.nextAttemptAt, now());
});
// Sparse: items without a key do not meet each other (MongoDB; FerretDB 1.x skips missing fields anyway).
outboxSchema.index({ key: 1 }, { unique: true, sparse: true });
outboxSchema.index({ menteeId: 1 }, { sparse: true });
outboxSchema.index({ menteeUserId: 1 }, { sparse: true });
/** The day an item due at `at` is looked for on, written at `writtenAt`: an item due in the past is looked for today. */
export function dueDayOf(at: Date, writtenAt: Date): string {
  return utcDay(at.getTime() < writtenAt.getTime() ? writtenAt : at);
}

/** "2026-12-01": the UTC day of a moment. */
export function utcDay(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export type OutboxItem = InferSchemaType<typeof outboxSchema> & { _id: Types.ObjectId };
export const OutboxModel = defineModel("OutboxItem", outboxSchema);

/**
 * A worker owns attempt N of version V of item X by inserting the claim "X:V:N". The unique _id
 * makes the claim atomic on MongoDB and on FerretDB alike, so several processes can run workers
 * at once.
 */
const outboxClaimSchema = new Schema({
  _id: { type: String, required: true },
  worker: { type: String, required: true },
  claimedAt: { type: Date, required: true },
});
outboxClaimSchema.index({ claimedAt: 1 });
export const OutboxClaimModel = defineModel("OutboxClaim", outboxClaimSchema);
