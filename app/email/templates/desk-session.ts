import type { TFunction } from "~/i18n/i18n.ts";
import type { EmailContent } from "./layout.tsx";

/**
 * To a mentee whose mentor opened a desk session of hers: who, when, and what was done in it.
 * `mentor`, `when` and `actions` (each a line in her words) are worked out when the e-mail is
 * sent, after the session has ended.
 */
export function deskSession(
  t: TFunction,
  p: { name: string; deskSessionId: string; link: string; mentor?: string; when?: { date: string; time: string }; actions?: string[] },
): EmailContent {
  const mentor = p.mentor ?? "";
  const actions = p.actions ?? [];
  return {
    subject: t("email.deskSession.subject", { mentor }),
    greetingName: p.name,
    paragraphs: [
      t("email.deskSession.body", { mentor, date: p.when?.date ?? "", time: p.when?.time ?? "" }),
      actions.length ? t("email.deskSession.done") : t("mentee.deskNothingDone"),
      ...actions.map((action) => `• ${action}`),
    ],
    after: [t("email.deskSession.see"), p.link, t("email.deskSession.notYou")],
  };
}
