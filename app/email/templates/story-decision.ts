import type { TFunction } from "i18next";
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

/** A month before a story consent runs out, to the mentee and to the coordinators: renew it or let it lapse. */
export function storyExpiryReminder(t: TFunction, p: { name: string; title: string; date: string; forMentee: boolean; link: string }): EmailContent {
  return {
    subject: t("storyDecision.email.reminderSubject"),
    greetingName: p.name,
    paragraphs: [
      t(p.forMentee ? "storyDecision.email.reminderMentee" : "storyDecision.email.reminderCoordinator", { title: p.title, date: p.date }),
      t("storyDecision.email.reminderLapse"),
    ],
    link: p.link,
  };
}
