import type { TFunction } from "i18next";
import type { DeskSessionSummary } from "~/mentees/desk.server.ts";
import { deskActionText } from "~/mentees/desk-actions.ts";
import type { EmailContent } from "./layout.tsx";

/**
 * To a mentee whose mentor opened a desk session of hers: who, when, and what was done in it.
 * `summary` and `when` are worked out when the e-mail is sent, after the session has ended.
 */
export function deskSession(
  t: TFunction,
  p: { name: string; deskSessionId: string; link: string; summary?: DeskSessionSummary; when?: { date: string; time: string } },
): EmailContent {
  const mentor = p.summary?.mentor ?? "";
  const actions = p.summary?.actions ?? [];
  return {
    subject: t("email.deskSession.subject", { mentor }),
    greetingName: p.name,
    paragraphs: [
      t("email.deskSession.body", { mentor, date: p.when?.date ?? "", time: p.when?.time ?? "" }),
      actions.length ? t("email.deskSession.done") : t("mentee.deskNothingDone"),
      ...actions.map((action) => `• ${deskActionText(t, action)}`),
    ],
    after: [t("email.deskSession.see"), p.link, t("email.deskSession.notYou")],
  };
}
