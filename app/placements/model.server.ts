import { Schema, type InferSchemaType, type Types } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";
import {
  physicalDemands,
  placementKinds,
  placementReadiness,
  placementStatuses,
  scheduleFlexibility,
  sectors,
  supportOptions,
  textLanguages,
  workLanguages,
} from "./vocabulary.ts";

const placementSchema = new Schema(
  {
    organisationId: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true, trim: true },
    description: { type: String, required: true },
    /** The language the employer wrote the text in. */
    language: { type: String, enum: textLanguages, required: true },
    kind: { type: String, enum: placementKinds, required: true },
    sector: { type: String, enum: sectors, required: true },
    town: { type: String, required: true },
    country: { type: String, enum: ["HR", "SI", "DK"], required: true },
    lat: { type: Number, required: true },
    lng: { type: Number, required: true },
    hoursMin: { type: Number, required: true },
    hoursMax: { type: Number, required: true },
    scheduleFlexibility: { type: String, enum: scheduleFlexibility, required: true },
    startDate: { type: Date },
    durationWeeks: { type: Number },
    places: { type: Number, required: true, default: 1 },
    readiness: { type: String, enum: placementReadiness, required: true },
    languages: { type: [{ type: String, enum: workLanguages }], default: [] },
    skills: { type: [String], default: [] },
    physicalDemands: { type: String, enum: physicalDemands, required: true },
    support: { type: [{ type: String, enum: supportOptions }], default: [] },
    supportNotes: { type: String, default: "" },
    status: { type: String, enum: placementStatuses, default: "draft", required: true },
    publishedAt: { type: Date },
    /** Set when a coordinator took the placement off the public list (status taken_down), with when. */
    moderationReason: { type: String },
    takenDownAt: { type: Date },
    /** The employer asked a coordinator to look again; cleared by the coordinator's decision. */
    reviewRequestedAt: { type: Date },
    /** The employer changed the placement after it was taken down. */
    editedAfterTakeDownAt: { type: Date },
    /** External identifier for seed data and imports. */
    key: { type: String },
  },
  { timestamps: true },
);
placementSchema.index({ organisationId: 1, status: 1 });
placementSchema.index({ status: 1, updatedAt: -1 });
placementSchema.index({ key: 1 }, { unique: true, sparse: true });

export type Placement = InferSchemaType<typeof placementSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export const PlacementModel = defineModel("Placement", placementSchema);
