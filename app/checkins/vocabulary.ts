// The words of a check-in record, shared by forms, pages and the server's schemas.
export { checkinPartners, type CheckinPartner } from "./reminders.ts";

export const checkinMethods = ["in_person", "phone", "video", "message"] as const;
export type CheckinMethod = (typeof checkinMethods)[number];

/** How the mentee feels: five steps, shown with words and faces (1 very bad … 5 very good). */
export const feelingScale = [1, 2, 3, 4, 5] as const;

/** How the employer says it goes: three steps, nothing about health. */
export const employerImpressions = ["going_well", "mixed", "not_going_well"] as const;

export const checkinStatuses = ["open", "done", "cancelled"] as const;
export type CheckinStatus = (typeof checkinStatuses)[number];

/** How a placement ended (an outcome event), and why it ended early. */
export const endings = ["completed", "hired", "education", "ended_early"] as const;
export const contractTypes = ["permanent", "fixed_term", "part_time", "subsidised"] as const;
export const earlyEndReasons = ["health", "transport", "conflict", "caring_duties", "employer_ended", "other"] as const;
export const outcomeKinds = ["started", "still_in_work", "not_in_work", ...endings] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];
