import { actingRole, type SessionUser } from "~/accounts/session.server.ts";
import { UserModel } from "~/accounts/model.server.ts";
import { fieldsToRecord, recordIntroductionConsent, withdrawIntroductionConsents } from "~/consent/consent.server.ts";
import { consentNamesThePerson, type ConsentField } from "~/consent/vocabulary.ts";
import { claimOnce } from "~/db/claims.server.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { isObjectId, requireObjectId } from "~/db/ids.server.ts";
import { ProposalModel } from "~/matching/model.server.ts";
import { recordDeskAction } from "~/mentees/desk.server.ts";
import { recordLedgerEvent } from "~/ledger/ledger.server.ts";
import { MenteeModel, type Mentee } from "~/mentees/model.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { PlacementModel } from "~/placements/model.server.ts";
import { isOpen } from "~/placements/vocabulary.ts";
import { placementTitle } from "~/placements/titles.server.ts";
import { forbidden, notFound } from "~/ui/responses.server.ts";
import { introduceToEmployer, tellOfWithdrawal } from "./emails.server.ts";
import { IntroductionModel, type Introduction } from "./model.server.ts";
import { introductionsOfMentee, listNewIntroduction } from "./lists.server.ts";
import { Types } from "mongoose";
import { introductionTransitions, latestPerOffer, mayIntroduceAgain, transitionAllowed, type IntroductionStatus } from "./states.ts";

export type Failure = { ok: false; fieldErrors: Record<string, string> };

export async function leadMentorOf(mentee: Pick<Mentee, "mentorId">, actor: SessionUser) {
  return actor.role === "mentor" && actor.approval === "approved" && String(mentee.mentorId) === String(actor._id);
}

/** Whether the introduction's placement is still open: the consent form is shown only then (giveConsent refuses otherwise). */
export async function placementIsOpen(introduction: Pick<Introduction, "placementId">): Promise<boolean> {
  return (await placementStateOf(introduction)) === "open";
}

/** Open, paused for now (it may open again), or ended (filled, closed, taken down, gone). */
async function placementStateOf(introduction: Pick<Introduction, "placementId">): Promise<"open" | "paused" | "ended"> {
  const placement = await PlacementModel.findById(introduction.placementId).select("status").lean();
  return placement && isOpen(placement.status) ? "open" : placement?.status === "paused" ? "paused" : "ended";
}

/** Why no consent can be given while the placement is not open, in words for her. */
const consentRefusalForPlacement = (state: "paused" | "ended") => (state === "paused" ? "introductions.pausedBeforeConsentShort" : "introductions.placementNotOpen");

/** Why no consent can be given now because of the introduction's placement, or null while it is open. */
export async function placementRefusalOf(introduction: Pick<Introduction, "placementId">): Promise<string | null> {
  const state = await placementStateOf(introduction);
  return state === "open" ? null : consentRefusalForPlacement(state);
}

/**
 * The mentor opens "Introduce" for an offer the mentee is interested in; opening it twice gives the
 * same one. After she withdrew her consent to the offer's introduction, this starts a new one (she
 * gives a new consent); after the employer said no it is refused, saying so.
 */
export async function startIntroduction(actor: SessionUser, proposalId: string): Promise<{ ok: true; id: string } | Failure> {
  if (!isObjectId(proposalId)) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const proposal = await ProposalModel.findById(proposalId).lean();
  if (!proposal) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const mentee = await MenteeModel.findById(proposal.menteeId).select("mentorId").lean();
  if (!mentee || !(await leadMentorOf(mentee, actor))) forbidden();
  const latest = await latestIntroductionOf(proposal);
  if (latest && !mayIntroduceAgain(latest)) {
    if (latest.status === "declined") return { ok: false, fieldErrors: { form: "introductions.employerDeclinedOffer" } };
    if (latest.status === "withdrawn") return { ok: false, fieldErrors: { form: "introductions.startedThereBefore" } };
    return { ok: true, id: String(latest._id) };
  }
  if (proposal.status !== "interested") return { ok: false, fieldErrors: { form: "errors.transitionNotAllowed" } };
  const placement = await PlacementModel.findById(proposal.placementId).select("organisationId status").lean();
  if (!placement) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  if (!isOpen(placement.status)) return { ok: false, fieldErrors: { form: "introductions.placementNotOpen" } };
  const _id = new Types.ObjectId();
  await listNewIntroduction({ _id, organisationId: placement.organisationId, menteeId: proposal.menteeId });
  try {
    const created = await IntroductionModel.create({
      _id,
      menteeId: proposal.menteeId,
      proposalId: proposal._id,
      placementId: proposal.placementId,
      organisationId: placement.organisationId,
      mentorId: actor._id,
      attempt: latest ? (latest.attempt ?? 0) + 1 : 0,
      status: "proposed",
      history: [{ status: "proposed", at: new Date(), byRole: "mentor" }],
    });
    return { ok: true, id: String(created._id) };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const existing = await latestIntroductionOf(proposal);
    return { ok: true, id: String(existing!._id) };
  }
}

/** The offer's latest introduction, if one was started, read through her list of introductions (by _id). */
async function latestIntroductionOf(proposal: { _id: unknown; menteeId: unknown }): Promise<Introduction | null> {
  const introductions = await introductionsOfMentee(proposal.menteeId);
  return latestPerOffer(introductions).get(String(proposal._id)) ?? null;
}

/**
 * Moves an introduction only along an allowed edge, and only from the state it is in now. The
 * transition is claimed once per version, so of two racing requests exactly one moves it.
 */
export async function transition(introductionId: unknown, from: IntroductionStatus, to: IntroductionStatus, byRole: string, set: Record<string, unknown> = {}) {
  if (!introductionTransitions[from]?.[to]) return false;
  const current = await IntroductionModel.findById(introductionId).select("status version menteeId").lean();
  if (!current || current.status !== from) return false;
  if (!(await claimOnce(`introduction:${String(introductionId)}:${current.version}`))) return false;
  const result = await IntroductionModel.updateOne(
    { _id: introductionId, status: from, version: current.version },
    { $set: { status: to, version: current.version + 1, ...set }, $push: { history: { status: to, at: new Date(), byRole } } },
  );
  if (result.modifiedCount !== 1) return false;
  const ledgerKind = to === "introduced" ? "introduced" : answerStates.includes(to) ? "answered" : null;
  if (ledgerKind) {
    const mentee = await MenteeModel.findById(current.menteeId).select("mentorId country").lean();
    if (mentee) await recordLedgerEvent(mentee, { kind: ledgerKind, ref: current._id, status: to });
  }
  return true;
}

/** An employer's answers to an introduction, as the outcomes count them. */
const answerStates: IntroductionStatus[] = ["accepted", "meeting_proposed", "declined"];

/** An introduction with the organisation, placement, mentor and mentee it names. */
export async function introductionContext(introductionId: string) {
  const introduction = await IntroductionModel.findById(introductionId).lean<Introduction>();
  if (!introduction) return null;
  const [organisation, placementTitleNow, mentor, mentee] = await Promise.all([
    OrganisationModel.findById(introduction.organisationId).select("name").lean(),
    placementTitle(introduction.placementId),
    UserModel.findById(introduction.mentorId).select("name email").lean(),
    MenteeModel.findById(introduction.menteeId).lean<Mentee>(),
  ]);
  return { introduction, organisation, placementTitle: placementTitleNow, mentor, mentee };
}

/**
 * Before anything else in an action on an introduction: only its mentee or her lead mentor goes
 * on (404 for an unknown id, 403 for anyone else), so a refused person learns nothing from a form's errors.
 */
export async function requireIntroductionParty(actor: SessionUser, introductionId: string): Promise<void> {
  requireObjectId(introductionId);
  const introduction = await IntroductionModel.findById(introductionId).select("menteeId").lean();
  const mentee = introduction ? await MenteeModel.findById(introduction.menteeId).select("mentorId userId").lean() : null;
  if (!mentee) notFound();
  const asMentee = actor.role === "mentee" && String(mentee.userId) === String(actor._id);
  if (!asMentee && !(await leadMentorOf(mentee, actor))) forbidden();
}

/**
 * The mentee gives consent, with the mentor (recorded by the mentor on the mentor's page, or by
 * the mentee in a desk session the mentor opened: witnessed by that mentor either way) or on
 * their own device. A second submit finds the introduction already consented and changes nothing.
 */
export async function giveConsent(
  actor: SessionUser,
  introductionId: string,
  input: { fields: ConsentField[]; note: string; method: "with_mentor" | "own_device" },
): Promise<{ ok: true } | Failure> {
  if (!isObjectId(introductionId)) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const context = await introductionContext(introductionId);
  if (!context?.mentee) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const { introduction, mentee } = context;
  const asMentee = actor.role === "mentee" && String(mentee.userId) === String(actor._id);
  const asMentor = await leadMentorOf(mentee, actor);
  if (!(asMentee || asMentor)) forbidden();
  if (input.method === "own_device" && !asMentee) forbidden();
  // A desk session is the mentor's screen with the mentor present, whatever the page submitted.
  const method = actor.desk ? "with_mentor" : input.method;
  const witness = actor.desk ? actor.desk.mentorId : introduction.mentorId;
  // Told about the introduction itself first: a consent to one withdrawn or answered is no question of the placement.
  const settled = consentRefusalFor(introduction.status as IntroductionStatus);
  if (settled) return { ok: false, fieldErrors: { form: settled } };
  const fields = fieldsToRecord(input.fields, input.note);
  if (!consentNamesThePerson(fields)) return { ok: false, fieldErrors: { fields: "errors.consentNeedsName" } };
  const placementState = await placementStateOf(introduction);
  if (placementState !== "open") return { ok: false, fieldErrors: { form: consentRefusalForPlacement(placementState) } };
  if (!(await transition(introduction._id, "proposed", "consented", asMentee ? actingRole(actor) : "mentor"))) {
    return { ok: false, fieldErrors: { form: "errors.transitionNotAllowed" } };
  }
  const organisation = context.organisation?.name ?? "";
  await recordIntroductionConsent({
    menteeId: mentee._id,
    introductionId: introduction._id,
    organisationId: introduction.organisationId,
    placementId: introduction.placementId,
    fields,
    note: input.note,
    language: mentee.language ?? "en",
    names: { organisation, placement: context.placementTitle, mentor: context.mentor?.name ?? "" },
    method,
    recordedBy: actor._id,
    witnessedBy: method === "with_mentor" ? witness : undefined,
  });
  await recordDeskAction(actor, { kind: "consent_given", placement: context.placementTitle, organisation });
  await transition(introduction._id, "consented", "introduced", "system");
  await introduceToEmployer(introduction);
  return { ok: true };
}

/** Why no consent can be given to an introduction in this state (null while it waits for one). */
export function consentRefusalFor(status: IntroductionStatus): string | null {
  if (status === "proposed") return null;
  if (status === "withdrawn") return "introductions.consentOnWithdrawn";
  if (status === "declined") return "introductions.consentOnDeclined";
  return "introductions.consentAlreadyGiven";
}

/**
 * Withdrawal: as few steps as giving; by the mentee, or by the lead mentor on their behalf (recorded
 * as such). A consent in force can always be withdrawn: after the employer declined, the
 * introduction stays "declined" and only the consent ends.
 */
export async function withdrawConsent(actor: SessionUser, introductionId: string): Promise<{ ok: true } | Failure> {
  if (!isObjectId(introductionId)) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const context = await introductionContext(introductionId);
  if (!context?.mentee) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const asMentee = actor.role === "mentee" && String(context.mentee.userId) === String(actor._id);
  if (!(asMentee || (await leadMentorOf(context.mentee, actor)))) forbidden();
  const byRole = asMentee ? actingRole(actor) : "mentor_on_behalf";
  const withdrawn = await withdrawIntroductionConsents(context.introduction._id, { by: actor._id, byRole, witnessedBy: actor.desk?.mentorId });
  const from = context.introduction.status as IntroductionStatus;
  const moved = transitionAllowed(from, "withdrawn") ? await transition(context.introduction._id, from, "withdrawn", byRole) : withdrawn > 0;
  if (!moved) {
    // Withdrawn before, or by a request a moment ago (a double click), or ended after a decline: say so, not that the state forbids it.
    if (from === "withdrawn" || from === "declined") return { ok: false, fieldErrors: { form: "errors.consentAlreadyWithdrawn" } };
    if (!transitionAllowed(from, "withdrawn")) return { ok: false, fieldErrors: { form: "errors.transitionNotAllowed" } };
    // Allowed, yet another request was changing it at the same moment (still under way, or done).
    const now = (await IntroductionModel.findById(context.introduction._id).select("status").lean())?.status;
    return { ok: false, fieldErrors: { form: now === "withdrawn" || now === "declined" ? "errors.consentAlreadyWithdrawn" : "errors.changedMeanwhile" } };
  }
  await recordDeskAction(actor, { kind: "consent_withdrawn", placement: context.placementTitle, organisation: context.organisation?.name ?? "" });
  await tellOfWithdrawal(context.introduction, from, { toMentor: asMentee && !actor.desk });
  return { ok: true };
}
