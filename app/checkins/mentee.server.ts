import type { SessionUser } from "~/accounts/session.server.ts";
import { now } from "~/clock/clock.ts";
import { claimOnce } from "~/db/claims.server.ts";
import { isObjectId } from "~/db/ids.server.ts";
import { menteeOfAccount } from "~/mentees/lists.server.ts";
import { cancelOutbox } from "~/outbox/outbox.server.ts";
import { placementTitles } from "~/placements/titles.server.ts";
import { decryptText, encryptText } from "~/security/encryption.server.ts";
import { messageWith } from "~/ui/form-data.ts";
import { forbidden } from "~/ui/responses.server.ts";
import { todayIn, type Failure } from "./checkins.server.ts";
import { addDays, isoDay } from "./days.ts";
import { updateCheckin } from "./write.server.ts";
import { CheckinModel, FollowUpModel, type Checkin } from "./model.server.ts";
import { checkinsChanged } from "./states.server.ts";
import { reminderKey } from "./reminders.ts";
import type { MenteeAnswerInput } from "./schema.server.ts";

// The mentee's own part of her check-ins (/me/checkins): her answers, and what she said before.
// Only her own; she may answer from a few days before a check-in's day.

/** How many days before its day a check-in may be answered. */
export const ANSWER_FROM_DAYS_BEFORE = 3;

async function menteeOf(actor: SessionUser) {
  if (actor.role !== "mentee") forbidden();
  return menteeOfAccount(actor._id);
}

const askable = (c: Checkin, today: Date) => c.status !== "cancelled" && !c.menteePart && c.withWhom !== "employer" && c.dueDay <= addDays(today, ANSWER_FROM_DAYS_BEFORE);

/** Her check-ins to answer now, and her earlier answers, newest first. */
export async function checkinsForMentee(actor: SessionUser) {
  const mentee = await menteeOf(actor);
  if (!mentee) return { toAnswer: [], answered: [] };
  const checkins = await CheckinModel.find({ menteeId: mentee._id }).sort({ dueDay: -1 }).limit(100).lean<Checkin[]>();
  const followUps = await Promise.all([...new Set(checkins.map((c) => String(c.followUpId)))].map((id) => FollowUpModel.findById(id).select("placementId country status").lean()));
  const titles = await placementTitles(followUps.map((f) => f?.placementId));
  const placementOf = new Map(followUps.filter(Boolean).map((f) => [String(f!._id), titles.get(String(f!.placementId)) ?? ""]));
  const activeFollowUps = new Set(followUps.filter((f) => f?.status === "active").map((f) => String(f!._id)));
  const today = todayIn(mentee.country);
  return {
    toAnswer: checkins
      .filter((c) => activeFollowUps.has(String(c.followUpId)) && askable(c, today))
      .map((c) => ({ id: String(c._id), dueDay: isoDay(c.dueDay), placement: placementOf.get(String(c.followUpId)) ?? "" })),
    answered: checkins
      .filter((c) => c.menteePart)
      .map((c) => ({
        id: String(c._id),
        dueDay: isoDay(c.dueDay),
        placement: placementOf.get(String(c.followUpId)) ?? "",
        feeling: Number(decryptText(c.menteePart!.feelingSealed)) || null,
        goesWell: decryptText(c.menteePart!.goesWellSealed),
        needsSupport: decryptText(c.menteePart!.needsSupportSealed),
      })),
  };
}

/**
 * Why she may not answer this check-in now (null when she may): before the form is read. One not
 * due yet says from which day; one answered, cancelled, for the employer or not hers is closed.
 */
export async function whyCheckinNotAnswerable(actor: SessionUser, checkinId: unknown): Promise<string | null> {
  const mentee = await menteeOf(actor);
  if (!mentee || !isObjectId(checkinId)) return "errors.checkinClosed";
  const checkin = await CheckinModel.findOne({ _id: checkinId, menteeId: mentee._id }).lean<Checkin>();
  if (!checkin) return "errors.checkinClosed";
  const today = todayIn(mentee.country);
  if (askable(checkin, today)) return null;
  const notYet = checkin.status !== "cancelled" && !checkin.menteePart && checkin.withWhom !== "employer";
  return notYet ? messageWith("errors.checkinNotDueYet", { fromDate: isoDay(addDays(checkin.dueDay, -ANSWER_FROM_DAYS_BEFORE)) }) : "errors.checkinClosed";
}

/** Her answer: given once (a second submit changes nothing); her reminder for this check-in stops. */
export async function answerAsMentee(actor: SessionUser, input: MenteeAnswerInput): Promise<{ ok: true } | Failure> {
  const refusal = await whyCheckinNotAnswerable(actor, input.checkinId);
  if (refusal) return { ok: false, fieldErrors: { form: refusal } };
  if (!(await claimOnce(`checkin-mentee-answer:${input.checkinId}`))) return { ok: true };
  const checkin = (await CheckinModel.findById(input.checkinId).select("moves followUpId").lean())!;
  await updateCheckin(input.checkinId, {},
    { $set: { menteePart: { feelingSealed: encryptText(String(input.feeling)), goesWellSealed: encryptText(input.goesWell), needsSupportSealed: encryptText(input.needsSupport), answeredAt: now() } } },
  );
  await checkinsChanged(checkin.followUpId, [input.checkinId]);
  await cancelOutbox(reminderKey(input.checkinId, checkin.moves, "mentee", "due"));
  return { ok: true };
}
