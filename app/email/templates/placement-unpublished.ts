import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";

export function placementUnpublished(t: TFunction, p: { name: string; title: string; reason: string; link: string }): EmailContent {
  return {
    subject: t("email.placementUnpublished.subject"),
    greetingName: p.name,
    paragraphs: [t("email.placementUnpublished.body", { title: p.title })],
    quote: p.reason,
    after: [t("email.placementUnpublished.after"), p.link],
  };
}
