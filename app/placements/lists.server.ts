import { appendToList, fillListsOnce, listLengths } from "~/db/id-lists.server.ts";
import { PlacementModel } from "./model.server.ts";
import type { PlacementStatus } from "./vocabulary.ts";

// The lists of placements that pages read by position (app/db/id-lists.server.ts): every
// placement, an organisation's, each status's.
export const everyPlacementList = "placements";
export const organisationPlacementList = (organisationId: unknown) => `placements-of:${String(organisationId)}`;
export const statusPlacementList = (status: PlacementStatus) => `placements-status:${status}`;

// The taken-down placements waiting for a coordinator's review, counted without reading them: each
// request recorded is an entry of "asked", each one that stops waiting (taken down again, put back,
// closed) an entry of "answered"; the difference is the count. Both are added after the write, and
// only when it changed the placement.
const reviewAskedList = "placements-review-asked";
const reviewAnsweredList = "placements-review-answered";

/** After an employer's request for a review was recorded. */
export async function listReviewAsked(placementId: unknown): Promise<void> {
  await appendToList(reviewAskedList, [placementId]);
}

/** After a placement that was waiting for a review stopped waiting. */
export async function listReviewAnswered(placementId: unknown): Promise<void> {
  await appendToList(reviewAnsweredList, [placementId]);
}

export async function countWaitingForReview(): Promise<number> {
  const lengths = await listLengths([reviewAskedList, reviewAnsweredList]);
  return Math.max(0, lengths.get(reviewAskedList)! - lengths.get(reviewAnsweredList)!);
}

/** Migration: the placements waiting for a review when the count began (server/migrate.ts). */
export async function countEarlierReviewRequests(): Promise<number> {
  return fillListsOnce("placements-review-asked", reviewAskedList, async () => {
    const waiting = await PlacementModel.find({ status: "taken_down", reviewRequestedAt: { $exists: true } }).select("_id").lean();
    await appendToList(
      reviewAskedList,
      waiting.map((p) => p._id),
    );
    return waiting.length;
  });
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Before new placements are stored: each enters every list it belongs to. */
export async function listNewPlacements(placements: { _id: unknown; organisationId: unknown; status: string }[]): Promise<void> {
  await appendToList(
    everyPlacementList,
    placements.map((p) => p._id),
  );
  for (const [organisationId, ofOrganisation] of groupBy(placements, (p) => String(p.organisationId))) {
    await appendToList(
      organisationPlacementList(organisationId),
      ofOrganisation.map((p) => p._id),
    );
  }
  for (const [status, withStatus] of groupBy(placements, (p) => p.status)) {
    await appendToList(
      statusPlacementList(status as PlacementStatus),
      withStatus.map((p) => p._id),
    );
  }
}

/** Before a placement's status changes: it enters the new status's list (the old one's reader skips it from then on). */
export async function listStatusChange(placementIds: unknown[], to: PlacementStatus): Promise<void> {
  await appendToList(statusPlacementList(to), placementIds);
}

/** Migration: placements stored before the lists, oldest first, enter them (server/migrate.ts). */
export async function listEarlierPlacements(): Promise<number> {
  return fillListsOnce("placements", everyPlacementList, async () => {
    const placements = await PlacementModel.find({}).select("_id organisationId status").lean();
    placements.sort((a, b) => String(a._id).localeCompare(String(b._id)));
    await listNewPlacements(placements);
    return placements.length;
  });
}
