import { Schema, type InferSchemaType, type Types } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";

export const proposalStatuses = ["proposed", "seen", "interested", "not_now", "declined"] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

/** A placement the lead mentor proposed to a mentee, and her answer. */
const proposalSchema = new Schema(
  {
    menteeId: { type: Schema.Types.ObjectId, required: true },
    placementId: { type: Schema.Types.ObjectId, required: true },
    mentorId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: proposalStatuses, default: "proposed", required: true },
    reason: { type: String, default: "" },
    history: { type: [{ status: String, at: Date, by: String, _id: false }], default: [] },
  },
  { timestamps: true },
);
// One proposal per mentee and placement: a double click cannot make two.
proposalSchema.index({ menteeId: 1, placementId: 1 }, { unique: true });
export const ProposalModel = defineModel("Proposal", proposalSchema);
export type Proposal = InferSchemaType<typeof proposalSchema> & { _id: Types.ObjectId };
