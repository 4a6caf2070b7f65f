import { UserModel } from "~/accounts/model.server.ts";
import { actingRole, type SessionUser } from "~/accounts/session.server.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { enqueueEmail } from "~/email/queue.server.ts";
import { publicUrl } from "~/env.server.ts";
import type { Language } from "~/i18n/languages.ts";
import { recordAccess } from "~/mentees/audit.server.ts";
import { recordDeskAction } from "~/mentees/desk.server.ts";
import { getMenteePlan, getOwnMenteeRecord, type MenteePlan } from "~/mentees/mentees.server.ts";
import { MenteeModel } from "~/mentees/model.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";
import { oneAtATimeEverywhere } from "~/db/claims.server.ts";
import { introductionsOfMentee } from "~/introductions/lists.server.ts";
import { latestPerOffer, mayIntroduceAgain, sharingStates, type IntroductionStatus } from "~/introductions/states.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { PlacementModel } from "~/placements/model.server.ts";
import { getPublicPlacement } from "~/placements/search.server.ts";
import { isOpen } from "~/placements/vocabulary.ts";
import { placementTitle, placementTitles } from "~/placements/titles.server.ts";
import { recordLedgerEvent } from "~/ledger/ledger.server.ts";
import { listNewProposal, proposalsOfMentee } from "./lists.server.ts";
import { ProposalModel, type Proposal, type ProposalStatus } from "./model.server.ts";
import { isObjectId } from "~/db/ids.server.ts";
import { Types, type UpdateQuery } from "mongoose";
import { forbidden } from "~/ui/responses.server.ts";

type Failure = { ok: false; fieldErrors: Record<string, string> };

/** The lead mentor proposes a public placement; proposing it twice changes nothing. */
export async function proposePlacement(actor: SessionUser, menteeId: string, placementId: string): Promise<{ ok: true } | Failure> {
  if (actor.role !== "mentor") forbidden();
  await getMenteePlan(actor, menteeId, "matches");
  const refusal = await proposalRefusal(placementId);
  if (refusal) return { ok: false, fieldErrors: { form: refusal } };
  const alreadyProposed = { ok: false as const, fieldErrors: { form: "errors.alreadyProposed" } };
  // Asked first so that a double click adds no entry to her list; the unique index still settles a race.
  if ((await proposalsOfMentee(menteeId)).some((p) => String(p.placementId) === placementId)) return alreadyProposed;
  const _id = new Types.ObjectId();
  await listNewProposal({ _id, menteeId });
  try {
    const created = await ProposalModel.create({
      _id,
      menteeId,
      placementId,
      mentorId: actor._id,
      status: "proposed",
      history: [{ status: "proposed", at: new Date(), by: "mentor" }],
    });
    const mentee = await MenteeModel.findById(menteeId).select("mentorId country").lean();
    if (mentee) await recordLedgerEvent(mentee, { kind: "proposed", ref: created._id });
  } catch (error) {
    if (isDuplicateKeyError(error)) return alreadyProposed;
    throw error;
  }
  return { ok: true };
}

/**
 * Why a placement cannot be proposed now, or null: read from the database, since the search index
 * may still lack a placement published again a moment ago (or hold one paused a moment ago).
 */
async function proposalRefusal(placementId: string): Promise<string | null> {
  if (!isObjectId(placementId)) return "errors.invalid";
  const placement = await PlacementModel.findById(placementId).select("status organisationId").lean();
  if (!placement || placement.status === "draft") return "errors.invalid";
  if (placement.status === "paused") return "errors.proposePaused";
  if (!isOpen(placement.status)) return "errors.proposeNotOpen";
  const organisation = await OrganisationModel.findById(placement.organisationId).select("status").lean();
  return organisation?.status === "verified" ? null : "errors.invalid";
}

/** Proposals of one mentee with their history, for the mentor's page. */
export async function proposalsForMentee(actor: SessionUser, menteeId: string) {
  return proposalsForPlan(await getMenteePlan(actor, menteeId, "offers"));
}

/** The same for a plan the caller has already read (and so authorised and audited). */
export async function proposalsForPlan(plan: Pick<MenteePlan, "id">) {
  const proposals = await proposalsOfMentee(plan.id);
  const [titles, placementStates] = await Promise.all([
    placementTitles(proposals.map((p) => p.placementId)),
    findByIds<{ status: string }>(PlacementModel, proposals.map((p) => p.placementId), "status"),
  ]);
  return proposals.map((p, n) => ({
    id: String(p._id),
    placementId: String(p.placementId),
    title: titles.get(String(p.placementId)) ?? "",
    open: isOpen(placementStates[n]?.status ?? ""),
    status: p.status as ProposalStatus,
    reason: p.reason ?? "",
    history: (p.history ?? []).map((h) => ({ status: h.status ?? "", at: h.at ? new Date(h.at).toISOString() : "" })),
  }));
}

/** The placements already proposed to a plan's mentee, for the matches page (which needs no titles). */
export async function proposedPlacementIds(plan: Pick<MenteePlan, "id">): Promise<Set<string>> {
  return new Set((await proposalsOfMentee(plan.id)).map((p) => String(p.placementId)));
}

/** The signed-in mentee's offers; opening the page marks new ones as seen. */
export async function offersForMentee(user: SessionUser) {
  const mentee = await getOwnMenteeRecord(user);
  await recordAccess(user, mentee._id, "offers");
  const proposals = await proposalsOfMentee(mentee._id);
  const unseen = proposals.filter((p) => p.status === "proposed").map((p) => p._id);
  for (const id of unseen) {
    await updateProposal(id, (p) => p.status === "proposed", { $set: { status: "seen" }, $push: { history: { status: "seen", at: new Date(), by: actingRole(user) } } });
  }
  const [placementStates, titles, sharing] = await Promise.all([
    findByIds<{ status: string; town?: string }>(PlacementModel, proposals.map((p) => p.placementId), "status town"),
    placementTitles(proposals.map((p) => p.placementId)),
    sharingOffers(mentee._id),
  ]);
  const offers = [];
  for (const [n, p] of proposals.entries()) {
    // Open or not is read from the database: the search index may still hold a placement closed a moment ago.
    const open = isOpen(placementStates[n]?.status ?? "");
    const placement = open ? await getPublicPlacement(String(p.placementId)) : null;
    const introduction = sharing.get(String(p._id));
    offers.push({
      id: String(p._id),
      status: (unseen.some((id) => String(id) === String(p._id)) ? "seen" : p.status) as ProposalStatus,
      reason: p.reason ?? "",
      title: placement?.title ?? titles.get(String(p.placementId)) ?? "",
      open: Boolean(placement),
      ...offerStanding(placementStates[n], introduction),
      // Two offers with the same title from one employer are told apart by the town and the day they were made.
      town: placementStates[n]?.town ?? "",
      offeredAt: p.createdAt ? new Date(p.createdAt).toISOString() : null,
      // What a person needs to decide, all from the public placement: nothing the public page does not show.
      placement: placement
        ? {
            id: placement.id,
            title: placement.title,
            description: placement.description,
            language: placement.language,
            kind: placement.kind,
            physicalDemands: placement.physicalDemands,
            town: placement.town,
            startDate: placement.startDate,
            durationWeeks: placement.durationWeeks,
            hoursMin: placement.hoursMin,
            hoursMax: placement.hoursMax,
            scheduleFlexibility: placement.scheduleFlexibility,
            support: placement.support,
            supportNotes: placement.supportNotes,
            organisationName: placement.organisationName,
            organisationKind: placement.organisationKind,
          }
        : null,
    });
  }
  return offers;
}

type OfferIntroduction = { organisationName: string; status: IntroductionStatus; mayIntroduceAgain: boolean; consentGiven: boolean };

/**
 * Where an offer stands beyond her answer, from its placement's state and its latest introduction:
 * introduced with her consent in force (her answer here would change nothing, withdrawing that
 * consent does), started there, the introduction ended (she withdrew her consent, or the employer
 * said no: no answer leads anywhere from here), or the placement paused for now rather than gone.
 */
function offerStanding(placement: { status: string } | null | undefined, introduction: OfferIntroduction | undefined) {
  return {
    sharingWith: introduction && sharingStates.includes(introduction.status) ? introduction.organisationName : null,
    startedThere: introduction?.status === "placed",
    ended:
      introduction && (introduction.status === "withdrawn" || introduction.status === "declined")
        ? { status: introduction.status, organisation: introduction.organisationName, mayIntroduceAgain: introduction.mayIntroduceAgain, consentGiven: introduction.consentGiven }
        : null,
    paused: placement?.status === "paused",
  };
}

/** Why her answer to an offer is refused because of its introduction (null when it is not). */
function answerRefusal(introduction: OfferIntroduction | undefined): string | null {
  if (!introduction) return null;
  if (sharingStates.includes(introduction.status)) return "offers.alreadyIntroduced";
  if (introduction.status === "withdrawn") return "offers.withdrawnRefused";
  if (introduction.status === "declined") return "offers.declinedRefused";
  return null;
}

/** Her offers (by proposal id) with their latest introduction: its state and the employer's name. */
async function sharingOffers(menteeId: unknown): Promise<Map<string, OfferIntroduction>> {
  const introductions = await introductionsOfMentee(menteeId);
  const sharing = [...latestPerOffer(introductions).values()];
  const organisations = await findByIds<{ name: string }>(OrganisationModel, sharing.map((i) => i.organisationId), "name");
  return new Map(
    sharing.map((i, n) => [String(i.proposalId), { organisationName: organisations[n]?.name ?? "", status: i.status as IntroductionStatus, mayIntroduceAgain: mayIntroduceAgain(i), consentGiven: (i.history ?? []).some((h) => h.status === "consented") }]),
  );
}

/** Whether the offer is one of the signed-in mentee's: asked before her answer is read. */
export async function isOwnOffer(user: SessionUser, proposalId: string): Promise<boolean> {
  if (!isObjectId(proposalId)) return false;
  const mentee = await getOwnMenteeRecord(user);
  return Boolean(await hersById(proposalId, mentee._id));
}

/** A proposal by the id a request named, if it is this mentee's: read by _id alone (FerretDB scans for any other filter), then checked. */
async function hersById(proposalId: string, menteeId: unknown): Promise<Proposal | null> {
  if (!isObjectId(proposalId)) return null;
  const proposal = await ProposalModel.findById(proposalId).lean<Proposal>();
  return proposal && String(proposal.menteeId) === String(menteeId) ? proposal : null;
}

/**
 * Every change of a proposal, one at a time per proposal across processes, and only while `still`
 * holds for it as stored: on FerretDB an update reads the document and writes all of it back, so
 * her answer and the page marking the offer seen could each undo the other. Written by _id alone.
 */
async function updateProposal(proposalId: unknown, still: (proposal: Proposal) => boolean, update: UpdateQuery<Proposal>): Promise<Proposal | null> {
  return oneAtATimeEverywhere(`proposal-write:${String(proposalId)}`, async () => {
    const current = await ProposalModel.findById(proposalId).lean<Proposal>();
    if (!current || !still(current)) return null;
    return ProposalModel.findOneAndUpdate({ _id: proposalId }, update, { new: true }).lean<Proposal>();
  });
}

/** The mentee answers (at the desk: with the mentor present, and so recorded); the lead mentor is told by e-mail in their own language. */
export async function answerOffer(user: SessionUser, proposalId: string, answer: "interested" | "not_now" | "declined", reason: string): Promise<{ ok: true } | Failure> {
  const mentee = await getOwnMenteeRecord(user);
  const offered = await hersById(proposalId, mentee._id);
  if (!offered) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const refusal = answerRefusal((await sharingOffers(mentee._id)).get(proposalId));
  if (refusal) return { ok: false, fieldErrors: { form: refusal } };
  const placement = await PlacementModel.findById(offered.placementId).select("status").lean();
  if (!placement || !isOpen(placement.status)) return { ok: false, fieldErrors: { form: placement?.status === "paused" ? "offers.pausedRefused" : "offers.notOpenRefused" } };
  const proposal = await updateProposal(proposalId, (p) => String(p.menteeId) === String(mentee._id), {
    $set: { status: answer, reason },
    $push: { history: { status: answer, at: new Date(), by: actingRole(user) } },
  });
  if (!proposal) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const [mentor, title] = await Promise.all([UserModel.findById(proposal.mentorId).select("email name language").lean(), placementTitle(proposal.placementId)]);
  await recordDeskAction(user, { kind: "offer_answered", placement: title, answer });
  const lead = await MenteeModel.findById(mentee._id).select("mentorId").lean();
  const leadMentor = String(lead?.mentorId) === String(mentor?._id) ? mentor : await UserModel.findById(lead?.mentorId).select("email name language").lean();
  if (leadMentor) {
    await enqueueEmail({
      to: leadMentor.email,
      language: leadMentor.language as Language,
      template: "offerAnswered",
      params: { name: leadMentor.name, mentee: mentee.firstName, title, answer, link: `${publicUrl()}/mentor/mentees/${mentee._id}` },
      about: { menteeId: mentee._id },
    });
  }
  return { ok: true };
}
