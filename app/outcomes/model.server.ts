import { Schema } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";

/**
 * A frozen outcomes report: the figures of one period and programme as they were shown when a
 * coordinator submitted them (already through the small-number rule), with the definitions they
 * were counted by. Never changed: later corrections of the data are a new version. The version is
 * taken by inserting (the unique index on periodKey + version refuses a number taken meanwhile):
 * FerretDB has no transactions.
 */
const outcomeReportSchema = new Schema(
  {
    /** `${from}|${to}|${scope}`: the versions of one report share it. */
    periodKey: { type: String, required: true },
    version: { type: Number, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    scope: { type: String, required: true },
    /** The programme's name when it was submitted (an organisation may be renamed later). */
    scopeLabel: { type: String, default: "" },
    /** The ShownFigures as JSON: one string, so that the database never holds its nested arrays. */
    figures: { type: String, required: true },
    definitions: {
      type: [
        {
          _id: false,
          id: { type: String, required: true },
          version: { type: Number, required: true },
          text: { en: String, hr: String, sl: String, da: String },
        },
      ],
      default: [],
    },
    submittedBy: { type: Schema.Types.ObjectId, required: true },
    submittedByName: { type: String, required: true },
    submittedAt: { type: Date, required: true },
    note: { type: String, default: "", maxlength: 500 },
  },
  { versionKey: false },
);
outcomeReportSchema.index({ periodKey: 1, version: 1 }, { unique: true });
outcomeReportSchema.index({ submittedAt: -1 });
export const OutcomeReportModel = defineModel("OutcomeReport", outcomeReportSchema);
