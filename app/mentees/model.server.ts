import { Schema, type InferSchemaType, type Types } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";
import { deskActionKinds } from "./desk-actions.ts";
import { menteeReadiness } from "./vocabulary.ts";

/**
 * A mentee and their individual plan. Special-category data (support needed, barriers, notes) is
 * stored only encrypted (the *Sealed fields) and never leaves the server except to the lead
 * mentor and the programme's coordinators.
 */
const menteeSchema = new Schema(
  {
    mentorId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId },
    firstName: { type: String, required: true, trim: true },
    fullName: { type: String, trim: true, default: "" },
    email: { type: String, lowercase: true, trim: true },
    language: { type: String, default: "hr" },
    readiness: { type: String, enum: menteeReadiness, required: true },
    readinessChangedAt: { type: Date, required: true },
    goals: { type: String, default: "" },
    strengths: { type: [String], default: [] },
    interests: { type: [String], default: [] },
    skills: { type: [String], default: [] },
    languages: { type: [String], default: [] },
    town: { type: String, required: true },
    country: { type: String, enum: ["HR", "SI", "DK"], required: true },
    lat: { type: Number, required: true },
    lng: { type: Number, required: true },
    travelKm: { type: Number, required: true },
    hoursMin: { type: Number, required: true },
    hoursMax: { type: Number, required: true },
    supportNeededSealed: { type: String, default: "" },
    barriersSealed: { type: String, default: "" },
    notesSealed: { type: String, default: "" },
    key: { type: String },
  },
  { timestamps: true },
);
menteeSchema.index({ mentorId: 1 });
menteeSchema.index({ userId: 1 }, { sparse: true });
menteeSchema.index({ key: 1 }, { unique: true, sparse: true });
export type Mentee = InferSchemaType<typeof menteeSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const MenteeModel = defineModel("Mentee", menteeSchema);

/** Who changed which parts of a plan, when (names of fields only, never their values). */
const planChangeSchema = new Schema({
  menteeId: { type: Schema.Types.ObjectId, required: true },
  changedBy: { type: Schema.Types.ObjectId, required: true },
  changedByName: { type: String, required: true },
  fields: { type: [String], required: true },
  at: { type: Date, required: true },
});
planChangeSchema.index({ menteeId: 1, at: -1 });
export const PlanChangeModel = defineModel("PlanChange", planChangeSchema);

/** Every read of a mentee's record, by anyone, and every handover of it to another lead mentor (part "handover"). */
const auditSchema = new Schema({
  actorId: { type: Schema.Types.ObjectId, required: true },
  actorRole: { type: String, required: true },
  menteeId: { type: Schema.Types.ObjectId, required: true },
  part: { type: String, required: true },
  at: { type: Date, required: true },
  /** A handover: from which lead mentor to which, and the coordinator's reason (emptied by an erasure). */
  handover: {
    type: new Schema({ fromMentorId: { type: Schema.Types.ObjectId, required: true }, toMentorId: { type: Schema.Types.ObjectId, required: true }, reason: { type: String, default: "" } }, { _id: false }),
  },
});
auditSchema.index({ menteeId: 1, at: -1 });
auditSchema.index({ actorId: 1, at: -1 });
export const AuditEntryModel = defineModel("AuditEntry", auditSchema);

/**
 * A session of the mentee that her lead mentor opened on the mentor's screen, and what was done
 * in it. The mentee sees these in her history; erasure deletes them with her.
 */
const deskSessionSchema = new Schema({
  menteeId: { type: Schema.Types.ObjectId, required: true },
  mentorId: { type: Schema.Types.ObjectId, required: true },
  mentorName: { type: String, required: true },
  openedAt: { type: Date, required: true },
  endsAt: { type: Date, required: true },
  endedAt: { type: Date },
  /** How the mentee agreed to it: her own password typed at the desk, or none asked (no account of her own). */
  agreement: { type: String, enum: ["own_password", "no_own_account"], required: true },
  /** The outbox e-mail that tells her, due when the session ends. */
  emailId: { type: Schema.Types.ObjectId },
  actions: {
    type: [
      {
        kind: { type: String, enum: deskActionKinds, required: true },
        at: { type: Date, required: true },
        placement: { type: String, default: "" },
        organisation: { type: String, default: "" },
        answer: { type: String, default: "" },
        _id: false,
      },
    ],
    default: [],
  },
});
deskSessionSchema.index({ menteeId: 1, openedAt: -1 });
export const DeskSessionModel = defineModel("DeskSession", deskSessionSchema);
