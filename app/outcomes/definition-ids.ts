// The ids of the figures' definitions (their sentences are in definitions.ts, which only the server
// reads: a page gets the sentences of its language from its loader, through DefinitionsContext).

export const definitionIds = ["caseload", "proposed", "introduced", "started", "completed_or_hired", "in_work", "retention_cohorts", "readiness_steps", "endings", "introduction_answers", "checkins_on_time", "small_numbers"] as const;
export type DefinitionId = (typeof definitionIds)[number];

/** The definitions in one language, as a page receives them. */
export type DefinitionTexts = Partial<Record<DefinitionId, { version: number; text: string }>>;

/** The definition behind each funnel stage. */
export const funnelDefinition: Record<string, DefinitionId> = {
  caseload: "caseload",
  proposed: "proposed",
  introduced: "introduced",
  started: "started",
  completed_or_hired: "completed_or_hired",
  in_work_1: "in_work",
  in_work_3: "in_work",
  in_work_6: "in_work",
};
