import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";

/**
 * To the new lead mentor after a coordinator's handover: whom they now lead (first name only),
 * who led before, and how many open check-ins came along. Nothing from the plan or the check-ins'
 * records, and not the coordinator's reason.
 */
export function menteeHandedOver(t: TFunction, p: { name: string; mentee: string; previous: string; openCheckins: number; link: string }): EmailContent {
  return {
    subject: t("email.menteeHandedOver.subject", { mentee: p.mentee }),
    greetingName: p.name,
    paragraphs: [
      t(p.previous ? "email.menteeHandedOver.bodyFrom" : "email.menteeHandedOver.body", { mentee: p.mentee, previous: p.previous }),
      p.openCheckins > 0 ? t("email.menteeHandedOver.checkins", { mentee: p.mentee, count: p.openCheckins }) : t("email.menteeHandedOver.noCheckins", { mentee: p.mentee }),
    ],
    link: p.link,
  };
}
