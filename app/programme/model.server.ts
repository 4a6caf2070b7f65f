import { Schema } from "mongoose";
import { defineModel } from "~/db/connection.server.ts";

/**
 * A setting of the whole programme that a coordinator may change (the follow-up milestones): one
 * small document per setting, named by its `_id`. A setting that was never changed has no
 * document, and its feature falls back to the portal's default.
 */
const programmeSettingSchema = new Schema(
  {
    _id: { type: String, required: true },
    value: { type: Schema.Types.Mixed, required: true },
    changedBy: { type: Schema.Types.ObjectId, required: true },
    changedByName: { type: String, required: true },
    changedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
export const ProgrammeSettingModel = defineModel("ProgrammeSetting", programmeSettingSchema);

/** Every change of a programme setting: who, when, from what to what. Never edited. */
const programmeSettingChangeSchema = new Schema({
  setting: { type: String, required: true },
  before: { type: Schema.Types.Mixed },
  after: { type: Schema.Types.Mixed, required: true },
  changedBy: { type: Schema.Types.ObjectId, required: true },
  changedByName: { type: String, required: true },
  at: { type: Date, required: true },
});
programmeSettingChangeSchema.index({ setting: 1, at: -1 });
export const ProgrammeSettingChangeModel = defineModel("ProgrammeSettingChange", programmeSettingChangeSchema);
