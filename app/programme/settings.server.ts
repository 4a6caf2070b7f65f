import type { SessionUser } from "~/accounts/session.server.ts";
import { now } from "~/clock/clock.ts";
import { ProgrammeSettingChangeModel, ProgrammeSettingModel } from "./model.server.ts";

// Programme settings: small values a coordinator changes for the whole programme. The feature that
// owns a setting validates its value before it is written and again when it is read (a document
// written by an older version may not fit any more), and falls back to its default when there is none.

export interface StoredSetting {
  value: unknown;
  changedByName: string;
  changedAt: Date;
}

export async function readSetting(name: string): Promise<StoredSetting | null> {
  const stored = await ProgrammeSettingModel.findById(name).lean();
  return stored ? { value: stored.value, changedByName: stored.changedByName, changedAt: stored.changedAt } : null;
}

/**
 * Stores a setting's new value and, in its history, who changed it from what. One document per
 * setting, written whole: of two coordinators saving at once the later one's value stays, and
 * both changes are in the history.
 */
export async function writeSetting(actor: Pick<SessionUser, "_id" | "name">, name: string, value: unknown): Promise<void> {
  const at = now();
  const before = await ProgrammeSettingModel.findById(name).select("value").lean();
  await ProgrammeSettingModel.updateOne({ _id: name }, { $set: { value, changedBy: actor._id, changedByName: actor.name, changedAt: at } }, { upsert: true });
  await ProgrammeSettingChangeModel.create({ setting: name, before: before?.value ?? null, after: value, changedBy: actor._id, changedByName: actor.name, at });
}

/** The latest changes of a setting, newest first. */
export async function settingHistory(name: string, limit = 20) {
  return ProgrammeSettingChangeModel.find({ setting: name }).sort({ at: -1 }).limit(limit).select("after changedByName at").lean();
}
