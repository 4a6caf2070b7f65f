import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";

/** To the owner of an address someone tried to register again: there is an account; log in or choose a new password. */
export function registrationExisting(t: TFunction, p: { name: string; link: string }): EmailContent {
  return {
    subject: t("email.registrationExisting.subject"),
    greetingName: p.name,
    paragraphs: [t("email.registrationExisting.body")],
    link: p.link,
    after: [t("email.ignore")],
  };
}
