import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";

/** To a mentor whom a coordinator brought in with an import: choose a password to start. */
export function mentorInvitation(t: TFunction, p: { name: string; link: string }): EmailContent {
  return {
    subject: t("email.mentorInvitation.subject"),
    greetingName: p.name,
    paragraphs: [t("email.mentorInvitation.body")],
    link: p.link,
    after: [t("email.menteeInvitation.validity")],
  };
}
