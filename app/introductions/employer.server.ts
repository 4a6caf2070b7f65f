import type { SessionUser } from "~/accounts/session.server.ts";
import { isObjectId, requireObjectId } from "~/db/ids.server.ts";
import { recordAccess, recordAccessMany } from "~/mentees/audit.server.ts";
import { PlacementModel } from "~/placements/model.server.ts";
import { placementTitles } from "~/placements/titles.server.ts";
import { hasEnded } from "~/placements/vocabulary.ts";
import { forbidden, notFound } from "~/ui/responses.server.ts";
import { tellMentorAndMentee } from "./emails.server.ts";
import { transition, type Failure } from "./introductions.server.ts";
import { IntroductionModel, type Introduction } from "./model.server.ts";
import { organisationIntroductionList } from "./lists.server.ts";
import { wholeList } from "~/db/id-lists.server.ts";
import { nextStatesFor, type IntroductionStatus } from "./states.ts";
import { visibleProfileFor, visibleProfilesFor } from "./visible-profile.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";

/**
 * THE rule behind every employer view of introductions: their organisation's, and only those a
 * consent has covered (the history holds "consented" from the moment one was given, and keeps it
 * after a withdrawal). An introduction still waiting for the mentee's consent does not exist for
 * the employer: not in the list, not as a page.
 */
function shownToEmployer(actor: SessionUser, introduction: Introduction | null): introduction is Introduction {
  return Boolean(introduction) && String(introduction!.organisationId) === String(actor.organisationId) && (introduction!.history ?? []).some((h) => h.status === "consented");
}

/** One introduction the employer's list shows, read by _id (FerretDB answers any other filter from a scan), else null. */
async function employerIntroduction(actor: SessionUser, introductionId: unknown): Promise<Introduction | null> {
  if (actor.role !== "employer" || !actor.organisationId) forbidden();
  const introduction = await IntroductionModel.findById(introductionId).lean<Introduction>();
  return shownToEmployer(actor, introduction) ? introduction : null;
}

/** Before an employer's answer is read: the introduction must be one their list shows, else 404. */
export async function requireEmployerIntroduction(actor: SessionUser, introductionId: string): Promise<void> {
  if (actor.role !== "employer") forbidden();
  if (!isObjectId(introductionId) || !(await employerIntroduction(actor, introductionId))) notFound();
}

/**
 * An employer opening an introduction: only one their list shows (else 404), and the view is
 * audited. With the answers it allows now: once the employer closed the placement or a coordinator
 * took it down, declining only (decision 007), and `placementEnded` says which of the two.
 */
export async function introductionForEmployer(actor: SessionUser, introductionId: string) {
  if (actor.role !== "employer") forbidden();
  requireObjectId(introductionId);
  const introduction = await employerIntroduction(actor, introductionId);
  if (!introduction) notFound();
  const [profile, placement] = await Promise.all([
    visibleProfileFor(actor.organisationId, introduction._id),
    PlacementModel.findById(introduction.placementId).select("status").lean(),
  ]);
  if (profile && !profile.withdrawn) await recordAccess(actor, introduction.menteeId, "introduction");
  const answers = nextStatesFor(introduction.status, "employer");
  const ended = !placement || hasEnded(placement.status);
  return {
    introduction,
    profile: profile!,
    answers: ended ? answers.filter((answer) => answer === "declined") : answers,
    // Only where it takes an answer away: an accepted introduction still records its start.
    placementEnded: ended && answers.some((answer) => answer !== "declined") ? (placement?.status === "taken_down" ? "taken_down" : "closed") : null,
  };
}

/** The employer's answer: accept, propose a meeting, or decline with a reason. */
export async function respondToIntroduction(
  actor: SessionUser,
  introductionId: string,
  response: { answer: "accepted" } | { answer: "meeting_proposed"; at: Date; place: string } | { answer: "declined"; reason: string },
): Promise<{ ok: true } | Failure> {
  const { introduction, placementEnded } = await introductionForEmployer(actor, introductionId);
  // Declining is always possible; taking someone on for a placement the employer ended is not (a page opened before the closing still offers it).
  if (response.answer !== "declined" && placementEnded) return { ok: false, fieldErrors: { form: "introductions.placementEnded" } };
  const set =
    response.answer === "meeting_proposed"
      ? { meetingAt: response.at, meetingPlace: response.place }
      : response.answer === "declined"
        ? { declineReason: response.reason }
        : {};
  if (!(await transition(introduction._id, introduction.status as IntroductionStatus, response.answer, "employer", set))) {
    return { ok: false, fieldErrors: { form: "errors.transitionNotAllowed" } };
  }
  await tellMentorAndMentee(introduction, response.answer);
  return { ok: true };
}

/** The employer's list: each entry shows only what visibleProfileFor allows. */
export async function introductionsForEmployer(actor: SessionUser) {
  if (actor.role !== "employer" || !actor.organisationId) forbidden();
  const ids = await wholeList(organisationIntroductionList(actor.organisationId), 200);
  const found = await findByIds<Introduction>(IntroductionModel, ids);
  const introductions = found.filter((i): i is Introduction => shownToEmployer(actor, i)).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  const titles = await placementTitles(introductions.map((i) => i.placementId));
  const profiles = await visibleProfilesFor(
    actor.organisationId,
    introductions.map((i) => i._id),
  );
  // The list shows only a name; the read is recorded for each one it shows.
  const named = introductions.filter((_, n) => profiles[n] && !profiles[n]!.withdrawn && (profiles[n]!.firstName || profiles[n]!.fullName));
  await recordAccessMany(
    actor,
    named.map((i) => i.menteeId),
    "introduction",
  );
  return introductions.map((i, n) => ({ id: String(i._id), status: i.status, placement: titles.get(String(i.placementId)) ?? "", firstName: profiles[n]?.firstName ?? profiles[n]?.fullName ?? null }));
}
