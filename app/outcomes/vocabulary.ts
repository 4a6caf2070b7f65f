// The words of the figures (stages, months, levels, answers, endings): shared by figures.ts and
// the pages, which import these without the counting code (whose figure paths read like
// translation keys to tests/unit/i18n-sections.test.ts).
export const funnelStages = ["caseload", "proposed", "introduced", "started", "completed_or_hired", "in_work_1", "in_work_3", "in_work_6"] as const;
export type FunnelStage = (typeof funnelStages)[number];
export const retentionMonths = [1, 3, 6] as const;
export const readinessLevels = ["temporarily_passive", "activity_ready", "job_ready"] as const;
export const introductionAnswers = ["accepted", "meeting_proposed", "declined", "no_answer"] as const;
export const endingKinds = ["completed", "hired", "education", "ended_early"] as const;
