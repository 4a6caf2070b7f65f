import { now } from "~/clock/clock.ts";
import type { Story } from "./model.server.ts";

/** Stories the public may see, as a database filter (checked again with isPubliclyVisible). */
export const publiclyVisibleFilter = {
  publishedView: { $exists: true },
  slug: { $exists: true },
  status: { $nin: ["withdrawn", "expired"] },
};

/**
 * Whether the public may see a story now: it was published, and neither withdrawn nor expired
 * (an expiry date passed counts before the expiry job has run). An edit after publication keeps
 * the published view public until a new one replaces it.
 */
export function isPubliclyVisible(story: Pick<Story, "publishedView" | "slug" | "status" | "withdrawnAt" | "expiresAt">): boolean {
  if (!story.publishedView || !story.slug) return false;
  if (story.status === "withdrawn" || story.status === "expired" || story.withdrawnAt) return false;
  if (story.expiresAt && story.expiresAt.getTime() <= now().getTime()) return false;
  return true;
}
