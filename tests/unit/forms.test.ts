import { describe, expect, it } from "vitest";
import { registerOrganisationSchema, resetPasswordSchema } from "~/accounts/schemas.server.ts";
import { safeRedirectTarget } from "~/security/safe-redirect.ts";
import { parseForm } from "~/ui/form-data.ts";

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
      organisationKind: "errors.required",
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
    expect(result.fieldErrors.town).toBe("errors.tooLong");
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

  it("asks for the same password twice when resetting", () => {
    const result = parseForm(
      formOf({ token: "t".repeat(43), password: "a new password", confirmPassword: "another password" }),
      resetPasswordSchema,
    );
    expect(!result.ok && result.fieldErrors.confirmPassword).toBe("errors.passwordsDiffer");
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
