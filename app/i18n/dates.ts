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
