import type { Language } from "./languages.ts";

/** "in 42 seconds", "za 3 minute", "čez 15 minut", "om 2 sekunder": how long until something may be tried again. */
export function waitInWords(language: Language, ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const format = new Intl.RelativeTimeFormat(language, { numeric: "always" });
  return seconds < 100 ? format.format(seconds, "second") : format.format(Math.ceil(seconds / 60), "minute");
}
