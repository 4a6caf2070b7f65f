import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";

/** To each person of the employer: access ended. Nothing about the candidate but that she withdrew. */
export function consentWithdrawnEmployer(t: TFunction, p: { name: string; placement: string; link: string }): EmailContent {
  return {
    subject: t("email.consentWithdrawnEmployer.subject", { placement: p.placement }),
    greetingName: p.name,
    paragraphs: [t("email.consentWithdrawnEmployer.body", { placement: p.placement }), t("email.consentWithdrawnEmployer.delete")],
    after: [t("email.consentWithdrawnEmployer.see"), p.link],
  };
}
