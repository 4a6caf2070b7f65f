/**
 * A proposal stored as the portal stores one: entered in her list of proposals first (which her
 * offers page, her mentor's page and the matches page read), then written with these fields.
 */
export async function storeProposal(fields: { menteeId: unknown; placementId: unknown; mentorId: unknown; status?: string; history?: unknown[]; createdAt?: Date }) {
  const { Types } = await import("mongoose");
  const { listNewProposal } = await import("~/matching/lists.server.ts");
  const { ProposalModel } = await import("~/matching/model.server.ts");
  const _id = new Types.ObjectId();
  await listNewProposal({ _id, menteeId: fields.menteeId });
  return ProposalModel.create({ _id, ...fields });
}
