import { UserModel } from "~/accounts/model.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";
import { enqueueEmail } from "~/email/queue.server.ts";
import { publicUrl } from "~/env.server.ts";
import { isLanguage } from "~/i18n/languages.ts";
import { ProposalModel } from "~/matching/model.server.ts";
import { MenteeModel, type Mentee } from "~/mentees/model.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { CancelledDelivery, registerOutboxHandler } from "~/outbox/outbox.server.ts";
import { PlacementModel } from "~/placements/model.server.ts";
import { PLACEMENT_ENDED } from "~/placements/placements.server.ts";
import { hasEnded } from "~/placements/vocabulary.ts";
import { IntroductionModel, type Introduction } from "./model.server.ts";
import { latestPerOffer, openIntroductionStates, type IntroductionStatus } from "./states.ts";

/** Offers still waiting for her answer (or answered, but not "no"), before any introduction. */
const waitingProposalStates = ["proposed", "seen", "interested", "not_now"];

/**
 * A placement closed for good or taken down: each lead mentor of a mentee whose offer or
 * introduction of it still led somewhere gets one e-mail naming the placement and those mentees
 * by first name. Someone who already started there, withdrew or was declined is not named.
 */
async function tellMentorsOfEnding(payload: unknown): Promise<void> {
  const { placementId, how, key } = payload as { placementId: string; how: "closed" | "taken_down"; key: string };
  const placement = await PlacementModel.findById(placementId).select("title status organisationId").lean();
  if (!placement || !hasEnded(placement.status)) throw new CancelledDelivery("the placement is open again");
  // Read in the worker, once per ending: FerretDB answers a filter on placementId from a scan.
  const [proposals, introductions] = await Promise.all([
    ProposalModel.find({ placementId }).select("menteeId status").lean(),
    IntroductionModel.find({ placementId }).select("proposalId menteeId status attempt").lean<Introduction[]>(),
  ]);
  const latest = latestPerOffer(introductions);
  const waiting = proposals.filter((p) => {
    const introduction = latest.get(String(p._id));
    return introduction ? openIntroductionStates.includes(introduction.status as IntroductionStatus) : waitingProposalStates.includes(p.status);
  });
  const menteeIds = [...new Set(waiting.map((p) => String(p.menteeId)))];
  const mentees = (await findByIds<Mentee>(MenteeModel, menteeIds, "firstName mentorId")).filter((m): m is Mentee => Boolean(m?.mentorId));
  const byMentor = new Map<string, string[]>();
  for (const mentee of mentees) byMentor.set(String(mentee.mentorId), [...(byMentor.get(String(mentee.mentorId)) ?? []), mentee.firstName]);
  if (byMentor.size === 0) return;
  const organisation = await OrganisationModel.findById(placement.organisationId).select("name").lean();
  for (const [mentorId, names] of byMentor) {
    const mentor = await UserModel.findById(mentorId).select("email name language").lean();
    if (!mentor) continue;
    await enqueueEmail({
      to: mentor.email,
      language: isLanguage(mentor.language) ? mentor.language : "en",
      template: "placementEndedMentor",
      params: { name: mentor.name, placement: placement.title, organisation: organisation?.name ?? "", how, mentees: names.sort((a, b) => a.localeCompare(b)), link: `${publicUrl()}/mentor/mentees` },
      // First names only, for the mentor's own mentees; sent at once.
      about: null,
      key: `${key}:mentor:${mentorId}`,
    });
  }
}

registerOutboxHandler(PLACEMENT_ENDED, tellMentorsOfEnding);
