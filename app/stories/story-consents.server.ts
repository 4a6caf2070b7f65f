import type { Types } from "mongoose";
import { ConsentModel } from "~/consent/model.server.ts";
import { cancelOutbox, enqueueOutbox } from "~/outbox/outbox.server.ts";

const DAY_MS = 24 * 60 * 60_000;
/** The reminder to renew or let it lapse goes this long before the consent runs out. */
export const STORY_REMINDER_BEFORE_MS = 30 * DAY_MS;

const expiryKey = (consentId: unknown) => `story-expiry:${consentId}`;
const reminderKey = (consentId: unknown) => `story-expiry-reminder:${consentId}`;

/** The consent's end on its date, and the reminder a month before (both no-ops once it was replaced or withdrawn). */
export async function scheduleStoryConsentEnd(story: { _id: Types.ObjectId; menteeId: Types.ObjectId }, consentId: Types.ObjectId, expiresAt: Date): Promise<void> {
  const payload = { storyId: String(story._id), consentId: String(consentId) };
  await enqueueOutbox("story-expiry", payload, { menteeId: story.menteeId }, { dueAt: expiresAt, key: expiryKey(consentId) });
  await enqueueOutbox("story-expiry-reminder", payload, { menteeId: story.menteeId }, { dueAt: new Date(expiresAt.getTime() - STORY_REMINDER_BEFORE_MS), key: reminderKey(consentId) });
}

/**
 * Ends a story's consents but those named in `keep`: replaced by a newer one ("replaced"), or all of
 * them when she takes the story back. Their expiry and reminder no longer come.
 */
export async function endStoryConsents(
  storyId: Types.ObjectId,
  keep: (Types.ObjectId | null | undefined)[],
  end: { at: Date; by: Types.ObjectId | undefined; byRole: string; witnessedBy?: Types.ObjectId | string },
): Promise<void> {
  const kept = keep.filter((id): id is Types.ObjectId => Boolean(id));
  const filter = { purpose: "story_publication", storyId, withdrawnAt: null, ...(kept.length ? { _id: { $nin: kept } } : {}) };
  const ending = await ConsentModel.find(filter).select("_id").lean();
  await ConsentModel.updateMany(filter, {
    $set: { withdrawnAt: end.at, withdrawnBy: end.by, withdrawnByRole: end.byRole, ...(end.witnessedBy ? { withdrawalWitnessedBy: end.witnessedBy } : {}) },
  });
  for (const consent of ending) {
    await cancelOutbox(expiryKey(consent._id));
    await cancelOutbox(reminderKey(consent._id));
  }
}
