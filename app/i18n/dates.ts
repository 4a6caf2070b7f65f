/** Croatia, Slovenia and Denmark keep the same clock (Central European Time); times of day are shown in it. */
export const programmeTimeZone = "Europe/Zagreb";

/** A moment as a date and a time of day, as people in the programmes read them. */
export function formatDateAndTime(timestamp: string | Date, language: string): { date: string; time: string } {
  const moment = new Date(timestamp);
  const locale = language === "en" ? "en-GB" : language;
  return {
    date: moment.toLocaleDateString(locale, { timeZone: programmeTimeZone }),
    time: moment.toLocaleTimeString(locale, { timeZone: programmeTimeZone, hour: "2-digit", minute: "2-digit" }),
  };
}

const localeOf = (language: string) => (language === "en" ? "en-GB" : language);

/**
 * A calendar day in words ("3. prosinca 2026."): for values that are days rather than moments,
 * kept at midnight UTC (a placement's start date), so read in UTC.
 */
export function formatDay(timestamp: string | number | Date, language: string, options: { weekday?: boolean } = {}): string {
  return new Date(timestamp).toLocaleDateString(localeOf(language), {
    timeZone: "UTC",
    day: "numeric",
    month: "long",
    year: "numeric",
    ...(options.weekday ? { weekday: "long" } : {}),
  });
}
