import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";

export function confirmEmail(t: TFunction, p: { name: string; link: string }): EmailContent {
  return {
    subject: t("email.confirmEmail.subject"),
    greetingName: p.name,
    paragraphs: [t("email.confirmEmail.body")],
    link: p.link,
    after: [t("email.confirmEmail.validity"), t("email.ignore")],
  };
}
