import { formatDay } from "~/i18n/dates.ts";
import { dateTimeFormat, localeOf } from "~/i18n/formats.ts";

/**
 * A proposed meeting's day and time in words. The employer's form keeps the time as they wrote it
 * on their own clock, stored as that time in UTC, so it is read back in UTC: this is the one place
 * that knows it.
 */
export function meetingInWords(at: string | Date, language: string): { date: string; time: string } {
  const moment = new Date(at);
  return {
    date: formatDay(moment, language, { weekday: true }),
    time: dateTimeFormat(localeOf(language), { timeZone: "UTC", hour: "2-digit", minute: "2-digit" }).format(moment),
  };
}
