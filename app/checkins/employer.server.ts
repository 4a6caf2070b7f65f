import type { SessionUser } from "~/accounts/session.server.ts";
import { now } from "~/clock/clock.ts";
import { introductionConsentInForce, introductionConsentsInForce } from "~/consent/consent.server.ts";
import { claimOnce } from "~/db/claims.server.ts";
import { isObjectId } from "~/db/ids.server.ts";
import { recordAccessMany } from "~/mentees/audit.server.ts";
import { MenteeModel } from "~/mentees/model.server.ts";
import { cancelOutbox } from "~/outbox/outbox.server.ts";
import { placementTitles } from "~/placements/titles.server.ts";
import { encryptText } from "~/security/encryption.server.ts";
import { forbidden } from "~/ui/responses.server.ts";
import { todayIn, type Failure } from "./checkins.server.ts";
import { addDays, isoDay } from "./days.ts";
import { checkinsOfFollowUps, followUpsOfOrganisation } from "./lists.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";
import { updateCheckin } from "./write.server.ts";
import { CheckinModel, FollowUpModel, type Checkin } from "./model.server.ts";
import { reminderKey } from "./reminders.ts";
import { checkinsChanged } from "./states.server.ts";
import type { EmployerAnswerInput } from "./schema.server.ts";

// The employer's part (/employer/placed): the people placed with their organisation while the
// mentee's consent is in force, and the check-ins they are asked about. They see a first name only
// when the consent covers it, never the mentor's or the mentee's parts; nothing once it is withdrawn.

const ANSWER_FROM_DAYS_BEFORE = 3;

function requireEmployer(actor: SessionUser) {
  if (actor.role !== "employer" || !actor.organisationId) forbidden();
}

const askable = (c: Checkin, today: Date) => c.status !== "cancelled" && !c.employerPart && c.withWhom !== "mentee" && c.dueDay <= addDays(today, ANSWER_FROM_DAYS_BEFORE);

/** The organisation's active follow-ups under a consent in force, each with what the consent shows and the check-ins to answer. */
export async function placedForEmployer(actor: SessionUser) {
  requireEmployer(actor);
  const followUps = (await followUpsOfOrganisation(actor.organisationId)).filter((f) => f.status === "active").slice(0, 200);
  const [titles, consents] = await Promise.all([
    placementTitles(followUps.map((f) => f.placementId)),
    introductionConsentsInForce(
      followUps.map((f) => f.introductionId),
      actor.organisationId,
    ),
  ]);
  const consented = followUps.filter((f) => consents.has(String(f.introductionId)));
  const [mentees, checkinsOf] = await Promise.all([
    findByIds<{ firstName: string }>(
      MenteeModel,
      consented.map((f) => f.menteeId),
      "firstName",
    ),
    checkinsOfFollowUps(consented.map((f) => f._id)),
  ]);
  const shown = consented.map((followUp, n) => {
    const consent = consents.get(String(followUp.introductionId))!;
    const firstName = (consent.fields as string[]).includes("firstName") ? (mentees[n]?.firstName ?? null) : null;
    const today = todayIn(followUp.country);
    const checkins = checkinsOf.get(String(followUp._id)) ?? [];
    return {
      id: String(followUp._id),
      menteeId: firstName ? followUp.menteeId : null,
      firstName,
      placement: titles.get(String(followUp.placementId)) ?? "",
      startDay: isoDay(followUp.startDay),
      toAnswer: checkins.filter((c) => askable(c, today)).map((c) => ({ id: String(c._id), dueDay: isoDay(c.dueDay) })),
      answered: checkins.filter((c) => c.employerPart).map((c) => ({ id: String(c._id), dueDay: isoDay(c.dueDay), attended: c.employerPart!.attended ?? 0, expected: c.employerPart!.expected ?? 0, impression: c.employerPart!.impression ?? "" })),
    };
  });
  // The read is recorded for every mentee whose name the list shows.
  await recordAccessMany(
    actor,
    shown.flatMap((row) => (row.menteeId ? [row.menteeId] : [])),
    "checkins",
  );
  return shown.map(({ menteeId: _, ...row }) => row);
}

/**
 * Before the form is read: why the employer may not answer this check-in now, or null when they may: once the mentee
 * withdrew her consent that is the reason they are given (their part in her follow-up ended, and
 * they learn nothing else), not that the check-in was recorded or cancelled.
 */
export async function employerAnswerRefusal(actor: SessionUser, checkinId: unknown): Promise<string | null> {
  requireEmployer(actor);
  if (!isObjectId(checkinId)) return "errors.checkinClosed";
  const checkin = await CheckinModel.findOne({ _id: checkinId, organisationId: actor.organisationId }).lean<Checkin>();
  if (!checkin) return "errors.checkinClosed";
  if (!(await introductionConsentInForce(checkin.introductionId, checkin.organisationId))) return "errors.checkinConsentWithdrawn";
  const followUp = await FollowUpModel.findById(checkin.followUpId).select("status country").lean();
  if (!followUp || followUp.status !== "active" || !askable(checkin, todayIn(followUp.country))) return "errors.checkinClosed";
  return null;
}

/** The employer's answer: once per check-in (a second submit changes nothing); their reminder stops. */
export async function answerAsEmployer(actor: SessionUser, input: EmployerAnswerInput): Promise<{ ok: true } | Failure> {
  const refusal = await employerAnswerRefusal(actor, input.checkinId);
  if (refusal) return { ok: false, fieldErrors: { form: refusal } };
  if (!(await claimOnce(`checkin-employer-answer:${input.checkinId}`))) return { ok: true };
  const checkin = (await CheckinModel.findById(input.checkinId).select("moves followUpId").lean())!;
  await updateCheckin(input.checkinId, {},
    { $set: { employerPart: { attended: input.attended, expected: input.expected, impression: input.impression, concernSealed: encryptText(input.concern), answeredAt: now(), answeredBy: actor._id } } },
  );
  await checkinsChanged(checkin.followUpId, [input.checkinId]);
  await cancelOutbox(reminderKey(input.checkinId, checkin.moves, "employer", "due"));
  return { ok: true };
}

/** Whether the employer still takes part in a check-in's follow-up: only while her consent to the introduction is in force. */
export async function employerTakesPart(checkin: Pick<Checkin, "introductionId" | "organisationId">): Promise<boolean> {
  return Boolean(await introductionConsentInForce(checkin.introductionId, checkin.organisationId));
}
