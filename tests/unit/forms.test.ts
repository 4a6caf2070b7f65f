import { describe, expect, it } from "vitest";
import { registerOrganisationSchema, resetPasswordSchema } from "~/accounts/schemas.server.ts";
import { safeRedirectTarget } from "~/security/safe-redirect.ts";
import { startFormSchema } from "~/checkins/schema.server.ts";
import { employerAnswerSchema } from "~/introductions/schema.server.ts";
import { parseDay, parseDayAndTime, programmeNow } from "~/i18n/dates.ts";
import { placementFormSchema, placementListFields } from "~/placements/schema.server.ts";
import { consentFormSchema } from "~/consent/schema.server.ts";
import { echoForm, messageWith, parseForm, readMessage } from "~/ui/form-data.ts";

function formOf(fields: Record<string, string | Blob>) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}

const validRegistration = {
  name: "Ana Horvat",
  email: " Ana@Example.HR ",
  password: "correct horse battery",
  organisationName: "Pekara Zrno",
  organisationKind: "employer",
  town: "Varaždin",
  country: "HR",
  language: "hr",
};

describe("form validation", () => {
  it("accepts a valid registration and normalises the e-mail address", () => {
    const result = parseForm(formOf(validRegistration), registerOrganisationSchema);
    expect(result.ok && result.data.email).toBe("ana@example.hr");
  });

  it("reports each problem as a translation key on its field", () => {
    const result = parseForm(
      formOf({ ...validRegistration, name: "", email: "not-an-address", password: "short", country: "DE", organisationKind: "" }),
      registerOrganisationSchema,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toEqual({
      name: "errors.required",
      email: "errors.email",
      password: "errors.passwordTooShort",
      country: "errors.choice",
      organisationKind: "errors.chooseOne",
    });
  });

  it("refuses markup, control characters and overlong text", () => {
    const result = parseForm(
      formOf({ ...validRegistration, name: "<script>alert(1)</script>", town: "x".repeat(1_000_000), organisationName: "Bad\u0000Name" }),
      registerOrganisationSchema,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.name).toBe("errors.forbiddenCharacters");
    expect(result.fieldErrors.town).toBe("errors.maxLength?max=80");
    expect(result.fieldErrors.organisationName).toBe("errors.forbiddenCharacters");
    expect(result.values.town.length).toBeLessThanOrEqual(300);
  });

  it("treats a file or a repeated field as invalid, not as text", () => {
    const form = formOf({ ...validRegistration, name: new Blob(["x"]) });
    form.append("email", "second@example.com");
    const result = parseForm(form, registerOrganisationSchema);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.name).toMatch(/^errors\./);
    expect(result.fieldErrors.email).toMatch(/^errors\./);
  });

  it("never echoes a password back into the form", () => {
    const result = parseForm(formOf({ ...validRegistration, email: "" }), registerOrganisationSchema);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.values.password).toBeUndefined();
  });

  it("echoes a refused form only into the fields it has, each within its own limit, however much was posted", () => {
    const form = formOf({ ...validRegistration, email: "", town: "x".repeat(100_000), name: "y".repeat(500) });
    for (let i = 0; i < 20_000; i++) form.append(`junk${i}`, "z".repeat(300));
    const result = parseForm(form, registerOrganisationSchema);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.values).sort()).toEqual(["country", "email", "language", "name", "organisationKind", "organisationName", "town"]);
    expect([result.values.town.length, result.values.name.length]).toEqual([80, 120]);
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["email", "name", "town"]);
  });

  it("answers 20 000 repeated fields with one message each and one echo of each choice", () => {
    const form = formOf({ note: "n".repeat(10_000) });
    for (let i = 0; i < 20_000; i++) form.append("fields", "firstName");
    for (let i = 0; i < 20_000; i++) form.append("made-up", "x");
    const result = parseForm(form, consentFormSchema, ["fields"]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.values).toEqual({ fields: "firstName", note: "n".repeat(300) });
    expect(result.fieldErrors).toEqual({ fields: "errors.invalid", note: "errors.maxLength?max=300", form: "errors.invalid" });
    expect(JSON.stringify(result).length).toBeLessThan(1000);
    expect(echoForm(form, consentFormSchema, ["fields"])).toEqual(result.values);
  });

  it("asks for the same password twice when resetting", () => {
    const result = parseForm(
      formOf({ token: "t".repeat(43), password: "a new password", confirmPassword: "another password" }),
      resetPasswordSchema,
    );
    expect(!result.ok && result.fieldErrors.confirmPassword).toBe("errors.passwordsDiffer");
  });
});

describe("messages that say what would be right", () => {
  const placement = {
    title: "Kuhinja",
    description: "Pomažete u kuhinji, perete posuđe i pripremate povrće.",
    language: "hr",
    kind: "work_trial",
    sector: "hospitality",
    town: "Varaždin",
    country: "HR",
    hoursMin: "10",
    hoursMax: "20",
    scheduleFlexibility: "some",
    places: "1",
    readiness: "activity_ready",
    physicalDemands: "low",
  };

  it("carries the values a message names, and reads them back", () => {
    expect(readMessage(messageWith("errors.between", { min: 1, max: 60 }))).toEqual({ key: "errors.between", params: { min: "1", max: "60" } });
    expect(readMessage("errors.required")).toEqual({ key: "errors.required", params: {} });
  });

  it("answers hours out of range, or in words, with the range", () => {
    for (const hoursMin of ["0", "61", "ten", "-5"]) {
      const result = parseForm(formOf({ ...placement, hoursMin }), placementFormSchema, placementListFields);
      expect(!result.ok && result.fieldErrors.hoursMin, hoursMin).toBe("errors.hoursBetween?min=1&max=60");
    }
  });

  it("calls an empty reason required, and a short one short by how much", () => {
    const empty = parseForm(formOf({ answer: "declined", reason: "" }), employerAnswerSchema);
    expect(!empty.ok && empty.fieldErrors.reason).toBe("errors.required");
    const short = parseForm(formOf({ answer: "declined", reason: "no" }), employerAnswerSchema);
    expect(!short.ok && short.fieldErrors.reason).toBe("errors.minLength?min=3");
  });

  it("refuses a meeting before now, naming the earliest moment", () => {
    const result = parseForm(formOf({ answer: "meeting_proposed", at: "10. 1. 2025. 10:00", place: "Pekara" }), employerAnswerSchema);
    const { key, params } = readMessage(result.ok ? "" : result.fieldErrors.at);
    expect(key).toBe("errors.meetingInPast");
    expect(params.earliestDate).toBe(programmeNow().toISOString().slice(0, 10));
    expect(params.earliestTime).toMatch(/^\d{2}:\d{2}$/);
  });
});

describe("dates as people write them", () => {
  it("reads a day the ISO way and day first, as hr, sl, da and en write it", () => {
    for (const text of ["2027-03-15", "15.3.2027.", "15. 3. 2027.", "15. 3. 2027", "15.03.2027", "15-03-2027", "15/3/2027"]) {
      expect(parseDay(text)?.toISOString(), text).toBe("2027-03-15T00:00:00.000Z");
    }
  });

  it("refuses days that do not exist and text that is no day", () => {
    for (const text of ["31.2.2027.", "2027-13-01", "tomorrow", "15.3.27", ""]) expect(parseDay(text), text).toBeNull();
  });

  it("calls a day left empty required, and text that is no day not a date; an optional day may stay empty", () => {
    const result = parseForm(formOf({ startDay: " ", hoursPerWeek: "20", plannedEndDay: "" }), startFormSchema);
    expect(!result.ok && result.fieldErrors).toEqual({ startDay: "errors.required" });
    const missing = parseForm(formOf({ hoursPerWeek: "20" }), startFormSchema);
    expect(!missing.ok && missing.fieldErrors).toEqual({ startDay: "errors.required" });
    const wrong = parseForm(formOf({ startDay: "soon", hoursPerWeek: "20", plannedEndDay: "31.2.2027." }), startFormSchema);
    expect(!wrong.ok && wrong.fieldErrors).toEqual({ startDay: "errors.date", plannedEndDay: "errors.date" });
  });

  it("names the years it takes for a real day of another century, and lets a start's capability name its own days", async () => {
    const { outcomesQuerySchema } = await import("~/outcomes/schema.server.ts");
    const old = parseForm(formOf({ from: "1900-01-01", to: "2026-01-01" }), outcomesQuerySchema);
    expect(!old.ok && old.fieldErrors).toEqual({ from: messageWith("errors.dateYears", { min: 2000, max: 2100 }) });
    // A start in 1900 passes the form's rules: startFollowUp answers with the days it allows.
    expect(parseForm(formOf({ startDay: "1900-01-01", hoursPerWeek: "20" }), startFormSchema).ok).toBe(true);
  });

  it("reads a day and a time of day, as a datetime input sends it or as people write it", () => {
    for (const text of ["2027-03-15T10:30", "2027-03-15 10:30", "15. 3. 2027. 10:30", "15.3.2027. u 10:30", "15.3.2027 kl. 10.30", "15/3/2027, 10:30"]) {
      expect(parseDayAndTime(text)?.toISOString(), text).toBe("2027-03-15T10:30:00.000Z");
    }
    for (const text of ["15.3.2027 25:00", "15.3.2027", "tomorrow-ish"]) expect(parseDayAndTime(text), text).toBeNull();
  });
});

describe("redirect targets after login", () => {
  it("keeps paths on this site", () => {
    expect(safeRedirectTarget("/coordinator?tab=2", "/")).toBe("/coordinator?tab=2");
  });
  it("refuses other sites", () => {
    for (const target of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", 42]) {
      expect(safeRedirectTarget(target, "/home")).toBe("/home");
    }
  });
  it("refuses targets a browser would resolve to another site after stripping or normalising", () => {
    for (const target of ["/\t/evil.example/phish", "/\n/evil.example", "/\r\n/evil.example", "/.//evil.example", "/./\t/evil.example", "/%09/evil.example/../..//evil.example"]) {
      const safe = safeRedirectTarget(target, "/home");
      expect(new URL(safe, "https://portal.example").origin, JSON.stringify(target)).toBe("https://portal.example");
      expect(safe.startsWith("//"), JSON.stringify(target)).toBe(false);
    }
  });
  it("gives a value that a Location header can carry, or the fallback", () => {
    for (const target of ["/\n/x", "/\r\nSet-Cookie: a=b", "/\u2028x", "/中", "/a b?q=č#ž"]) {
      const safe = safeRedirectTarget(target, "/home");
      expect(() => new Headers({ Location: safe }), JSON.stringify(target)).not.toThrow();
      expect(safe, JSON.stringify(target)).toMatch(/^\/[\x21-\x7e]*$/);
    }
    expect(safeRedirectTarget("/中", "/home")).toBe("/%E4%B8%AD");
    expect(safeRedirectTarget("/a/../b?x=1", "/home")).toBe("/b?x=1");
  });
});
