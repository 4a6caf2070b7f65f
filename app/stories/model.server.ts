import { Schema, type InferSchemaType, type Types } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";
import { placementKinds, sectors } from "~/placements/vocabulary.ts";
import { storyChannels, storyNameChoices, storyPlaceChoices, storyStatuses } from "./vocabulary.ts";

/** What the public sees of a story: computed by public-story.ts from the story, frozen when the mentee approves it. */
const publicViewSchema = new Schema(
  {
    title: { type: String, required: true },
    body: { type: String, required: true },
    /** The name the story uses (changed or her first name), or empty. */
    name: { type: String, default: "" },
    /** The region, or the town when she chose it. */
    place: { type: String, required: true },
    country: { type: String, required: true },
    placementKind: { type: String, required: true },
    sector: { type: String, required: true },
    quote: { type: String, default: "" },
    /** Only when the story names the employer and the employer approved its part. */
    employerName: { type: String, default: "" },
    photo: { type: new Schema({ file: { type: String, required: true }, width: { type: Number, required: true }, height: { type: Number, required: true } }, { _id: false }) },
    language: { type: String, required: true },
  },
  { _id: false },
);

/**
 * A success story about a mentee's path. The editor's fields are kept as typed; what may reach
 * the public is only `approvedView` (the exact view the mentee approved, with the consent that
 * says so) and, once a coordinator published it, `publishedView`. Every edit adds one to
 * `version` and takes the story back to draft.
 */
const storySchema = new Schema(
  {
    menteeId: { type: Schema.Types.ObjectId, required: true },
    authorId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: storyStatuses, default: "draft", required: true },
    version: { type: Number, default: 1, required: true },
    language: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    placementKind: { type: String, enum: placementKinds, required: true },
    sector: { type: String, enum: sectors, required: true },
    country: { type: String, enum: ["HR", "SI", "DK"], required: true },
    town: { type: String, required: true },
    nameChoice: { type: String, enum: storyNameChoices, default: "omitted", required: true },
    changedName: { type: String, default: "" },
    placeChoice: { type: String, enum: storyPlaceChoices, default: "region", required: true },
    quote: { type: String, default: "" },
    /** The employer the story may name (only with showEmployer and the employer's approval). */
    organisationId: { type: Schema.Types.ObjectId },
    showEmployer: { type: Boolean, default: false, required: true },
    employerApproval: { type: String, enum: ["not_needed", "pending", "approved", "declined"], default: "not_needed", required: true },
    photo: { type: new Schema({ file: { type: String, required: true }, width: { type: Number, required: true }, height: { type: Number, required: true } }, { _id: false }) },
    /** The view the mentee approved, its version, and her consent. */
    approvedView: { type: publicViewSchema },
    approvedVersion: { type: Number },
    consentId: { type: Schema.Types.ObjectId },
    channels: { type: [{ type: String, enum: storyChannels }], default: undefined },
    expiresAt: { type: Date },
    /** What the public sees while published. */
    publishedView: { type: publicViewSchema },
    /**
     * The employer's name and quote taken out of `publishedView` when the employer declined its part
     * after publication; put back as they were if it approves again (decision 017).
     */
    withheldEmployerPart: { type: new Schema({ employerName: { type: String, default: "" }, quote: { type: String, default: "" } }, { _id: false }) },
    /** The consent the published version stands on (her consent for a newer version replaces it once that is published). */
    publishedConsentId: { type: Schema.Types.ObjectId },
    slug: { type: String },
    publishedAt: { type: Date },
    publishedBy: { type: Schema.Types.ObjectId },
    withdrawnAt: { type: Date },
    /** Copies outside the portal a coordinator must take down after a withdrawal or expiry (printed material, social posts). */
    takedownDoneAt: { type: Date },
    history: { type: [{ status: String, version: Number, at: Date, byRole: String, _id: false }], default: [] },
  },
  { timestamps: true },
);
storySchema.index({ slug: 1 }, { unique: true, sparse: true });
storySchema.index({ menteeId: 1 });
storySchema.index({ status: 1 });
export type Story = InferSchemaType<typeof storySchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const StoryModel = defineModel("Story", storySchema);
