import { Schema, type InferSchemaType, type Types } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";

export const alertCadences = ["daily", "weekly", "none"] as const;
export type AlertCadence = (typeof alertCadences)[number];

/**
 * A mentor's saved search for one mentee: the matches as they were (the plan's fingerprint, the
 * relaxations chosen) and how often to hear of new placements that fit. One per mentor and
 * mentee. Nothing of the plan itself is kept here: the digest reads the plan when it runs and
 * compares its fingerprint, so a saved search never holds a copy of encrypted fields.
 */
const savedSearchSchema = new Schema({
  mentorId: { type: Schema.Types.ObjectId, required: true },
  menteeId: { type: Schema.Types.ObjectId, required: true },
  relax: {
    distance: { type: Boolean, default: false },
    hours: { type: Boolean, default: false },
    languages: { type: Boolean, default: false },
    support: { type: Boolean, default: false },
  },
  /** A keyed hash of the plan's matching fields when it was saved (fingerprintOf). */
  fingerprint: { type: String, required: true },
  cadence: { type: String, enum: alertCadences, required: true },
  /** paused: the plan changed since it was saved, so the saved fit no longer applies. */
  status: { type: String, enum: ["active", "paused"], default: "active", required: true },
  /** The mentor's programme time zone: the digest goes out at 07:00 there. */
  timeZone: { type: String, required: true },
  savedAt: { type: Date, required: true },
  /** Placements published up to this moment have been looked at for this search (the next run goes on from here). */
  checkedUpTo: { type: Date, required: true },
  pausedAt: { type: Date },
});
savedSearchSchema.index({ mentorId: 1, menteeId: 1 }, { unique: true });
savedSearchSchema.index({ timeZone: 1, status: 1 });
savedSearchSchema.index({ menteeId: 1 });
export type SavedSearch = InferSchemaType<typeof savedSearchSchema> & { _id: Types.ObjectId };
export const SavedSearchModel = defineModel("AlertSavedSearch", savedSearchSchema);

/**
 * When a mentor looked at a mentee's matches: `previousAt` is the look before the current sitting
 * (looks less than half an hour apart are one sitting), and what was published after it is "new".
 */
const matchesViewSchema = new Schema({
  mentorId: { type: Schema.Types.ObjectId, required: true },
  menteeId: { type: Schema.Types.ObjectId, required: true },
  lastAt: { type: Date, required: true },
  previousAt: { type: Date },
});
matchesViewSchema.index({ mentorId: 1, menteeId: 1 }, { unique: true });
matchesViewSchema.index({ menteeId: 1 });
export const MatchesViewModel = defineModel("AlertMatchesView", matchesViewSchema);

/**
 * What one mentor's digest of one local day holds, by saved search: written by the run before the
 * e-mail is queued, so a retried run or e-mail sends the same list, and read when the e-mail is
 * rendered (the outbox payload holds only this document's id).
 */
const digestSchema = new Schema({
  /** digestIdOf(mentor, day): found by its primary key, which FerretDB answers without a scan. */
  _id: { type: String, required: true },
  mentorId: { type: Schema.Types.ObjectId, required: true },
  /** The local day in the mentor's programme time zone ("2026-12-02"). */
  day: { type: String, required: true },
  timeZone: { type: String, required: true },
  /** since: placements published after this moment were looked at; the e-mail's link marks them new from then. */
  entries: {
    type: [{ searchId: Schema.Types.ObjectId, menteeId: Schema.Types.ObjectId, placementIds: [String], since: Date, _id: false }],
    default: [],
  },
  createdAt: { type: Date, required: true },
});
digestSchema.index({ mentorId: 1, day: 1 }, { unique: true });
digestSchema.index({ timeZone: 1, day: 1 });
digestSchema.index({ "entries.menteeId": 1 });
export type AlertDigest = InferSchemaType<typeof digestSchema>;
export const digestIdOf = (mentorId: unknown, day: string) => `${String(mentorId)}:${day}`;
export const AlertDigestModel = defineModel("AlertDigest", digestSchema);

/** A one-click unsubscribe link: only the hash of its random token is kept. */
const unsubscribeTokenSchema = new Schema({
  tokenHash: { type: String, required: true },
  mentorId: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, required: true },
  usedAt: { type: Date },
});
unsubscribeTokenSchema.index({ tokenHash: 1 }, { unique: true });
unsubscribeTokenSchema.index({ mentorId: 1 });
export const UnsubscribeTokenModel = defineModel("AlertUnsubscribeToken", unsubscribeTokenSchema);
