import { addMonths, daysBetween } from "./days.ts";

// "Mentees going quiet": THE rules, with their thresholds, in one place. Each rule is a small pure
// function of a mentee's follow-up as it stands and of today; a reason shows while its rule holds
// and clears by itself once the situation changes (a check-in recorded, a better answer).

export const quietThresholds = {
  /** An open check-in this many days past its day sends the mentor a second reminder. */
  secondReminderAfterDays: 3,
  /** ...and from this many days also shows on the coordinator's page. */
  coordinatorAfterDays: 7,
  /** No recorded contact for this many days, in the placement's first month... */
  noContactDaysFirstMonth: 14,
  /** ...and after it. */
  noContactDaysLater: 30,
  /** This many missed check-ins in a row (the latest ones whose day has passed). */
  missedInARow: 2,
  /** Attendance below this share of the days expected. */
  attendanceBelow: 0.5,
  /** The mentee's own answer this many steps below her previous one (on the five-step scale). */
  feelingDropSteps: 2,
} as const;

export interface CheckinState {
  id: string;
  dueDay: Date;
  status: "open" | "done" | "cancelled";
  /** When contact was recorded (the mentor's record of the check-in). */
  contactDay?: Date | null;
  attendance?: { attended: number; expected: number } | null;
  /** The mentee's answer on the five-step scale, 1 (very bad) to 5 (very good). */
  menteeFeeling?: number | null;
}

export interface FollowUpState {
  startDay: Date;
  checkins: CheckinState[];
}

export type QuietReason =
  | { rule: "overdue"; checkinId: string; days: number; toCoordinator: boolean }
  | { rule: "noContact"; days: number; limit: number }
  | { rule: "missedInARow"; count: number }
  | { rule: "lowAttendance"; attended: number; expected: number }
  | { rule: "feelingDropped"; from: number; to: number };

const byDay = (a: CheckinState, b: CheckinState) => a.dueDay.getTime() - b.dueDay.getTime();

/** Open check-ins whose day has passed, each with how long. */
export function overdueCheckins(state: FollowUpState, today: Date): QuietReason[] {
  return state.checkins
    .filter((c) => c.status === "open" && daysBetween(c.dueDay, today) > 0)
    .sort(byDay)
    .map((c) => {
      const days = daysBetween(c.dueDay, today);
      return { rule: "overdue" as const, checkinId: c.id, days, toCoordinator: days >= quietThresholds.coordinatorAfterDays };
    });
}

/** Days since the last recorded contact (or since the start, before any) beyond the limit of the placement's phase. */
export function noRecentContact(state: FollowUpState, today: Date): QuietReason[] {
  const contacts = state.checkins.map((c) => c.contactDay).filter((d): d is Date => Boolean(d));
  const last = contacts.reduce((latest, d) => (d.getTime() > latest.getTime() ? d : latest), state.startDay);
  const inFirstMonth = today.getTime() < addMonths(state.startDay, 1).getTime();
  const limit = inFirstMonth ? quietThresholds.noContactDaysFirstMonth : quietThresholds.noContactDaysLater;
  const days = daysBetween(last, today);
  return days > limit ? [{ rule: "noContact", days, limit }] : [];
}

/** The latest check-ins whose day has passed were all missed (still open), as many as the threshold. */
export function missedInARow(state: FollowUpState, today: Date): QuietReason[] {
  const passed = state.checkins.filter((c) => c.status !== "cancelled" && daysBetween(c.dueDay, today) > 0).sort(byDay);
  const latest = passed.slice(-quietThresholds.missedInARow);
  return latest.length === quietThresholds.missedInARow && latest.every((c) => c.status === "open") ? [{ rule: "missedInARow", count: latest.length }] : [];
}

/** The latest recorded attendance is below the threshold share of the days expected. */
export function lowAttendance(state: FollowUpState): QuietReason[] {
  const recorded = state.checkins.filter((c) => c.attendance && c.attendance.expected > 0).sort(byDay);
  const latest = recorded.at(-1)?.attendance;
  if (!latest || latest.attended / latest.expected >= quietThresholds.attendanceBelow) return [];
  return [{ rule: "lowAttendance", attended: latest.attended, expected: latest.expected }];
}

/** The mentee's latest answer is at least the threshold's steps below her answer before it. */
export function feelingDropped(state: FollowUpState): QuietReason[] {
  const answers = state.checkins
    .filter((c) => typeof c.menteeFeeling === "number")
    .sort(byDay)
    .map((c) => c.menteeFeeling!);
  if (answers.length < 2) return [];
  const [from, to] = answers.slice(-2);
  return from - to >= quietThresholds.feelingDropSteps ? [{ rule: "feelingDropped", from, to }] : [];
}

/** Every reason a mentee is going quiet today; none when all is well. */
export function quietReasons(state: FollowUpState, today: Date): QuietReason[] {
  return [...overdueCheckins(state, today), ...noRecentContact(state, today), ...missedInARow(state, today), ...lowAttendance(state), ...feelingDropped(state)];
}
