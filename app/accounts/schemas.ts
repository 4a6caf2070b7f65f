import { z } from "zod";
import { languages } from "~/i18n/languages.ts";
import { countries, organisationKinds } from "~/organisations/vocabulary.ts";
import { choice, reasonText } from "~/ui/schema-fields.ts";

// Control characters are exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_MARKUP = /[<>\u0000-\u001f\u007f]/;

/** A short piece of plain text: a name, a town. Markup and control characters are refused. */
export const plainText = (max: number) =>
  z
    .string({ error: "errors.required" })
    .trim()
    .min(1, { error: "errors.required" })
    .max(max, { error: "errors.tooLong" })
    .refine((v) => !CONTROL_OR_MARKUP.test(v), { error: "errors.forbiddenCharacters" });

export const emailField = z
  .string({ error: "errors.required" })
  .trim()
  .toLowerCase()
  .min(1, { error: "errors.required" })
  .max(254, { error: "errors.tooLong" })
  .pipe(z.email({ error: "errors.email" }));

export const newPasswordField = z
  .string({ error: "errors.required" })
  .min(1, { error: "errors.required" })
  .max(200, { error: "errors.passwordTooLong" })
  .refine((v) => v.trim().length >= 10, { error: "errors.passwordTooShort" });

export const languageField = choice(languages);

export const loginSchema = z.object({
  email: emailField,
  password: z.string({ error: "errors.required" }).min(1, { error: "errors.required" }).max(200, { error: "errors.tooLong" }),
  redirectTo: z.string().max(500).optional(),
});

export const registerOrganisationSchema = z.object({
  name: plainText(120),
  email: emailField,
  password: newPasswordField,
  organisationName: plainText(160),
  organisationKind: choice(organisationKinds.filter((k) => k !== "mentor_organisation") as ["employer", "social_enterprise"]),
  town: plainText(80),
  country: choice(countries),
  language: languageField,
});

export const registerMentorSchema = z.object({
  name: plainText(120),
  email: emailField,
  password: newPasswordField,
  organisationId: z
    .string({ error: "errors.required" })
    .min(1, { error: "errors.required" })
    .regex(/^[a-f0-9]{24}$/, { error: "errors.choice" }),
  language: languageField,
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z
  .object({
    token: z.string({ error: "errors.invalid" }).min(20, { error: "errors.invalid" }).max(100, { error: "errors.invalid" }),
    password: newPasswordField,
    confirmPassword: z.string({ error: "errors.required" }).min(1, { error: "errors.required" }).max(200, { error: "errors.tooLong" }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], error: "errors.passwordsDiffer" });

export const decisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("verify"), id: z.string().regex(/^[a-f0-9]{24}$/), subject: z.enum(["organisation", "mentor"]) }),
  z.object({
    intent: z.literal("reject"),
    id: z.string().regex(/^[a-f0-9]{24}$/),
    subject: z.enum(["organisation", "mentor"]),
    reason: reasonText,
  }),
]);
