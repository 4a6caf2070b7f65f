import type { TFunction } from "~/i18n/i18n.ts";

/** What a mentee can do in a desk session; each is written into the session's record. */
export const deskActionKinds = ["offer_answered", "consent_given", "consent_withdrawn"] as const;
export type DeskActionKind = (typeof deskActionKinds)[number];

export interface DeskAction {
  kind: DeskActionKind;
  placement: string;
  organisation: string;
  answer: string;
}

/** One line of the mentee's history (page and e-mail alike), in her words. */
export function deskActionText(t: TFunction, action: DeskAction): string {
  if (action.kind === "offer_answered") {
    return t("mentee.deskActions.offer_answered", { placement: action.placement, answer: t(`proposalStatus.${action.answer}`) });
  }
  return t(`mentee.deskActions.${action.kind}`, { placement: action.placement, organisation: action.organisation });
}
