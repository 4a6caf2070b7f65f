import { appendToList, fillListsOnce } from "~/db/id-lists.server.ts";
import { PlacementModel } from "./model.server.ts";
import type { PlacementStatus } from "./vocabulary.ts";

// The lists of placements that pages read by position (app/db/id-lists.server.ts): every
// placement, an organisation's, each status's, and those whose employer asked for a review.
export const everyPlacementList = "placements";
export const organisationPlacementList = (organisationId: unknown) => `placements-of:${String(organisationId)}`;
export const statusPlacementList = (status: PlacementStatus) => `placements-status:${status}`;
export const reviewRequestedList = "placements-review";

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
    const placements = await PlacementModel.find({}).select("_id organisationId status reviewRequestedAt").lean();
    placements.sort((a, b) => String(a._id).localeCompare(String(b._id)));
    await listNewPlacements(placements);
    await appendToList(
      reviewRequestedList,
      placements.filter((p) => p.reviewRequestedAt).map((p) => p._id),
    );
    return placements.length;
  });
}
