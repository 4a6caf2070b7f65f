import { Schema, type InferSchemaType, type Types } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";
import { consentFields, introductionStatuses } from "./vocabulary.ts";

/**
 * A consent as it was given: never edited. Withdrawal adds withdrawnAt/withdrawnBy once; a new
 * consent is a new record.
 */
const consentSchema = new Schema({
  menteeId: { type: Schema.Types.ObjectId, required: true },
  introductionId: { type: Schema.Types.ObjectId, required: true },
  purpose: { type: String, enum: ["introduction"], required: true },
  organisationId: { type: Schema.Types.ObjectId, required: true },
  placementId: { type: Schema.Types.ObjectId, required: true },
  fields: { type: [{ type: String, enum: consentFields }], required: true },
  /** The note the mentee approved for the employer, encrypted like the plan's private parts. */
  noteSealed: { type: String, default: "" },
  text: { type: String, required: true },
  textVersion: { type: String, required: true },
  language: { type: String, required: true },
  givenAt: { type: Date, required: true },
  method: { type: String, enum: ["with_mentor", "own_device"], required: true },
  recordedBy: { type: Schema.Types.ObjectId, required: true },
  witnessedBy: { type: Schema.Types.ObjectId },
  withdrawnAt: { type: Date },
  withdrawnBy: { type: Schema.Types.ObjectId },
  withdrawnByRole: { type: String },
  /** The mentor present when the mentee withdrew in a desk session. */
  withdrawalWitnessedBy: { type: Schema.Types.ObjectId },
});
consentSchema.index({ introductionId: 1 });
consentSchema.index({ menteeId: 1 });
export type Consent = InferSchemaType<typeof consentSchema> & { _id: Types.ObjectId };
export const ConsentModel = defineModel("Consent", consentSchema);

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
