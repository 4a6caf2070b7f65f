import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";

export function menteeInvitation(t: TFunction, p: { name: string; mentor: string; link: string }): EmailContent {
  return {
    subject: t("email.menteeInvitation.subject"),
    greetingName: p.name,
    paragraphs: [t("email.menteeInvitation.body", { mentor: p.mentor })],
    link: p.link,
    after: [t("email.menteeInvitation.validity")],
  };
}

export function offerAnswered(t: TFunction, p: { name: string; mentee: string; title: string; answer: string; link: string }): EmailContent {
  return {
    subject: t("email.offerAnswered.subject", { mentee: p.mentee }),
    greetingName: p.name,
    paragraphs: [t("email.offerAnswered.body", { mentee: p.mentee, title: p.title, answer: t(`proposalStatus.${p.answer}`) })],
    link: p.link,
  };
}
