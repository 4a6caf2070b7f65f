// The programme's ledger: what happened to each mentee, as dated facts, in the order they were
// recorded. The outcomes figures are counted from these alone (app/outcomes). Pure: shared by
// the server, the generator of test histories and unit tests.

export const ledgerEventKinds = [
  /** A mentee entered a mentor's caseload (readiness = her readiness then). */
  "joined",
  /** Her readiness changed (from → to). */
  "readiness",
  /** A coordinator made another mentor her lead mentor (mentorId/organisationId are the new lead's). */
  "handover",
  /** Her mentor proposed a placement (ref: the proposal). */
  "proposed",
  /** An employer received the introduction (ref: the introduction). */
  "introduced",
  /** The employer answered an introduction (status: accepted, meeting_proposed, declined; ref: the introduction). */
  "answered",
  /** A placement started (ref: the follow-up; status: the placement's kind). */
  "started",
  /** The answer to "still in work?" at a check-in (ref: the follow-up; milestone: e.g. month3; status: yes/no). */
  "in_work",
  /** A placement ended (ref: the follow-up; status: completed, hired, education, ended_early; reason when early). */
  "ended",
  /** A check-in is due on dueDay (ref: the check-in); recorded again when it moves. */
  "checkin_due",
  /** A check-in was cancelled (ref: the check-in). */
  "checkin_cancelled",
  /** A check-in was recorded; day is the day of the contact (ref: the check-in). */
  "checkin_done",
] as const;
export type LedgerEventKind = (typeof ledgerEventKinds)[number];

/** One fact as the figures read it: ids as strings, days as "YYYY-MM-DD". */
export interface LedgerFact {
  seq: number;
  kind: LedgerEventKind;
  /** The day it happened, in the mentee's programme country. */
  day: string;
  menteeId: string;
  /** The lead mentor when it happened, and her organisation. */
  mentorId: string;
  organisationId: string;
  country: string;
  ref?: string;
  status?: string;
  from?: string;
  to?: string;
  milestone?: string;
  reason?: string;
  dueDay?: string;
}
