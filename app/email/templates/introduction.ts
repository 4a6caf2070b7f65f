import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";
import { boundsText } from "~/i18n/hours.ts";

/** What the employer may see of the mentee: each part is there only when consent allows it. */
export interface IntroducedProfile {
  firstName?: string;
  fullName?: string;
  ownContact?: string;
  skillsSummary?: string;
  availability?: { hoursMin: number; hoursMax: number };
  supportNeeded?: string[];
  note?: string;
  mentor: { name: string; email: string };
}

/** `profile` is added when the e-mail is sent (consent's visibleProfileFor): it carries only what consent allows then. */
export function introduction(t: TFunction, p: { name: string; placement: string; link: string; profile: IntroducedProfile }): EmailContent {
  const lines: string[] = [];
  const profile = p.profile;
  if (profile.firstName) lines.push(`${t("consent.labels.firstName")}: ${profile.firstName}`);
  if (profile.fullName) lines.push(`${t("consent.labels.fullName")}: ${profile.fullName}`);
  if (profile.ownContact) lines.push(`${t("consent.labels.ownContact")}: ${profile.ownContact}`);
  if (profile.skillsSummary) lines.push(`${t("consent.labels.skillsSummary")}: ${profile.skillsSummary}`);
  if (profile.availability) lines.push(`${t("consent.labels.availability")}: ${boundsText(profile.availability.hoursMin, profile.availability.hoursMax)}`);
  if (profile.supportNeeded?.length) lines.push(`${t("consent.labels.supportNeeded")}: ${profile.supportNeeded.map((s) => t(`vocab.support.${s}`)).join(", ")}`);
  if (profile.note) lines.push(`${t("consent.labels.note")}: ${profile.note}`);
  return {
    subject: t("email.introduction.subject", { placement: p.placement }),
    greetingName: p.name,
    paragraphs: [t("email.introduction.body", { placement: p.placement }), ...lines, t("email.introduction.contactMentor", { mentor: profile.mentor.name, email: profile.mentor.email })],
    after: [t("email.introduction.answer"), p.link],
  };
}

export function introductionAnswered(t: TFunction, p: { name: string; organisation: string; placement: string; answer: string; link: string }): EmailContent {
  return {
    subject: t("email.introductionAnswered.subject", { organisation: p.organisation }),
    greetingName: p.name,
    paragraphs: [t("email.introductionAnswered.body", { organisation: p.organisation, placement: p.placement, answer: t(`introductionStatus.${p.answer}`) })],
    after: [t("email.introductionAnswered.see"), p.link],
  };
}
