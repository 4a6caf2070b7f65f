import { appendToList, fillListsOnce, wholeList } from "~/db/id-lists.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";
import { ProposalModel, type Proposal } from "./model.server.ts";

// Each mentee's proposals, read by position (app/db/id-lists.server.ts): her offers page, her
// mentor's page of her and the matches page read them by _id, where a filter on menteeId had
// FerretDB read every proposal of the programme.
export const menteeProposalList = (menteeId: unknown) => `proposals-of-mentee:${String(menteeId)}`;

/** Before a proposal is stored. */
export async function listNewProposal(proposal: { _id: unknown; menteeId: unknown }): Promise<void> {
  await appendToList(menteeProposalList(proposal.menteeId), [proposal._id]);
}

/**
 * A mentee's proposals, newest first (as proposed), each read by _id and checked to be hers (an entry may name
 * a proposal never stored: its insert failed as a second proposal of the same placement).
 */
export async function proposalsOfMentee(menteeId: unknown): Promise<Proposal[]> {
  const ids = await wholeList(menteeProposalList(menteeId), 1000);
  const found = await findByIds<Proposal>(ProposalModel, ids);
  const hers = found.filter((p): p is Proposal => Boolean(p) && String(p!.menteeId) === String(menteeId));
  return hers.sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
}

/** Migration: proposals stored before the lists, oldest first, enter them (server/migrate.ts). */
export async function listEarlierProposals(): Promise<number> {
  return fillListsOnce("proposals", "proposals:none", async () => {
    const proposals = await ProposalModel.find({}).select("_id menteeId").lean();
    proposals.sort((a, b) => String(a._id).localeCompare(String(b._id)));
    const byMentee = new Map<string, unknown[]>();
    for (const p of proposals) {
      const ids = byMentee.get(String(p.menteeId));
      if (ids) ids.push(p._id);
      else byMentee.set(String(p.menteeId), [p._id]);
    }
    for (const [menteeId, ids] of byMentee) await appendToList(menteeProposalList(menteeId), ids);
    return proposals.length;
  });
}
