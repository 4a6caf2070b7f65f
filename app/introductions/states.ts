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
