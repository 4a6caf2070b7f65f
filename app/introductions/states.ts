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

/**
 * After which end of an offer's introduction her mentor may start a new one for the same offer:
 * after she withdrew her consent (she may change her mind again; she gives a new consent), not
 * after the employer said no (decision 007).
 */
export const mayIntroduceAgainAfter: readonly IntroductionStatus[] = ["withdrawn"];

/** Whether a new introduction of the same offer may follow this one: not after a decline, nor once she had started there. */
export function mayIntroduceAgain(introduction: { status: string; history?: readonly { status?: string | null }[] | null }): boolean {
  return mayIntroduceAgainAfter.includes(introduction.status as IntroductionStatus) && !(introduction.history ?? []).some((h) => h.status === "placed");
}

/** The introduction states in which the employer has her details under a consent she has not withdrawn. */
export const sharingStates: readonly IntroductionStatus[] = ["consented", "introduced", "accepted", "meeting_proposed", "placed"];

/** The introduction states in which her introduction still leads somewhere: waiting for her, the employer or her start. */
export const openIntroductionStates: readonly IntroductionStatus[] = ["proposed", "consented", "introduced", "accepted", "meeting_proposed"];

/** Each offer's latest introduction, by proposal id: the later attempt, or (records without one) the later id. */
export function latestPerOffer<T extends { _id: unknown; proposalId: unknown; attempt?: number | null }>(introductions: readonly T[]): Map<string, T> {
  const latest = new Map<string, T>();
  for (const introduction of introductions) {
    const key = String(introduction.proposalId);
    const known = latest.get(key);
    if (!known || isLater(introduction, known)) latest.set(key, introduction);
  }
  return latest;
}

function isLater(a: { _id: unknown; attempt?: number | null }, b: { _id: unknown; attempt?: number | null }): boolean {
  const byAttempt = (a.attempt ?? 0) - (b.attempt ?? 0);
  return byAttempt !== 0 ? byAttempt > 0 : String(a._id) > String(b._id);
}
