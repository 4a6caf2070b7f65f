import { describe, expect, it } from "vitest";
import en from "~/locales/en.json";
import hr from "~/locales/hr.json";
import sl from "~/locales/sl.json";
import da from "~/locales/da.json";
import { languageFromAcceptHeader } from "~/i18n/languages.ts";

function flatten(value: unknown, prefix = ""): Record<string, string> {
  if (typeof value === "string") return { [prefix]: value };
  return Object.entries(value as Record<string, unknown>).reduce(
    (all, [key, child]) => ({ ...all, ...flatten(child, prefix ? `${prefix}.${key}` : key) }),
    {} as Record<string, string>,
  );
}

const english = flatten(en);
// Words that are the same in the other language, checked by hand.
const sameAsEnglish: Record<string, string[]> = {
  hr: ["roles.mentor", "mentor.title", "vocab.sector.it", "placements.radiusKm", "language.en", "language.hr", "language.sl", "language.da", "outcomeReports.periodAndScope", "outcomes.percent", "outcomes.readiness.step"],
  sl: ["roles.mentor", "mentor.title", "vocab.sector.it", "placements.radiusKm", "language.en", "language.hr", "language.sl", "language.da", "outcomeReports.periodAndScope", "outcomes.percent", "outcomes.readiness.step"],
  da: ["roles.mentor", "mentor.title", "nav.menu", "vocab.sector.it", "placements.radiusKm", "vocab.kind.job", "employerPlacements.status", "introductions.status", "consent.labels.ownContact", "coordinatorPlacements.filterStatus", "coordinatorPlacements.organisation", "roles.mentee", "mentorOrgTypes.ngo", "coordinator.organisationOf", "import.kinds.mentees", "language.en", "language.hr", "language.sl", "language.da", "outcomeReports.periodAndScope", "outcomeReports.versionN", "outcomeReports.definitionVersion", "outcomeReports.changes.before", "outcomeReports.changes.after", "outcomes.percent", "outcomes.readiness.step"],
};

describe.each([
  ["hr", hr],
  ["sl", sl],
  ["da", da],
] as const)("the %s locale", (language, messages) => {
  const translated = flatten(messages);

  it("has every key the English locale has, and no other", () => {
    expect(Object.keys(translated).sort()).toEqual(Object.keys(english).sort());
  });

  it("keeps every interpolation placeholder", () => {
    for (const [key, text] of Object.entries(english)) {
      const placeholders = (text.match(/\{\{\w+\}\}/g) ?? []).sort();
      expect((translated[key].match(/\{\{\w+\}\}/g) ?? []).sort(), key).toEqual(placeholders);
    }
  });

  it("leaves no English text behind", () => {
    const untranslated = Object.keys(english).filter((key) => translated[key] === english[key] && !sameAsEnglish[language].includes(key));
    expect(untranslated).toEqual([]);
  });
});

describe("choosing a language from the browser", () => {
  it("takes the first supported language by quality", () => {
    expect(languageFromAcceptHeader("de-DE,de;q=0.9,da;q=0.8,en;q=0.5")).toBe("da");
    expect(languageFromAcceptHeader("sl-SI")).toBe("sl");
    expect(languageFromAcceptHeader("en;q=0.4,hr;q=0.9")).toBe("hr");
  });
  it("gives nothing for unsupported or missing headers", () => {
    expect(languageFromAcceptHeader("de,fr")).toBeUndefined();
    expect(languageFromAcceptHeader(null)).toBeUndefined();
  });
});
