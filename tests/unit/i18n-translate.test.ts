// The portal's own translator (app/i18n/i18n.ts), which replaced i18next: what pages and e-mails
// rely on, in the messages' own words.
import { afterEach, describe, expect, it, vi } from "vitest";
import hr from "~/locales/hr.json";
import { createI18n } from "~/i18n/i18n.ts";

const { t, exists } = createI18n("hr", hr);

describe("a message", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is found by its section and name, with its variables filled in", () => {
    expect(t("offers.hours.range", { min: 12, max: 20 })).toBe(hr.offers.hours.range.replace("{{min}}", "12").replace("{{max}}", "20"));
    expect(t("placements.durationWeeks", { count: 6 })).toBe(hr.placements.durationWeeks.replace("{{count}}", "6"));
  });

  it("keeps a variable the call does not give as written, and shows a given empty one as nothing", () => {
    expect(t("offers.hours.range", { min: 12 })).toBe(hr.offers.hours.range.replace("{{min}}", "12"));
    expect(t("offers.hours.range", { min: 12, max: undefined })).toBe(hr.offers.hours.range.replace("{{min}}", "12").replace("{{max}}", ""));
  });

  it("never ends a sentence in two full stops when a date or a name already ends in one", () => {
    expect(t("storyDecision.approvedUntil", { date: "2. prosinca 2027." })).toBe("Pristali ste do 2. prosinca 2027.");
    expect(t("errors.startDayRange", { earliestDate: "2. 12. 2026.", latestDate: "02. 12. 2029." })).toBe("Odaberite datum početka od 2. 12. 2026. do 02. 12. 2029.");
    expect(t("employerPlacements.intro", { organisation: "Pekara Zrno d.o.o." })).toBe("Mjesta uz podršku organizacije Pekara Zrno d.o.o.");
    expect(t("employerPlacements.intro", { organisation: "Pekara Zrno" })).toBe("Mjesta uz podršku organizacije Pekara Zrno.");
    expect(t("offers.noSuchMessage", { defaultValue: "{{name}}…, {{name}}...", name: "Ana" })).toBe("Ana…, Ana...");
  });

  it("is the first of several keys that exists", () => {
    expect(t(["no.such.key", "offers.title"])).toBe(hr.offers.title);
  });

  it("that is missing shows as its key and is reported, unless the call gives a default", () => {
    const report = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(t("offers.noSuchMessage")).toBe("offers.noSuchMessage");
    expect(t("offers")).toBe("offers");
    expect(report).toHaveBeenCalledTimes(2);
    expect(t("offers.noSuchMessage", { defaultValue: "{{n}} more", n: 3 })).toBe("3 more");
    expect(report).toHaveBeenCalledTimes(2);
  });

  it("exists only when it is a message, not a section", () => {
    expect(exists("offers.title")).toBe(true);
    expect(exists("offers")).toBe(false);
    expect(exists("offers.noSuchMessage")).toBe(false);
  });
});
