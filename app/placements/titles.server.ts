import { PlacementModel } from "./model.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";

/**
 * Each placement's title by id ("" for one that is gone). One _id lookup per distinct id:
 * FerretDB answers those from its primary key, while $in scans the collection.
 */
export async function placementTitles(ids: unknown[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.map(String))];
  const placements = await findByIds<{ _id: unknown; title: string }>(PlacementModel, unique, "title");
  return new Map(unique.map((id, n) => [id, placements[n]?.title ?? ""]));
}

/** One placement's title ("" for one that is gone). */
export async function placementTitle(id: unknown): Promise<string> {
  return (await placementTitles([id])).get(String(id)) ?? "";
}

/** Each organisation's name by id ("" for one that is gone), by _id as the titles. */
export async function organisationNames(ids: unknown[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.map(String))];
  const organisations = await findByIds<{ _id: unknown; name: string }>(OrganisationModel, unique, "name");
  return new Map(unique.map((id, n) => [id, organisations[n]?.name ?? ""]));
}
