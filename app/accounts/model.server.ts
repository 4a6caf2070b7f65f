import { Schema, type InferSchemaType, type Types } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";
import { languages } from "~/i18n/languages.ts";

export const roles = ["employer", "mentor", "mentee", "coordinator"] as const;
export type Role = (typeof roles)[number];
export const approvalStatuses = ["pending", "approved", "rejected"] as const;

const userSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    passwordHash: { type: String, required: true },
    name: { type: String, required: true, trim: true },
    role: { type: String, enum: roles, required: true },
    organisationId: { type: Schema.Types.ObjectId },
    language: { type: String, enum: languages, default: "en", required: true },
    emailConfirmedAt: { type: Date },
    /** Mentors are approved by a coordinator; other roles are approved through their organisation. */
    approval: { type: String, enum: approvalStatuses, default: "approved", required: true },
    rejectionReason: { type: String },
    decidedAt: { type: Date },
    decidedBy: { type: Schema.Types.ObjectId },
    /** External identifier of a mentor brought in by an import. */
    key: { type: String },
    /** Set while a coordinator has deactivated the account (a mentor who left): it cannot sign in and its sessions end. */
    deactivatedAt: { type: Date },
    /** Who deactivated or reactivated the account, when. */
    activationHistory: {
      type: [new Schema({ active: { type: Boolean, required: true }, at: { type: Date, required: true }, by: { type: Schema.Types.ObjectId, required: true }, byName: { type: String, required: true } }, { _id: false })],
      default: undefined,
    },
  },
  { timestamps: true },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ key: 1 }, { unique: true, sparse: true });
userSchema.index({ role: 1, approval: 1 });
userSchema.index({ organisationId: 1 });

export type User = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export const UserModel = defineModel("User", userSchema);

const sessionSchema = new Schema({
  /**
   * The idHash again: every page finds its session by _id, the one field FerretDB 1.24 answers
   * from an index (by idHash it read every session there is). idHash stays for older processes.
   */
  _id: { type: String, required: true },
  /** SHA-256 of the cookie's session id: a copy of the database does not hand out live sessions. */
  idHash: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  /**
   * Set when a mentor opened this session of a mentee at the desk: everything done in it is done
   * with that mentor present, and only pages that allow a desk session serve it.
   */
  desk: {
    type: new Schema(
      {
        mentorId: { type: Schema.Types.ObjectId, required: true },
        mentorName: { type: String, required: true },
        /** The desk session's own record, kept with the mentee (what was done in it). */
        recordId: { type: Schema.Types.ObjectId, required: true },
      },
      { _id: false },
    ),
  },
});
sessionSchema.index({ idHash: 1 }, { unique: true });
sessionSchema.index({ userId: 1 });
sessionSchema.index({ expiresAt: 1 });
export const SessionModel = defineModel("Session", sessionSchema);

export const tokenPurposes = ["confirm_email", "reset_password", "invite"] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

const tokenSchema = new Schema({
  tokenHash: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  purpose: { type: String, enum: tokenPurposes, required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
  usedAt: { type: Date },
});
tokenSchema.index({ tokenHash: 1 }, { unique: true });
tokenSchema.index({ expiresAt: 1 });
export const TokenModel = defineModel("Token", tokenSchema);

/**
 * A browser that has signed in to an account: the cookie holds a random id, the database its
 * SHA-256. Sign-ins from such a browser skip the account-wide limit on failed sign-ins
 * (docs/decisions/010-login-throttling.md).
 */
const knownDeviceSchema = new Schema({
  idHash: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  lastSignInAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true },
});
knownDeviceSchema.index({ idHash: 1, userId: 1 }, { unique: true });
knownDeviceSchema.index({ userId: 1 });
knownDeviceSchema.index({ expiresAt: 1 });
export const KnownDeviceModel = defineModel("KnownDevice", knownDeviceSchema);
