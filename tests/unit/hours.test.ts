import { describe, expect, it } from "vitest";
import da from "~/locales/da.json";
import en from "~/locales/en.json";
import hr from "~/locales/hr.json";
import sl from "~/locales/sl.json";
import { countedText, hoursText } from "~/i18n/hours.ts";
import { createI18n, type Messages } from "~/i18n/i18n.ts";

describe("hours as people read them", () => {
  it("shows one number when both bounds are the same, and the range otherwise", () => {
    const i18n = createI18n("hr", hr);
    expect(hoursText(i18n, "placements.hoursPerWeek", 15, 15)).toBe("15 sati tjedno");
    expect(hoursText(i18n, "placements.hoursPerWeek", 15, 20)).toBe("15–20 sati tjedno");
    expect(hoursText(createI18n("en", en), "offers.hours", 4, 4)).toBe("4 hours a week");
  });

  it.each([
    ["hr", hr, [1, "1 sat tjedno"], [2, "2 sata tjedno"], [4, "4 sata tjedno"], [5, "5 sati tjedno"], [11, "11 sati tjedno"], [21, "21 sat tjedno"], [22, "22 sata tjedno"]],
    ["sl", sl, [1, "1 ura na teden"], [2, "2 uri na teden"], [3, "3 ure na teden"], [5, "5 ur na teden"], [11, "11 ur na teden"], [21, "21 ur na teden"], [22, "22 ur na teden"]],
    ["da", da, [1, "1 time om ugen"], [2, "2 timer om ugen"], [4, "4 timer om ugen"], [5, "5 timer om ugen"], [11, "11 timer om ugen"], [21, "21 timer om ugen"], [22, "22 timer om ugen"]],
    ["en", en, [1, "1 hour per week"], [2, "2 hours per week"], [4, "4 hours per week"], [5, "5 hours per week"], [11, "11 hours per week"], [21, "21 hours per week"], [22, "22 hours per week"]],
  ] as const)("uses the %s plural forms", (language, messages, ...cases: (readonly [number, string])[]) => {
    const i18n = createI18n(language, messages as Messages);
    expect(cases.map(([count]) => countedText(i18n, "placements.hoursPerWeek", count))).toEqual(cases.map(([, text]) => text));
  });
});
