import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";

export function placementRestored(t: TFunction, p: { name: string; title: string; link: string }): EmailContent {
  return {
    subject: t("email.placementRestored.subject"),
    greetingName: p.name,
    paragraphs: [t("email.placementRestored.body", { title: p.title })],
    after: [p.link],
  };
}
