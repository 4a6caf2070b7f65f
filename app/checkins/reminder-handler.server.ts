import { UserModel } from "~/accounts/model.server.ts";
import { introductionConsentInForce } from "~/consent/consent.server.ts";
import { enqueueEmail } from "~/email/queue.server.ts";
import { publicUrl } from "~/env.server.ts";
import { formatDay } from "~/i18n/dates.ts";
import { isLanguage, type Language } from "~/i18n/languages.ts";
import { isPlaceholderAddress } from "~/mentees/desk.server.ts";
import { MenteeModel } from "~/mentees/model.server.ts";
import { peopleOfOrganisation } from "~/organisations/people.server.ts";
import { CancelledDelivery, registerOutboxHandler } from "~/outbox/outbox.server.ts";
import { placementTitle } from "~/placements/titles.server.ts";
import { CHECKIN_REMINDER, type ReminderPayload } from "./checkins.server.ts";
import { CheckinModel, FollowUpModel, type Checkin } from "./model.server.ts";
import { isoDay } from "./days.ts";
import { reminderKey } from "./reminders.ts";

// A check-in reminder, when it is due, decides whom it reaches then: the mentee's lead mentor at
// that moment (after a handover, the new one), the mentee's own account, the employer's people
// while the mentee's consent is in force. Each e-mail it queues has a key made of the reminder's
// and the person's, so a retry of this step queues nothing twice.

const languageOf = (value: unknown): Language => (isLanguage(value) ? value : "en");

async function remind(raw: unknown): Promise<void> {
  const payload = raw as ReminderPayload;
  const checkin = await CheckinModel.findById(payload.checkinId).lean<Checkin>();
  // Moved or cancelled since it was queued: that reminder is not this check-in's any more.
  if (!checkin || checkin.moves !== payload.moves || (payload.dueDay && isoDay(checkin.dueDay) !== payload.dueDay)) throw new CancelledDelivery("the check-in changed");
  if (checkin.status !== "open") throw new CancelledDelivery(`the check-in is ${checkin.status}`);
  if (payload.recipient === "mentee" && checkin.menteePart) throw new CancelledDelivery("the mentee has answered");
  if (payload.recipient === "employer" && checkin.employerPart) throw new CancelledDelivery("the employer has answered");
  const [followUp, mentee] = await Promise.all([
    FollowUpModel.findById(checkin.followUpId).select("status placementId").lean(),
    MenteeModel.findById(checkin.menteeId).select("firstName mentorId userId").lean(),
  ]);
  if (!followUp || followUp.status !== "active" || !mentee) throw new CancelledDelivery("the follow-up has ended");
  const placement = await placementTitle(followUp.placementId);
  const key = reminderKey(payload.checkinId, payload.moves, payload.recipient, payload.kind);
  const about = { menteeId: checkin.menteeId };
  const send = async (person: { _id: unknown; email: string; name: string; language: unknown }, variant: "mentorBefore" | "mentorDue" | "mentorOverdue" | "mentee" | "employer", link: string, menteeName: string) => {
    const language = languageOf(person.language);
    await enqueueEmail({
      to: person.email,
      language,
      template: "checkinReminder",
      params: { name: person.name, variant, mentee: menteeName, placement, day: formatDay(checkin.dueDay, language, { weekday: true }), link },
      about,
      key: `${key}:to:${String(person._id)}`,
    });
  };

  if (payload.recipient === "mentor") {
    const mentor = await UserModel.findById(mentee.mentorId).select("email name language deactivatedAt").lean();
    if (!mentor) throw new Error("the mentee's lead mentor was not found");
    // A mentor who has left is not written to: the coordinator's list of mentees whose mentor is no
    // longer active asks for a handover, and the new mentor gets the reminders still ahead.
    if (mentor.deactivatedAt) throw new CancelledDelivery("the lead mentor's account is deactivated");
    const variant = payload.kind === "before" ? "mentorBefore" : payload.kind === "due" ? "mentorDue" : "mentorOverdue";
    await send(mentor, variant, `${publicUrl()}/mentor/checkins/${checkin._id}`, mentee.firstName);
    return;
  }
  if (payload.recipient === "mentee") {
    const account = mentee.userId ? await UserModel.findById(mentee.userId).select("email name language").lean() : null;
    // No account of her own, or one the desk made: the mentor asks her part in person.
    if (!account || isPlaceholderAddress(account.email)) return;
    await send(account, "mentee", `${publicUrl()}/me/checkins`, mentee.firstName);
    return;
  }
  const consent = await introductionConsentInForce(checkin.introductionId, checkin.organisationId);
  if (!consent) throw new CancelledDelivery("the mentee's consent for this employer is not in force");
  const firstName = (consent.fields as string[]).includes("firstName") ? mentee.firstName : "";
  for (const person of await peopleOfOrganisation(checkin.organisationId)) await send(person, "employer", `${publicUrl()}/employer/placed`, firstName);
}

registerOutboxHandler(CHECKIN_REMINDER, remind);
