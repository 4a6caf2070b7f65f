import { alertsDigest } from "./alerts-digest.ts";
import { checkinReminder } from "./checkin-reminder.ts";
import { confirmEmail } from "./confirm-email.ts";
import { consentWithdrawnEmployer } from "./consent-withdrawn-employer.ts";
import { consentWithdrawnMentor } from "./consent-withdrawn-mentor.ts";
import { deskSession } from "./desk-session.ts";
import { introduction, introductionAnswered } from "./introduction.ts";
import { menteeHandedOver } from "./mentee-handed-over.ts";
import { menteeInvitation, offerAnswered } from "./mentee-invitation.ts";
import { mentorInvitation } from "./mentor-invitation.ts";
import { placementEndedMentor } from "./placement-ended-mentor.ts";
import { placementRestored } from "./placement-restored.ts";
import { placementUnpublished } from "./placement-unpublished.ts";
import { registrationExisting } from "./registration-existing.ts";
import { resetPassword } from "./reset-password.ts";
import { storyAwaitsEmployer, storyDecisionLink, storyExpiryReminder, storyMenteeDecided } from "./story-decision.ts";
import { mentorApproved, mentorRejected, organisationRejected, organisationVerified } from "./verification-decision.ts";

/** Every message the portal sends, by the name stored in the outbox. */
export const emailTemplates = {
  confirmEmail,
  resetPassword,
  registrationExisting,
  organisationVerified,
  organisationRejected,
  mentorApproved,
  mentorRejected,
  placementUnpublished,
  placementRestored,
  placementEndedMentor,
  menteeInvitation,
  mentorInvitation,
  offerAnswered,
  introduction,
  introductionAnswered,
  consentWithdrawnEmployer,
  consentWithdrawnMentor,
  deskSession,
  checkinReminder,
  menteeHandedOver,
  storyDecisionLink,
  storyExpiryReminder,
  storyAwaitsEmployer,
  storyMenteeDecided,
  alertsDigest,
};

export type EmailTemplateName = keyof typeof emailTemplates;

/**
 * Messages whose parameters are completed when they are sent, by a step the feature that owns the
 * data registers (completeWhenSent in ../queue.server.ts): what an introduction shows is what
 * consent allows at that moment; a desk session is summed up once it is over; a digest names
 * mentees and placements as they are then, with an unsubscribe link made for that e-mail.
 */
export const completedWhenSent: ReadonlySet<EmailTemplateName> = new Set<EmailTemplateName>(["introduction", "deskSession", "alertsDigest"]);
export type EmailTemplateParams<N extends EmailTemplateName> = Parameters<(typeof emailTemplates)[N]>[1];
