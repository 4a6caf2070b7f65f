import { Schema, type InferSchemaType, type Types } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";
import { introductionStatuses } from "./states.ts";

/**
 * A mentee introduced to the organisation behind a placement she was proposed, from the
 * mentor's first step to the employer's answer and the placement (states.ts says how it moves).
 */
const introductionSchema = new Schema(
  {
    menteeId: { type: Schema.Types.ObjectId, required: true },
    proposalId: { type: Schema.Types.ObjectId, required: true },
    placementId: { type: Schema.Types.ObjectId, required: true },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    mentorId: { type: Schema.Types.ObjectId, required: true },
    /** Which introduction of the offer this is: 0 the first, 1 the one a mentor started after she withdrew her consent to it, and so on. */
    attempt: { type: Number, default: 0 },
    status: { type: String, enum: introductionStatuses, required: true },
    /** Counts transitions; each one is claimed once as "<id>:<version>" (see claimOnce). */
    version: { type: Number, default: 0, required: true },
    meetingAt: { type: Date },
    meetingPlace: { type: String },
    declineReason: { type: String },
    history: { type: [{ status: String, at: Date, byRole: String, _id: false }], default: [] },
  },
  { timestamps: true },
);
// One introduction per proposal at a time: a double click or a race cannot make a second, and
// after her withdrawal the next one is the next attempt (states.ts, mayIntroduceAgainAfter).
introductionSchema.index({ proposalId: 1, attempt: 1 }, { unique: true });
introductionSchema.index({ organisationId: 1, status: 1 });
introductionSchema.index({ menteeId: 1 });
export type Introduction = InferSchemaType<typeof introductionSchema> & { _id: Types.ObjectId };
export const IntroductionModel = defineModel("Introduction", introductionSchema);

/**
 * Migration: the index that allowed one introduction per proposal for ever is dropped, so that a
 * mentee who withdrew her consent can be introduced again for the same offer (its successor, on
 * proposal and attempt, is created with the model's indexes). Harmless when run twice or together.
 */
export async function letOffersBeIntroducedAgain(): Promise<number> {
  const indexes = await IntroductionModel.collection.indexes().catch(() => []);
  if (!indexes.some((index) => index.name === "proposalId_1")) return 0;
  try {
    await IntroductionModel.collection.dropIndex("proposalId_1");
    return 1;
  } catch {
    // Another process dropped it first.
    return 0;
  }
}
