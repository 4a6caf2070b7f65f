import { Schema, type InferSchemaType, type Types } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";
import { consentFields, consentMethods, consentPurposes, storyChannels } from "./vocabulary.ts";

function forIntroduction(this: { purpose?: string }) {
  return this.purpose === "introduction";
}
/** A field only an introduction consent has: required on one, refused on a consent for another purpose. */
const introductionOnly = { type: Schema.Types.ObjectId, required: forIntroduction, validate: { validator: forIntroduction, message: "only an introduction consent has {PATH}" } };

function forStory(this: { purpose?: string }) {
  return this.purpose === "story_publication";
}
/** A field only a story publication consent has. */
function storyOnly<T>(type: T) {
  return { type, required: forStory, validate: { validator: forStory, message: "only a story publication consent has {PATH}" } };
}

/**
 * A consent as it was given: never edited. Withdrawal adds withdrawnAt/withdrawnBy once; a new
 * consent is a new record. The evidence is the same for every purpose; what the consent is for
 * depends on its purpose (vocabulary.ts).
 */
const consentSchema = new Schema({
  menteeId: { type: Schema.Types.ObjectId, required: true },
  purpose: { type: String, enum: consentPurposes, required: true },
  introductionId: introductionOnly,
  /** The organisation the mentee's data is shown to. */
  organisationId: introductionOnly,
  placementId: introductionOnly,
  fields: { type: [{ type: String, enum: consentFields }], required: forIntroduction },
  storyId: storyOnly(Schema.Types.ObjectId),
  /** The story's version she saw and approved: a later edit needs a new consent. */
  storyVersion: storyOnly(Number),
  /** Where the story may appear; at least one. */
  channels: {
    type: [{ type: String, enum: storyChannels }],
    default: undefined,
    required: forStory,
    validate: { validator: (channels?: string[]) => channels === undefined || channels.length > 0, message: "a story publication consent names at least one channel" },
  },
  /** When the consent runs out (the story is taken down then unless she renews it). */
  expiresAt: storyOnly(Date),
  /** The note the mentee approved for the employer, encrypted like the plan's private parts. */
  noteSealed: { type: String, default: "" },
  text: { type: String, required: true },
  textVersion: { type: String, required: true },
  language: { type: String, required: true },
  givenAt: { type: Date, required: true },
  method: { type: String, enum: consentMethods, required: true },
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
consentSchema.index({ storyId: 1 }, { sparse: true });
export type Consent = InferSchemaType<typeof consentSchema> & { _id: Types.ObjectId };
export const ConsentModel = defineModel("Consent", consentSchema);

/**
 * Migration: a consent record without a purpose was given for an introduction, the only purpose
 * there was, and is now found as one (visibleProfileFor reads introduction consents only). Run at
 * every start; each record gets the same value once, so several processes may run it together.
 */
export async function giveConsentsTheirPurpose(): Promise<number> {
  const result = await ConsentModel.updateMany({ purpose: null, introductionId: { $ne: null } }, { $set: { purpose: "introduction" } });
  return result.modifiedCount;
}
