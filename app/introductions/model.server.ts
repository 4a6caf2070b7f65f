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
// One introduction per proposal: a double click or a race cannot make a second.
introductionSchema.index({ proposalId: 1 }, { unique: true });
introductionSchema.index({ organisationId: 1, status: 1 });
introductionSchema.index({ menteeId: 1 });
export type Introduction = InferSchemaType<typeof introductionSchema> & { _id: Types.ObjectId };
export const IntroductionModel = defineModel("Introduction", introductionSchema);
