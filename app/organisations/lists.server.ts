import { appendToList, fillListsOnce, inDateOrder } from "~/db/id-lists.server.ts";
import { UserModel } from "~/accounts/model.server.ts";
import { OrganisationModel } from "./model.server.ts";

// The coordinator's start page reads what waits for a decision from lists (app/db/id-lists.server.ts),
// not by filtering every organisation: each organisation as it comes to wait for verification,
// each organisation's employer accounts, and each decision on an organisation as it is taken.
export const waitingOrganisationList = "organisations-waiting";
export const organisationDecisionList = "organisation-decisions";
export const organisationEmployerList = (organisationId: unknown) => `employers-of:${String(organisationId)}`;

/** Before an organisation is stored as waiting for verification, or set back to waiting. */
export async function listWaitingOrganisation(organisationId: unknown): Promise<void> {
  await appendToList(waitingOrganisationList, [organisationId]);
}

/** Before an organisation is verified or rejected (also a withdrawn verification, or one created decided). */
export async function listOrganisationDecision(organisationId: unknown): Promise<void> {
  await appendToList(organisationDecisionList, [organisationId]);
}

/** Before an employer account of the organisation is stored. */
export async function listOrganisationEmployer(organisationId: unknown, userId: unknown): Promise<void> {
  await appendToList(organisationEmployerList(organisationId), [userId]);
}

const createdAt = (record: object) => (record as { createdAt?: Date }).createdAt;

/** Migration: organisations waiting for verification before the list existed, oldest first (server/migrate.ts). */
export async function listEarlierWaitingOrganisations(): Promise<number> {
  return fillListsOnce("organisations-waiting", waitingOrganisationList, async () => {
    const waiting = await OrganisationModel.find({ status: "pending" }).select("_id createdAt").lean();
    await appendToList(
      waitingOrganisationList,
      inDateOrder(waiting, createdAt).map((o) => o._id),
    );
    return waiting.length;
  });
}

/** Migration: decisions taken before the list existed, in the order they were taken. */
export async function listEarlierOrganisationDecisions(): Promise<number> {
  return fillListsOnce("organisation-decisions", organisationDecisionList, async () => {
    const decided = await OrganisationModel.find({ status: { $in: ["verified", "rejected"] }, decidedAt: { $exists: true } })
      .select("_id decidedAt")
      .lean();
    await appendToList(
      organisationDecisionList,
      inDateOrder(decided, (o) => o.decidedAt).map((o) => o._id),
    );
    return decided.length;
  });
}

/** Migration: employer accounts stored before each organisation had its list of them. */
export async function listEarlierOrganisationEmployers(): Promise<number> {
  return fillListsOnce("organisation-employers", "organisation-employers:none", async () => {
    const employers = await UserModel.find({ role: "employer", organisationId: { $exists: true } }).select("_id organisationId createdAt").lean();
    const byOrganisation = new Map<string, unknown[]>();
    for (const e of inDateOrder(employers, createdAt)) if (e.organisationId) byOrganisation.set(String(e.organisationId), [...(byOrganisation.get(String(e.organisationId)) ?? []), e._id]);
    for (const [organisationId, ids] of byOrganisation) await appendToList(organisationEmployerList(organisationId), ids);
    return employers.length;
  });
}
