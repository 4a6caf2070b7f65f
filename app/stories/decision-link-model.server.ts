import { Schema, type InferSchemaType, type Types } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";

/**
 * A one-time link that lets a mentee without an account decide about a story: only its hash is
 * stored. Opening it changes nothing; the first approve or decline sent with it uses it up.
 */
const storyDecisionLinkSchema = new Schema({
  tokenHash: { type: String, required: true },
  storyId: { type: Schema.Types.ObjectId, required: true },
  menteeId: { type: Schema.Types.ObjectId, required: true },
  /** The mentor who asked for it (recorded as who recorded her consent). */
  createdBy: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  /** A decision about a version awaiting her, or the renewal of the consent she gave: a link does only what it was given for. */
  purpose: { type: String, enum: ["decision", "renewal"], default: "decision", required: true },
  usedAt: { type: Date },
  /** What she answered with it (or that she renewed her consent): the page thanks her for that answer after the link is used. */
  answer: { type: String, enum: ["approve", "decline", "renew"] },
});
storyDecisionLinkSchema.index({ tokenHash: 1 }, { unique: true });
storyDecisionLinkSchema.index({ menteeId: 1 });
export type StoryDecisionLink = InferSchemaType<typeof storyDecisionLinkSchema> & { _id: Types.ObjectId };
export const StoryDecisionLinkModel = defineModel("StoryDecisionLink", storyDecisionLinkSchema);
