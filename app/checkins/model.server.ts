import { Schema, type InferSchemaType, type Types } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";
import { isMilestoneName } from "./schedule.ts";
import { checkinMethods, checkinPartners, checkinStatuses, employerImpressions, outcomeKinds } from "./vocabulary.ts";

/**
 * What a caseload's lists and the going-quiet rules read of one check-in, kept beside its follow-up
 * (states.server.ts) so that a mentor's pages read her 50 follow-ups' copies instead of their 300 check-ins.
 */
const checkinStateSchema = new Schema(
  {
    checkinId: { type: Schema.Types.ObjectId, required: true },
    dueDay: { type: Date, required: true },
    status: { type: String, enum: checkinStatuses, required: true },
    milestone: { type: String, required: true },
    contactDay: { type: Date },
    attended: { type: Number },
    expected: { type: Number },
    /** Still sealed: the mentee's answer on the five-step scale, else the mentor's. */
    feelingSealed: { type: String },
  },
  { _id: false },
);

/**
 * A placement's follow-up: opened when the lead mentor records the start of an accepted
 * introduction (one per introduction), holding what was agreed. Its check-ins are CheckinModel.
 */
const followUpSchema = new Schema(
  {
    introductionId: { type: Schema.Types.ObjectId, required: true },
    menteeId: { type: Schema.Types.ObjectId, required: true },
    placementId: { type: Schema.Types.ObjectId, required: true },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    placementKind: { type: String, required: true },
    /** The programme country whose time zone reminders keep (the mentee's). */
    country: { type: String, required: true },
    startDay: { type: Date, required: true },
    hoursPerWeek: { type: Number, required: true },
    plannedEndDay: { type: Date },
    status: { type: String, enum: ["active", "ended"], default: "active", required: true },
    /** How and when it ended (the outcome event holds the same, dated). */
    ending: { type: String },
    endDay: { type: Date },
    startedBy: { type: Schema.Types.ObjectId, required: true },
    /** The programme's milestones when it started: its plan, whatever a coordinator changes later. Missing on follow-ups started before they could change (the defaults). */
    milestones: { type: [new Schema({ days: { type: Number }, months: { type: Number } }, { _id: false })], default: undefined },
  },
  { timestamps: true },
);
// One follow-up per introduction: a double submit or a race opens one.
followUpSchema.index({ introductionId: 1 }, { unique: true });
followUpSchema.index({ menteeId: 1 });
export type FollowUp = InferSchemaType<typeof followUpSchema> & { _id: Types.ObjectId };
export const FollowUpModel = defineModel("FollowUp", followUpSchema);

/**
 * A follow-up's copy of its check-ins' states, a document of its own (its _id is the follow-up's) so
 * that renewing it never writes the follow-up: on FerretDB an update writes a whole document back.
 */
const checkinStatesCopySchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  states: { type: [checkinStateSchema], default: [] },
  /** The number of the follow-up's check-in changes counted when the check-ins were read. */
  asOf: { type: Number, required: true },
});
export type CheckinStatesCopy = InferSchemaType<typeof checkinStatesCopySchema>;
export const CheckinStatesCopyModel = defineModel("CheckinStatesCopy", checkinStatesCopySchema);

const changeSchema = new Schema(
  {
    kind: { type: String, enum: ["added", "moved", "cancelled"], required: true },
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, required: true },
    from: { type: Date },
    to: { type: Date },
    reason: { type: String, default: "" },
  },
  { _id: false },
);

/**
 * One check-in. Special-category parts (how the mentee feels, what goes well and what needs
 * support, support agreed, next step, private note) are stored only encrypted (*Sealed, as the
 * plan's): each read goes through app/checkins and is audited. Attendance is plain: the employer
 * reports it. Each of mentee, employer and mentor fills in their own part.
 */
const checkinSchema = new Schema(
  {
    followUpId: { type: Schema.Types.ObjectId, required: true },
    menteeId: { type: Schema.Types.ObjectId, required: true },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    introductionId: { type: Schema.Types.ObjectId, required: true },
    /** "<followUpId>:<milestone>" for the plan's own check-ins, so that opening the plan twice makes each once. */
    key: { type: String, required: true },
    /** Named by its distance from the start ("week1", "day10", "month2"), or "plannedEnd" / "extra" (schedule.ts). */
    milestone: { type: String, required: true, validate: { validator: isMilestoneName, message: "not a milestone name" } },
    dueDay: { type: Date, required: true },
    /** Counts moves: part of each reminder's key (reminders.ts), claimed once per value. */
    moves: { type: Number, default: 0, required: true },
    status: { type: String, enum: checkinStatuses, default: "open", required: true },
    withWhom: { type: String, enum: checkinPartners, default: "both", required: true },
    changes: { type: [changeSchema], default: [] },
    mentorPart: {
      type: new Schema(
        {
          method: { type: String, enum: checkinMethods, required: true },
          contactDay: { type: Date, required: true },
          attended: { type: Number },
          expected: { type: Number },
          feelingSealed: { type: String, default: "" },
          goesWellSealed: { type: String, default: "" },
          needsSupportSealed: { type: String, default: "" },
          supportAgreedSealed: { type: String, default: "" },
          nextStepSealed: { type: String, default: "" },
          privateNoteSealed: { type: String, default: "" },
          stillInWork: { type: Boolean },
          recordedAt: { type: Date, required: true },
          recordedBy: { type: Schema.Types.ObjectId, required: true },
        },
        { _id: false },
      ),
    },
    menteePart: {
      type: new Schema(
        {
          feelingSealed: { type: String, default: "" },
          goesWellSealed: { type: String, default: "" },
          needsSupportSealed: { type: String, default: "" },
          answeredAt: { type: Date, required: true },
        },
        { _id: false },
      ),
    },
    /** The employer's part: attendance and how it goes; no health or benefit data is asked. */
    employerPart: {
      type: new Schema(
        {
          attended: { type: Number },
          expected: { type: Number },
          impression: { type: String, enum: employerImpressions },
          concernSealed: { type: String, default: "" },
          answeredAt: { type: Date, required: true },
          answeredBy: { type: Schema.Types.ObjectId, required: true },
        },
        { _id: false },
      ),
    },
  },
  { timestamps: true },
);
checkinSchema.index({ key: 1 }, { unique: true });
checkinSchema.index({ followUpId: 1, dueDay: 1 });
checkinSchema.index({ menteeId: 1, dueDay: 1 });
export type Checkin = InferSchemaType<typeof checkinSchema> & { _id: Types.ObjectId };
export const CheckinModel = defineModel("Checkin", checkinSchema);

/**
 * A mentor's calendar feed of her open check-ins (calendar.server.ts): one per mentor (its _id is
 * the mentor's), found by the SHA-256 of its secret token; the token itself is never stored.
 */
const calendarFeedSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  tokenHash: { type: String, required: true },
  createdAt: { type: Date, required: true },
  /** The last day the feed was read (ISO) and the mentees whose reading that day is in the audit trail. */
  readDay: { type: String },
  auditedMentees: { type: [Schema.Types.ObjectId], default: [] },
});
calendarFeedSchema.index({ tokenHash: 1 }, { unique: true });
export type CalendarFeed = InferSchemaType<typeof calendarFeedSchema>;
export const CalendarFeedModel = defineModel("CalendarFeed", calendarFeedSchema);

/**
 * What happened to a placement, as dated facts (started, still in work at month 1/3/6, how it
 * ended): what the outcomes work counts. Never edited; a correction is a new event.
 */
const outcomeEventSchema = new Schema({
  menteeId: { type: Schema.Types.ObjectId, required: true },
  followUpId: { type: Schema.Types.ObjectId, required: true },
  kind: { type: String, enum: outcomeKinds, required: true },
  /** The day it happened. */
  day: { type: Date, required: true },
  checkinId: { type: Schema.Types.ObjectId },
  contractType: { type: String },
  reason: { type: String },
  /** Makes an event that must happen once ("started") one document, whatever retries. */
  key: { type: String },
  recordedAt: { type: Date, required: true },
  recordedBy: { type: Schema.Types.ObjectId, required: true },
});
outcomeEventSchema.index({ menteeId: 1, day: 1 });
outcomeEventSchema.index({ key: 1 }, { unique: true, sparse: true });
export type OutcomeEvent = InferSchemaType<typeof outcomeEventSchema> & { _id: Types.ObjectId };
export const OutcomeEventModel = defineModel("OutcomeEvent", outcomeEventSchema);
