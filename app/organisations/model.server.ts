import { Schema, type InferSchemaType, type Types } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";

import { countries, mentorOrganisationTypes, organisationKinds, verificationStatuses } from "./vocabulary.ts";

const organisationSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    kind: { type: String, enum: organisationKinds, required: true },
    mentorOrganisationType: { type: String, enum: mentorOrganisationTypes },
    town: { type: String, required: true },
    country: { type: String, enum: countries, required: true },
    contactEmail: { type: String, lowercase: true, trim: true },
    status: { type: String, enum: verificationStatuses, default: "pending", required: true },
    rejectionReason: { type: String },
    decidedAt: { type: Date },
    decidedBy: { type: Schema.Types.ObjectId },
    /** Stable external identifier for seed data and imports. */
    key: { type: String },
  },
  { timestamps: true },
);
organisationSchema.index({ status: 1, kind: 1 });
organisationSchema.index({ key: 1 }, { unique: true, sparse: true });

export type Organisation = InferSchemaType<typeof organisationSchema> & { _id: Types.ObjectId };
export const OrganisationModel = defineModel("Organisation", organisationSchema);
