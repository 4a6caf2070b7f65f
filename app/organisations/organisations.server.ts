import { Types } from "mongoose";
import { syncOrganisationPlacements } from "~/placements/placements.server.ts";
import { listOrganisationDecision, listWaitingOrganisation } from "./lists.server.ts";
import { OrganisationModel, type Organisation } from "./model.server.ts";
import { assertCoordinator, decisionStamp, type Coordinator } from "./verification.server.ts";

/** An employer may become a social enterprise and back; neither may become a mentor organisation, or the reverse. */
export function mayChangeKind(from: string, to: string): boolean {
  return from === to || (from !== "mentor_organisation" && to !== "mentor_organisation");
}

/** An organisation as a coordinator keeps it (an import): its own fields, its key and whether it is verified. */
export interface OrganisationRecord {
  key: string;
  name: string;
  kind: Organisation["kind"];
  mentorOrganisationType: Organisation["mentorOrganisationType"] | null;
  town: string;
  country: Organisation["country"];
  contactEmail: string | null;
  status: Organisation["status"];
}

/** A coordinator's new organisation, verified at once when they say so (with who decided and when). */
export async function createOrganisationRecord(actor: Coordinator, record: OrganisationRecord): Promise<Types.ObjectId> {
  assertCoordinator(actor);
  const _id = new Types.ObjectId();
  await (record.status === "pending" ? listWaitingOrganisation(_id) : listOrganisationDecision(_id));
  const created = await OrganisationModel.create({ _id, ...record, ...(record.status === "pending" ? {} : decisionStamp(actor)) });
  return created._id;
}

/**
 * A coordinator's change to an organisation. A change of verification is stamped as on the
 * verification page; its placements go to search again when what the index carries of it (verification, name, kind) changes.
 */
export async function updateOrganisationRecord(actor: Coordinator, current: Pick<Organisation, "_id" | "status" | "name" | "kind">, record: OrganisationRecord) {
  assertCoordinator(actor);
  const statusChanged = current.status !== record.status;
  if (statusChanged) await (record.status === "pending" ? listWaitingOrganisation(current._id) : listOrganisationDecision(current._id));
  await OrganisationModel.updateOne({ _id: current._id }, { $set: { ...record, ...(statusChanged && record.status !== "pending" ? decisionStamp(actor) : {}) } });
  if (statusChanged || current.name !== record.name || current.kind !== record.kind) await syncOrganisationPlacements(current._id);
}
