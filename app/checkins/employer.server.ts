import type { SessionUser } from "~/accounts/session.server.ts";
import { now } from "~/clock/clock.ts";
import { introductionConsentInForce } from "~/consent/consent.server.ts";
import { claimOnce } from "~/db/claims.server.ts";
import { isObjectId } from "~/db/ids.server.ts";
import { recordAccess } from "~/mentees/audit.server.ts";
import { MenteeModel } from "~/mentees/model.server.ts";
import { cancelOutbox } from "~/outbox/outbox.server.ts";
import { placementTitles } from "~/placements/titles.server.ts";
import { encryptText } from "~/security/encryption.server.ts";
import { forbidden } from "~/ui/responses.server.ts";
import { todayIn, type Failure } from "./checkins.server.ts";
import { addDays, isoDay } from "./days.ts";
import { checkinsOfFollowUp, followUpsOfOrganisation } from "./lists.server.ts";
import { CheckinModel, FollowUpModel, type Checkin } from "./model.server.ts";
import { reminderKey } from "./reminders.ts";
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
  const titles = await placementTitles(followUps.map((f) => f.placementId));
  const shown = [];
  for (const followUp of followUps) {
    const consent = await introductionConsentInForce(followUp.introductionId, followUp.organisationId);
    if (!consent) continue;
    const mentee = await MenteeModel.findById(followUp.menteeId).select("firstName").lean();
    const firstName = (consent.fields as string[]).includes("firstName") ? (mentee?.firstName ?? null) : null;
    if (firstName) await recordAccess(actor, followUp.menteeId, "checkins");
    const today = todayIn(followUp.country);
    const checkins = await checkinsOfFollowUp(followUp._id);
    shown.push({
      id: String(followUp._id),
      firstName,
      placement: titles.get(String(followUp.placementId)) ?? "",
      startDay: isoDay(followUp.startDay),
      toAnswer: checkins.filter((c) => askable(c, today)).map((c) => ({ id: String(c._id), dueDay: isoDay(c.dueDay) })),
      answered: checkins.filter((c) => c.employerPart).map((c) => ({ id: String(c._id), dueDay: isoDay(c.dueDay), attended: c.employerPart!.attended ?? 0, expected: c.employerPart!.expected ?? 0, impression: c.employerPart!.impression ?? "" })),
    });
  }
  return shown;
}

/** Whether the employer may answer this check-in now (their organisation's, consent in force): before the form is read. */
export async function mayAnswerAsEmployer(actor: SessionUser, checkinId: unknown): Promise<boolean> {
  requireEmployer(actor);
  if (!isObjectId(checkinId)) return false;
  const checkin = await CheckinModel.findOne({ _id: checkinId, organisationId: actor.organisationId }).lean<Checkin>();
  if (!checkin) return false;
  const followUp = await FollowUpModel.findById(checkin.followUpId).select("status country").lean();
  if (!followUp || followUp.status !== "active" || !askable(checkin, todayIn(followUp.country))) return false;
  return Boolean(await introductionConsentInForce(checkin.introductionId, checkin.organisationId));
}

/** The employer's answer: once per check-in (a second submit changes nothing); their reminder stops. */
export async function answerAsEmployer(actor: SessionUser, input: EmployerAnswerInput): Promise<{ ok: true } | Failure> {
  if (!(await mayAnswerAsEmployer(actor, input.checkinId))) return { ok: false, fieldErrors: { form: "errors.checkinClosed" } };
  if (!(await claimOnce(`checkin-employer-answer:${input.checkinId}`))) return { ok: true };
  const checkin = (await CheckinModel.findById(input.checkinId).select("moves").lean())!;
  await CheckinModel.updateOne(
    { _id: input.checkinId },
    { $set: { employerPart: { attended: input.attended, expected: input.expected, impression: input.impression, concernSealed: encryptText(input.concern), answeredAt: now(), answeredBy: actor._id } } },
  );
  await cancelOutbox(reminderKey(input.checkinId, checkin.moves, "employer", "due"));
  return { ok: true };
}
