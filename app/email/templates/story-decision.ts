import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";

/** To the address a mentor gave: a one-time link for a mentee without an account to decide about a story about her. */
export function storyDecisionLink(t: TFunction, p: { name: string; link: string; days: number }): EmailContent {
  return {
    subject: t("storyDecision.email.linkSubject"),
    greetingName: p.name,
    paragraphs: [t("storyDecision.email.linkBody"), t("storyDecision.email.linkOnce", { days: p.days })],
    link: p.link,
  };
}

const reminderTexts = {
  mentee: "storyDecision.email.reminderMentee",
  menteeWithoutAccount: "storyDecision.email.reminderMenteeWithoutAccount",
  mentor: "storyDecision.email.reminderMentor",
  coordinator: "storyDecision.email.reminderCoordinator",
} as const;

/**
 * A month before a story consent runs out, renew it or let it lapse: to the mentee (on her page; without
 * an account, through her mentor), to the lead mentor of a mentee without an account, and to the coordinators.
 */
export function storyExpiryReminder(t: TFunction, p: { name: string; title: string; date: string; reader: keyof typeof reminderTexts; link?: string }): EmailContent {
  return {
    subject: t("storyDecision.email.reminderSubject"),
    greetingName: p.name,
    paragraphs: [t(reminderTexts[p.reader], { title: p.title, date: p.date }), t("storyDecision.email.reminderLapse")],
    ...(p.link ? { link: p.link } : {}),
  };
}

/** To each person of an employer a story names, once the mentee approved it: decide on its part (no name of hers, none of the story's text). */
export function storyAwaitsEmployer(t: TFunction, p: { name: string; organisation: string; link: string }): EmailContent {
  return {
    subject: t("storyDecision.email.employerAskedSubject", { organisation: p.organisation }),
    greetingName: p.name,
    paragraphs: [t("storyDecision.email.employerAskedBody", { organisation: p.organisation })],
    after: [t("storyDecision.email.employerAskedSee"), p.link],
  };
}

const decidedBodies = {
  approved: "storyDecision.email.menteeDecidedBody.approved",
  approvedWaitsEmployer: "storyDecision.email.menteeDecidedBody.approvedWaitsEmployer",
  declined: "storyDecision.email.menteeDecidedBody.declined",
  withdrawn: "storyDecision.email.menteeDecidedBody.withdrawn",
} as const;

/** To the lead mentor: the mentee approved, declined or withdrew a story (her first name only, none of the story's text). */
export function storyMenteeDecided(t: TFunction, p: { name: string; firstName: string; decision: keyof typeof decidedBodies; link: string }): EmailContent {
  const subject = p.decision === "approvedWaitsEmployer" ? "approved" : p.decision;
  return {
    subject: t(`storyDecision.email.menteeDecidedSubject.${subject}`, { firstName: p.firstName }),
    greetingName: p.name,
    paragraphs: [t(decidedBodies[p.decision], { firstName: p.firstName })],
    after: [t("storyDecision.email.menteeDecidedSee"), p.link],
  };
}
