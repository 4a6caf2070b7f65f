/**
 * What an employer may be shown of a mentee, each only with a consent that names it. The mentor's
 * contact is always shown: it is the mentor's, not the mentee's.
 */
export const consentFields = ["firstName", "fullName", "ownContact", "skillsSummary", "availability", "supportNeeded", "note"] as const;
export type ConsentField = (typeof consentFields)[number];

/** Ticked when the consent screen opens; everything else is the mentee's active choice. */
export const preTickedFields: ConsentField[] = ["firstName"];

/**
 * An employer cannot meet someone nameless: an introduction needs at least one of these. A way to
 * reach the person always goes with it (the mentor's contact), so her own address stays optional.
 */
export const namingFields: ConsentField[] = ["firstName", "fullName"];

export function consentNamesThePerson(fields: readonly string[]): boolean {
  return namingFields.some((field) => fields.includes(field));
}

export const CONSENT_TEXT_VERSION = "introduction-2026-11-v1";

export const introductionStatuses = ["proposed", "consented", "introduced", "accepted", "meeting_proposed", "declined", "placed", "withdrawn"] as const;
export type IntroductionStatus = (typeof introductionStatuses)[number];
export type IntroductionActor = "mentee" | "mentor" | "employer" | "system";

/** Who may move an introduction from which state to which; anything else is refused. */
export const introductionTransitions: Record<IntroductionStatus, Partial<Record<IntroductionStatus, IntroductionActor>>> = {
  proposed: { consented: "mentee", withdrawn: "mentee" },
  consented: { introduced: "system", withdrawn: "mentee" },
  introduced: { accepted: "employer", meeting_proposed: "employer", declined: "employer", withdrawn: "mentee" },
  meeting_proposed: { accepted: "employer", declined: "employer", placed: "mentor", withdrawn: "mentee" },
  accepted: { placed: "mentor", withdrawn: "mentee" },
  placed: { withdrawn: "mentee" },
  declined: {},
  withdrawn: {},
};

export function transitionAllowed(from: IntroductionStatus, to: IntroductionStatus): boolean {
  return Boolean(introductionTransitions[from]?.[to]);
}

/** The states this person may move an introduction to from where it is now: what their page offers. */
export function nextStatesFor(status: string, actor: IntroductionActor): IntroductionStatus[] {
  const edges = introductionTransitions[status as IntroductionStatus] ?? {};
  return (Object.entries(edges) as [IntroductionStatus, IntroductionActor][]).filter(([, who]) => who === actor).map(([to]) => to);
}
