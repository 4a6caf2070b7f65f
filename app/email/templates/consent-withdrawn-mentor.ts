import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";

/** To the lead mentor: the mentee changed her mind about an introduction. */
export function consentWithdrawnMentor(
  t: TFunction,
  p: { name: string; mentee: string; placement: string; organisation: string; employerTold: boolean; link: string },
): EmailContent {
  return {
    subject: t("email.consentWithdrawnMentor.subject", { mentee: p.mentee }),
    greetingName: p.name,
    paragraphs: [
      t("email.consentWithdrawnMentor.body", { mentee: p.mentee, placement: p.placement, organisation: p.organisation }),
      t(p.employerTold ? "email.consentWithdrawnMentor.employerTold" : "email.consentWithdrawnMentor.notIntroduced", { organisation: p.organisation }),
    ],
    after: [t("email.consentWithdrawnMentor.see"), p.link],
  };
}
