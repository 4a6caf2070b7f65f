// Days and local hours for the follow-up plan. A check-in is due on a calendar day, kept as UTC
// midnight (as a placement's start date is); a reminder goes out at a local hour in the
// programme's country. Pure functions: safe in the browser and in unit tests.
import { dateTimeFormat, wallClockOf } from "~/i18n/formats.ts";

export const DAY_MS = 24 * 60 * 60_000;

/** The time zone each programme country's reminders are timed in. */
export const programmeTimeZones = { HR: "Europe/Zagreb", SI: "Europe/Ljubljana", DK: "Europe/Copenhagen" } as const;
export type ProgrammeCountry = keyof typeof programmeTimeZones;

export function timeZoneOf(country: string): string {
  return programmeTimeZones[country as ProgrammeCountry] ?? programmeTimeZones.HR;
}

/** An ISO day ("2027-03-15") as UTC midnight. */
export function dayFromIso(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00.000Z`);
}

export function isoDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * DAY_MS);
}

/** The same day of the month `months` later; the month's last day when it is shorter (31 January + 1 month = 28/29 February). */
export function addMonths(day: Date, months: number): Date {
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day.getUTCDate(), lastDay)));
}

export function isWorkingDay(day: Date): boolean {
  const weekday = day.getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The day itself when it is a working day, else the Monday after. Public holidays are not known (decision 014). */
export function onOrAfterWorkingDay(day: Date): Date {
  let next = day;
  while (!isWorkingDay(next)) next = addDays(next, 1);
  return next;
}

/** `count` working days before the day (Monday, 2 working days before → the Thursday before). */
export function workingDaysBefore(day: Date, count: number): Date {
  let at = day;
  for (let left = count; left > 0; ) {
    at = addDays(at, -1);
    if (isWorkingDay(at)) left--;
  }
  return at;
}

/** Whole days from one day to another (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

/** The offset of the time zone from UTC at this moment, in milliseconds (+1 h in winter in Zagreb). */
function zoneOffsetMs(moment: number, timeZone: string): number {
  const parts = wallClockOf(moment, timeZone);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(moment / 1000) * 1000;
}

/** The moment the clocks in `timeZone` show `hour`:00 on this day (summer and winter time alike). */
export function atLocalHour(day: Date, hour: number, timeZone: string): Date {
  const wall = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour);
  const first = wall - zoneOffsetMs(wall, timeZone);
  // Once more at the guess: the offset may differ on the day the clocks change.
  return new Date(wall - zoneOffsetMs(first, timeZone));
}

/** Today in the time zone, as a day at UTC midnight. */
export function localToday(at: Date, timeZone: string): Date {
  return dayFromIso(dateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at));
}
