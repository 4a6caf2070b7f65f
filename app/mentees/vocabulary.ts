export const menteeReadiness = ["job_ready", "activity_ready", "temporarily_passive"] as const;
export type MenteeReadiness = (typeof menteeReadiness)[number];
export const answerChoices = ["interested", "not_now", "declined"] as const;
