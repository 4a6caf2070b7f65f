import type { SessionUser } from "~/accounts/session.server.ts";
import { latestIntroductionConsent } from "~/consent/consent.server.ts";
import { requireObjectId } from "~/db/ids.server.ts";
import { recordAccess, recordAccessMany } from "~/mentees/audit.server.ts";
import { caseloadIds, caseloadOf } from "~/mentees/mentees.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { placementTitles } from "~/placements/titles.server.ts";
import { forbidden, notFound } from "~/ui/responses.server.ts";
import { introductionContext, leadMentorOf } from "./introductions.server.ts";
import type { Introduction } from "./model.server.ts";
import { introductionsOfMentee, introductionsOfMentees } from "./lists.server.ts";
import { latestPerOffer, mayIntroduceAgain, type IntroductionStatus } from "./states.ts";
import { findByIds } from "~/db/by-ids.server.ts";

/** The lead mentor's view of one introduction (the consent screen before consent, the progress after). */
export async function introductionForMentor(actor: SessionUser, introductionId: string) {
  requireObjectId(introductionId);
  const context = await introductionContext(introductionId);
  if (!context?.mentee) notFound();
  if (!(await leadMentorOf(context.mentee, actor))) forbidden();
  await recordAccess(actor, context.mentee._id, "introduction");
  const consent = await latestIntroductionConsent(context.introduction._id);
  return { ...context, consent };
}

/**
 * Each proposal's latest introduction, if one was started, for the lead mentor's page of a plan
 * already read: with what may follow it (a new introduction after her withdrawal, decision 007).
 */
export async function introductionsForPlan(plan: { id: string }): Promise<Record<string, { id: string; status: IntroductionStatus; mayIntroduceAgain: boolean }>> {
  const introductions = await introductionsOfMentee(plan.id);
  return Object.fromEntries(
    [...latestPerOffer(introductions)].map(([proposalId, i]) => [proposalId, { id: String(i._id), status: i.status as IntroductionStatus, mayIntroduceAgain: mayIntroduceAgain(i) }]),
  );
}

/**
 * The lead mentor's introductions across the caseload, latest change first: how each stands and
 * what the employer answered. Reading it is recorded for every mentee it shows.
 */
export async function introductionsForLeadMentor(actor: SessionUser) {
  if (actor.role !== "mentor" || actor.approval !== "approved") forbidden();
  // Her mentees and their introductions together; an introduction counts only with a mentee still hers.
  const listed = await caseloadIds(actor);
  const [mentees, listedIntroductions] = await Promise.all([caseloadOf(actor, listed), introductionsOfMentees(listed)]);
  const own = new Set(mentees.map((m) => String(m._id)));
  const introductions = listedIntroductions.filter((i) => own.has(String(i.menteeId)));
  const lastChange = (i: Introduction) => (i.history?.at(-1)?.at ?? i.createdAt ?? new Date(0)) as Date;
  introductions.sort((a, b) => lastChange(b).getTime() - lastChange(a).getTime());
  const names = new Map(mentees.map((m) => [String(m._id), m.firstName]));
  const [placements, organisations] = await Promise.all([
    placementTitles(introductions.map((i) => i.placementId)),
    organisationNames(introductions.map((i) => i.organisationId)),
    recordAccessMany(actor, [...new Set(introductions.map((i) => String(i.menteeId)))], "introduction"),
  ]);
  return introductions.map((i) => ({
    id: String(i._id),
    menteeId: String(i.menteeId),
    mentee: names.get(String(i.menteeId)) ?? "",
    placementId: String(i.placementId),
    placement: placements.get(String(i.placementId)) ?? "",
    organisation: organisations.get(String(i.organisationId)) ?? "",
    status: i.status as IntroductionStatus,
    changedAt: lastChange(i).toISOString(),
    meetingAt: i.meetingAt?.toISOString() ?? null,
    meetingPlace: i.meetingPlace ?? null,
    declineReason: i.declineReason ?? null,
  }));
}

/** One _id lookup per distinct organisation (FerretDB answers those from its primary key). */
async function organisationNames(ids: unknown[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.map(String))];
  const organisations = await findByIds<{ _id: unknown; name: string }>(OrganisationModel, unique, "name");
  return new Map(unique.map((id, n) => [id, organisations[n]?.name ?? ""]));
}
