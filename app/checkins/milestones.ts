import { addDays, addMonths, onOrAfterWorkingDay } from "./days.ts";

// THE default follow-up plan: when check-ins fall after a placement's start. Close follow-up in
// the first weeks is what makes practicums work; months 1, 3 and 6 are also when the programmes
// ask whether the person is still in work. A milestone that falls on a Saturday or Sunday moves
// to the Monday after. See docs/decisions/014-checkins.md.

export const milestoneNames = ["week1", "week2", "month1", "month3", "month6", "plannedEnd", "extra"] as const;
export type MilestoneName = (typeof milestoneNames)[number];

export interface Milestone {
  name: Exclude<MilestoneName, "plannedEnd" | "extra">;
  after: { days: number } | { months: number };
}

export const defaultMilestones: readonly Milestone[] = [
  { name: "week1", after: { days: 7 } },
  { name: "week2", after: { days: 14 } },
  { name: "month1", after: { months: 1 } },
  { name: "month3", after: { months: 3 } },
  { name: "month6", after: { months: 6 } },
];

/** The milestones at which the mentor also asks whether the person is still in work (an outcome). */
export const stillInWorkMilestones: readonly MilestoneName[] = ["month1", "month3", "month6"];

/** Placement kinds that end by design: their start records a planned end, which gets a check-in of its own. */
export const timeLimitedKinds = ["work_trial", "practicum", "training"] as const;

export function isTimeLimited(kind: string): boolean {
  return (timeLimitedKinds as readonly string[]).includes(kind);
}

export interface PlannedCheckin {
  milestone: MilestoneName;
  dueDay: Date;
}

/**
 * The check-ins a start opens: each milestone after the start day and, when there is a planned
 * end, one on it. A milestone on the same day as the planned end is that one check-in.
 */
export function followUpSchedule(startDay: Date, plannedEndDay: Date | null, milestones: readonly Milestone[] = defaultMilestones): PlannedCheckin[] {
  const planned: PlannedCheckin[] = milestones.map((m) => ({
    milestone: m.name,
    dueDay: onOrAfterWorkingDay("days" in m.after ? addDays(startDay, m.after.days) : addMonths(startDay, m.after.months)),
  }));
  if (plannedEndDay) {
    const endDay = onOrAfterWorkingDay(plannedEndDay);
    const same = planned.filter((p) => p.dueDay.getTime() === endDay.getTime());
    const rest = planned.filter((p) => !same.includes(p));
    rest.push({ milestone: "plannedEnd", dueDay: endDay });
    return rest.sort((a, b) => a.dueDay.getTime() - b.dueDay.getTime());
  }
  return planned;
}
