import { addDays, addMonths, onOrAfterWorkingDay } from "./days.ts";

// When check-ins fall after a placement's start. Close follow-up in the first weeks is what makes
// practicums work; months 1, 3 and 6 are also when the programmes ask whether the person is still
// in work. A coordinator may replace the defaults with the programme's own list
// (programme-milestones.server.ts); a start keeps the list it was opened with. A milestone that
// falls on a Saturday or Sunday moves to the Monday after. See docs/decisions/014-checkins.md.

/** How long after the start: whole days (a multiple of 7 reads as weeks) or calendar months. */
export type MilestoneAfter = { days: number } | { months: number };

/**
 * A milestone's name says when it falls, so a coordinator's own milestones need no names of their
 * own: 7 days is "week1", 10 days "day10", 2 months "month2". The check-ins' labels follow from it.
 */
export type MilestoneName = `day${number}` | `week${number}` | `month${number}` | "plannedEnd" | "extra";

export interface Milestone {
  name: MilestoneName;
  after: MilestoneAfter;
}

/** What a programme's list may hold: up to `most` milestones, each at most this far after the start. */
export const milestoneLimits = { days: 365, months: 24, most: 10 } as const;

/** How a coordinator writes a milestone's distance (weeks are kept as days), and the most of each. */
export const milestoneUnits = ["days", "weeks", "months"] as const;
export type MilestoneUnit = (typeof milestoneUnits)[number];
export const milestoneUnitMax: Record<MilestoneUnit, number> = { days: milestoneLimits.days, weeks: Math.floor(milestoneLimits.days / 7), months: milestoneLimits.months };

export function milestoneName(after: MilestoneAfter): MilestoneName {
  if ("months" in after) return `month${after.months}`;
  return after.days % 7 === 0 ? `week${after.days / 7}` : `day${after.days}`;
}

export function milestoneOf(after: MilestoneAfter): Milestone {
  return { name: milestoneName(after), after };
}

/** The portal's default plan, used until a coordinator sets the programme's own. */
export const defaultMilestones: readonly Milestone[] = [{ days: 7 }, { days: 14 }, { months: 1 }, { months: 3 }, { months: 6 }].map(milestoneOf);

const DERIVED = /^(day|week|month)([1-9]\d{0,2})$/;

/** A name a check-in may carry: one derived from a milestone's distance, the planned end, or an added check-in. */
export function isMilestoneName(value: string): boolean {
  return value === "plannedEnd" || value === "extra" || DERIVED.test(value);
}

/** "week3" → week, 3; null for the planned end and an added check-in. */
export function milestoneParts(name: string): { unit: "day" | "week" | "month"; count: number } | null {
  const match = DERIVED.exec(name);
  return match ? { unit: match[1] as "day" | "week" | "month", count: Number(match[2]) } : null;
}

/**
 * Whether the mentor also records, at this check-in, whether the person is still in work (an
 * outcome): at every month milestone (months 1, 3 and 6 by default) and at the planned end.
 */
export function asksStillInWork(name: string): boolean {
  return name === "plannedEnd" || milestoneParts(name)?.unit === "month";
}

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
 * The check-ins a start opens, by day: each milestone after the start day and, when there is a
 * planned end, one on it. Milestones that fall on the same day (after the weekend rule) are one
 * check-in: the planned end's, else a month milestone's (it asks whether the person is still in
 * work), else the first listed.
 */
export function followUpSchedule(startDay: Date, plannedEndDay: Date | null, milestones: readonly Milestone[] = defaultMilestones): PlannedCheckin[] {
  const planned: PlannedCheckin[] = milestones.map((m) => ({
    milestone: m.name,
    dueDay: onOrAfterWorkingDay("days" in m.after ? addDays(startDay, m.after.days) : addMonths(startDay, m.after.months)),
  }));
  if (plannedEndDay) planned.unshift({ milestone: "plannedEnd", dueDay: onOrAfterWorkingDay(plannedEndDay) });
  const byDay = new Map<number, PlannedCheckin>();
  for (const p of planned) {
    const kept = byDay.get(p.dueDay.getTime());
    if (!kept || (kept.milestone !== "plannedEnd" && !asksStillInWork(kept.milestone) && asksStillInWork(p.milestone))) byDay.set(p.dueDay.getTime(), p);
  }
  return [...byDay.values()].sort((a, b) => a.dueDay.getTime() - b.dueDay.getTime());
}
