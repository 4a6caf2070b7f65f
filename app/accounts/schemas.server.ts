import { z } from "zod";
import { languages } from "~/i18n/languages.ts";
import { organisationFields } from "~/organisations/schema.server.ts";
import { organisationKinds } from "~/organisations/vocabulary.ts";
import { choice, emailField, plainText, reasonText } from "~/ui/schema-fields.server.ts";
import { objectIdPattern } from "~/db/ids.server.ts";

export { emailField, plainText } from "~/ui/schema-fields.server.ts";

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
  organisationName: organisationFields.name,
  organisationKind: choice(organisationKinds.filter((k) => k !== "mentor_organisation") as ["employer", "social_enterprise"]),
  town: organisationFields.town,
  country: organisationFields.country,
  language: languageField,
});

export const registerMentorSchema = z.object({
  name: plainText(120),
  email: emailField,
  password: newPasswordField,
  organisationId: z
    .string({ error: "errors.required" })
    .min(1, { error: "errors.required" })
    .regex(objectIdPattern, { error: "errors.choice" }),
  language: languageField,
});

/** A mentor's profile as a coordinator's import gives it (registration adds the password and organisation). */
export const mentorProfileSchema = registerMentorSchema.pick({ name: true, email: true, language: true });

export const forgotPasswordSchema = z.object({ email: emailField });

const repeatedPassword = z.string({ error: "errors.required" }).min(1, { error: "errors.required" }).max(200, { error: "errors.tooLong" });

/** A ticked checkbox sends "yes"; an unticked one sends nothing. */
const checkbox = z.literal("yes", { error: "errors.invalid" }).optional().transform((v) => v === "yes");

export const resetPasswordSchema = z
  .object({
    token: z.string({ error: "errors.invalid" }).min(20, { error: "errors.invalid" }).max(100, { error: "errors.invalid" }),
    password: newPasswordField,
    confirmPassword: repeatedPassword,
    signOutEverywhere: checkbox,
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], error: "errors.passwordsDiffer" });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "errors.required" }).min(1, { error: "errors.required" }).max(200, { error: "errors.tooLong" }),
    password: newPasswordField,
    confirmPassword: repeatedPassword,
    signOutOthers: checkbox,
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], error: "errors.passwordsDiffer" });

export const decisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("verify"), id: z.string().regex(objectIdPattern), subject: z.enum(["organisation", "mentor"]) }),
  z.object({
    intent: z.literal("reject"),
    id: z.string().regex(objectIdPattern),
    subject: z.enum(["organisation", "mentor"]),
    reason: reasonText,
  }),
]);

/** A coordinator deactivates or reactivates a mentor's account (the buttons on /coordinator/mentors). */
export const mentorActivationSchema = z.object({
  intent: z.enum(["deactivate", "reactivate"]),
  mentorId: z.string().regex(objectIdPattern),
});
