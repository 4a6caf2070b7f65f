import type { Types } from "mongoose";
import { now } from "~/clock/clock.ts";
import { StoryDecisionLinkModel } from "./decision-link-model.server.ts";
import { StoryModel, type Story } from "./model.server.ts";
import { deletePhoto } from "./photos.server.ts";
import { enqueueStoryIndex } from "./search-index.server.ts";

/** Her stories as her data export shows them: what was written, what she approved, where it went. */
export async function storyDataOf(menteeId: Types.ObjectId) {
  const stories = await StoryModel.find({ menteeId }).sort({ createdAt: 1 }).lean<Story[]>();
  return stories.map((story) => ({
    title: story.title,
    body: story.body,
    quote: story.quote ?? "",
    town: story.town,
    status: story.status,
    version: story.version,
    approvedVersion: story.approvedVersion ?? null,
    channels: story.channels ?? [],
    publishedAt: story.publishedAt ?? null,
    expiresAt: story.expiresAt ?? null,
    withdrawnAt: story.withdrawnAt ?? null,
    history: story.history,
  }));
}

/**
 * An erasure request reaches her stories: each leaves the public at once (the page answers 410, the
 * index is told), its texts, photos and one-time links are deleted. A story that went out in print or
 * on social media keeps only its published title, so the coordinator's takedown list can still name
 * the copies to take down; the rest of what was written about her is gone.
 * The index update is queued about nobody: erasure deletes every outbox item about her, this one must stay.
 */
export async function eraseStoriesOf(menteeId: Types.ObjectId): Promise<void> {
  const stories = await StoryModel.find({ menteeId }).lean<Story[]>();
  await StoryDecisionLinkModel.deleteMany({ menteeId });
  const at = now();
  for (const story of stories) {
    const wentOutside = Boolean(story.publishedAt) && (story.channels ?? []).some((channel) => channel === "print" || channel === "social");
    const ended = story.status === "withdrawn" || story.status === "expired";
    await StoryModel.updateOne(
      { _id: story._id },
      {
        $set: {
          title: wentOutside ? (story.publishedView?.title ?? "—") : "—",
          body: "—",
          quote: "",
          changedName: "",
          town: "—",
          ...(ended ? {} : { status: "withdrawn", withdrawnAt: at }),
        },
        $unset: { approvedView: 1, publishedView: 1, photo: 1 },
        ...(ended ? {} : { $push: { history: { status: "withdrawn", version: story.version, at, byRole: "erasure" } } }),
      },
    );
    for (const file of new Set([story.photo?.file, story.approvedView?.photo?.file, story.publishedView?.photo?.file])) {
      if (file) await deletePhoto(file);
    }
    if (story.publishedView) await enqueueStoryIndex(story._id, null);
  }
}
