import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";

/** To a lead mentor: a placement some of their mentees were offered or introduced to has ended. */
export function placementEndedMentor(
  t: TFunction,
  p: { name: string; placement: string; organisation: string; how: "closed" | "taken_down"; mentees: string[]; link: string },
): EmailContent {
  return {
    subject: t("email.placementEndedMentor.subject", { placement: p.placement }),
    greetingName: p.name,
    paragraphs: [
      t(p.how === "closed" ? "email.placementEndedMentor.closed" : "email.placementEndedMentor.takenDown", { placement: p.placement, organisation: p.organisation }),
      t("email.placementEndedMentor.mentees", { mentees: p.mentees.join(", ") }),
      t("email.placementEndedMentor.next"),
    ],
    after: [p.link],
  };
}
