import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";

export function resetPassword(t: TFunction, p: { name: string; link: string }): EmailContent {
  return {
    subject: t("email.resetPassword.subject"),
    greetingName: p.name,
    paragraphs: [t("email.resetPassword.body")],
    link: p.link,
    after: [t("email.resetPassword.validity"), t("email.ignore")],
  };
}
