import { Schema, type InferSchemaType, type Types } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";

export const outboxStatuses = ["pending", "sent", "failed", "cancelled"] as const;

/**
 * Every effect that must reach an outside service (an e-mail now; search updates later) is
 * written here first, in the same single-document write as nothing else depends on, and a
 * worker carries it out with retries. FerretDB 1.x has no transactions, so the outbox document
 * is the one record that makes the effect recoverable.
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
  status: { type: String, enum: outboxStatuses, default: "pending", required: true },
  attempts: { type: Number, default: 0, required: true },
  nextAttemptAt: { type: Date, required: true },
  lastError: { type: String },
  createdAt: { type: Date, required: true },
  doneAt: { type: Date },
});
outboxSchema.index({ status: 1, nextAttemptAt: 1 });
outboxSchema.index({ menteeId: 1 }, { sparse: true });
outboxSchema.index({ menteeUserId: 1 }, { sparse: true });
export type OutboxItem = InferSchemaType<typeof outboxSchema> & { _id: Types.ObjectId };
export const OutboxModel = defineModel("OutboxItem", outboxSchema);

/**
 * A worker owns attempt N of item X by inserting the claim "X:N". The unique _id makes the
 * claim atomic on MongoDB and on FerretDB alike, so several processes can run workers at once.
 */
const outboxClaimSchema = new Schema({
  _id: { type: String, required: true },
  worker: { type: String, required: true },
  claimedAt: { type: Date, required: true },
});
outboxClaimSchema.index({ claimedAt: 1 });
export const OutboxClaimModel = defineModel("OutboxClaim", outboxClaimSchema);
