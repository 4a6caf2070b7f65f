import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";

interface DecisionParams {
  name: string;
  organisation: string;
  link: string;
  reason?: string;
}

export function organisationVerified(t: TFunction, p: DecisionParams): EmailContent {
  return {
    subject: t("email.organisationVerified.subject"),
    greetingName: p.name,
    paragraphs: [t("email.organisationVerified.body", { organisation: p.organisation })],
    link: p.link,
  };
}

export function organisationRejected(t: TFunction, p: DecisionParams): EmailContent {
  return {
    subject: t("email.organisationRejected.subject"),
    greetingName: p.name,
    paragraphs: [t("email.organisationRejected.body", { organisation: p.organisation })],
    quote: p.reason,
  };
}

export function mentorApproved(t: TFunction, p: DecisionParams): EmailContent {
  return {
    subject: t("email.mentorApproved.subject"),
    greetingName: p.name,
    paragraphs: [t("email.mentorApproved.body", { organisation: p.organisation })],
    link: p.link,
  };
}

export function mentorRejected(t: TFunction, p: DecisionParams): EmailContent {
  return {
    subject: t("email.mentorRejected.subject"),
    greetingName: p.name,
    paragraphs: [t("email.mentorRejected.body", { organisation: p.organisation })],
    quote: p.reason,
  };
}
