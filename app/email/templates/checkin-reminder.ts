import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";

/**
 * A reminder of a check-in: to the mentor two working days before, on the day and once it is
 * overdue; to the mentee and to the employer on the day, for their own part. It names the day,
 * the placement and (to the mentor, and to the employer when consent allows) the mentee's first
 * name: never anything from the record.
 */
export function checkinReminder(
  t: TFunction,
  p: { name: string; variant: "mentorBefore" | "mentorDue" | "mentorOverdue" | "mentee" | "employer"; mentee: string; placement: string; day: string; link: string },
): EmailContent {
  const values = { mentee: p.mentee || t("email.checkinReminder.candidate"), placement: p.placement, day: p.day };
  return {
    subject: t(`email.checkinReminder.${p.variant}.subject`, values),
    greetingName: p.name,
    paragraphs: [t(`email.checkinReminder.${p.variant}.body`, values)],
    after: [t("email.checkinReminder.open"), p.link],
  };
}
