// Building an Intl formatter is far dearer than using one (toLocaleDateString builds one on every
// call): a search page formats a date for each of its results, so the formatters are kept.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** The language's locale for formatting: English as written in Europe (day first). */
export const localeOf = (language: string) => (language === "en" ? "en-GB" : language);

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** The wall-clock fields of a moment in a time zone, as numbers. */
export function wallClockOf(at: Date | number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  const parts = dateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).formatToParts(at);
  for (const part of parts) if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  return fields;
}
