import { now } from "~/clock/clock.ts";
import { dateTimeFormat, localeOf, wallClockOf } from "./formats.ts";

/** Croatia, Slovenia and Denmark keep the same clock (Central European Time); times of day are shown in it. */
export const programmeTimeZone = "Europe/Zagreb";

/** A moment as a date and a time of day, as people in the programmes read them. */
export function formatDateAndTime(timestamp: string | Date, language: string): { date: string; time: string } {
  const moment = new Date(timestamp);
  const locale = localeOf(language);
  return {
    date: dateTimeFormat(locale, { timeZone: programmeTimeZone }).format(moment),
    time: dateTimeFormat(locale, { timeZone: programmeTimeZone, hour: "2-digit", minute: "2-digit" }).format(moment),
  };
}

/**
 * A calendar day in words ("3. prosinca 2026."): for values that are days rather than moments,
 * kept at midnight UTC (a placement's start date), so read in UTC.
 */
export function formatDay(timestamp: string | number | Date, language: string, options: { weekday?: boolean } = {}): string {
  return dateTimeFormat(localeOf(language), {
    timeZone: "UTC",
    day: "numeric",
    month: "long",
    year: "numeric",
    ...(options.weekday ? { weekday: "long" } : {}),
  }).format(new Date(timestamp));
}

/**
 * The programme's clock as a "floating" moment: its UTC fields are the wall-clock date and time in
 * the programme's time zone. Meeting times are stored this way (what the employer wrote, no zone).
 */
export function programmeNow(at = now()): Date {
  // Reading the wall clock in a time zone is dear (formatToParts), and zones change their offset
  // only on whole minutes: the answer for the last minute asked is kept.
  const minute = Math.floor(new Date(at).getTime() / 60_000);
  if (lastMinute?.minute !== minute) {
    const wall = wallClockOf(at, programmeTimeZone);
    lastMinute = { minute, wall: Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) };
  }
  return new Date(lastMinute.wall);
}

let lastMinute: { minute: number; wall: number } | undefined;

/** Today in the programme's time zone, as an ISO day (2027-03-15). */
export function programmeToday(at = now()): string {
  return programmeNow(at).toISOString().slice(0, 10);
}

function dayOf(year: number, month: number, day: number): Date | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

// 2027-03-15 (what a date input sends), and day first as people write it: 15.3.2027. (hr),
// 15. 3. 2027 (sl), 15.3.2027 or 15-03-2027 (da), 15/3/2027 (en).
const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_FIRST = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})\.?$/;

/** A day as people write it, at UTC midnight; null when it is not a real day. */
export function parseDay(text: string): Date | null {
  const value = text.trim();
  const iso = ISO_DAY.exec(value);
  if (iso) return dayOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = DAY_FIRST.exec(value);
  if (dayFirst) return dayOf(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  return null;
}

// 10:00, 10.00 (da, sl), 9:30, 10 h, kl. 10 (da), u 10 (hr), ob 10 (sl).
const TIME = /^(?:kl\.?|u|ob|at)?\s*(\d{1,2})(?:\s*[:.]\s*(\d{2})(?::\d{2}(?:\.\d+)?)?)?\s*(?:h|sati)?$/i;

/**
 * A date and a time of day as people write them (what a datetime-local input sends,
 * "2027-03-15 10:00", "15. 3. 2027. 10:00", "15.3.2027 kl. 10.00"), as a floating moment (see
 * programmeNow); null when either part is not real.
 */
export function parseDayAndTime(text: string): Date | null {
  const value = text.trim().replace(/\s+/g, " ");
  const split = /^(\d{4}-\d{1,2}-\d{1,2})(?:T|,? )(.+)$/.exec(value) ?? /^(.*?\d{4}\.?)(?:,? )(.+)$/.exec(value);
  if (!split) return null;
  const day = parseDay(split[1]);
  const time = TIME.exec(split[2].trim());
  if (!day || !time) return null;
  const hour = Number(time[1]);
  const minute = Number(time[2] ?? "0");
  if (hour > 23 || minute > 59) return null;
  return new Date(day.getTime() + (hour * 60 + minute) * 60_000);
}

/** A day in numbers as the language writes it (15. 03. 2027.), read in UTC; empty for none. */
export function formatDate(timestamp: number | string | Date | null | undefined, language: string) {
  if (timestamp === null || timestamp === undefined) return "";
  return dateTimeFormat(localeOf(language), { timeZone: "UTC" }).format(new Date(timestamp));
}
