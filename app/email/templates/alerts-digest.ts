import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";

/**
 * A mentor's digest of new placements that fit the saved searches: per mentee (first name only)
 * the placements, each linking to the mentee's matches page, where they are marked new. It
 * carries a one-click unsubscribe link, in the text and in the List-Unsubscribe header.
 */
export function alertsDigest(
  t: TFunction,
  p: { digestId?: string; name: string; searches: { mentee: string; link: string; placements: { title: string; link: string }[] }[]; unsubscribe: string },
): EmailContent {
  const count = p.searches.reduce((sum, s) => sum + s.placements.length, 0);
  return {
    subject: t("email.alertsDigest.subject", { count }),
    greetingName: p.name,
    paragraphs: [t("email.alertsDigest.intro", { count })],
    sections: p.searches.map((s) => ({
      heading: t("email.alertsDigest.forMentee", { mentee: s.mentee, count: s.placements.length }),
      items: s.placements.map((placement) => ({ text: placement.title, link: placement.link })),
      link: s.link,
      linkText: t("email.alertsDigest.openMatches", { mentee: s.mentee }),
    })),
    after: [t("email.alertsDigest.why"), `${t("email.alertsDigest.unsubscribe")} ${p.unsubscribe}`],
    unsubscribe: p.unsubscribe,
  };
}
