export const menteeReadiness = ["job_ready", "activity_ready", "temporarily_passive"] as const;
export type MenteeReadiness = (typeof menteeReadiness)[number];
export const answerChoices = ["interested", "not_now", "declined"] as const;

/** The limits of a handover's reason (also named in its messages). */
export const handoverReasonLength = { min: 3, max: 500 } as const;
