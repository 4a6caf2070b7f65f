import { z } from "zod";
import { emailField, languageField, plainText } from "~/accounts/schemas.ts";
import { supportOptions, workLanguages } from "~/placements/vocabulary.ts";
import { answerChoices, menteeReadiness } from "./vocabulary.ts";

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => (issue.input === undefined || issue.input === "" ? "errors.required" : "errors.choice") });

// eslint-disable-next-line no-control-regex
const SAFE_TEXT = /^[^<>\u0000-\u0008\u000b\u000c\u000e-\u001f]*$/;

const freeText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "errors.tooLong" })
    .regex(SAFE_TEXT, { error: "errors.forbiddenCharacters" })
    .optional()
    .default("");

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(/[,;\n]/)
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(40, { error: "errors.tooLong" }).regex(SAFE_TEXT, { error: "errors.forbiddenCharacters" })).max(20, { error: "errors.tooLong" }));

const wholeNumber = (min: number, max: number) =>
  z
    .string({ error: "errors.required" })
    .trim()
    .min(1, { error: "errors.required" })
    .regex(/^\d{1,4}$/, { error: "errors.number" })
    .transform(Number)
    .pipe(z.number().min(min, { error: "errors.outOfRange" }).max(max, { error: "errors.outOfRange" }));

export const menteeFormSchema = z
  .object({
    firstName: plainText(60),
    fullName: z
      .string()
      .trim()
      .max(120, { error: "errors.tooLong" })
      .regex(SAFE_TEXT, { error: "errors.forbiddenCharacters" })
      .optional()
      .default(""),
    email: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined)
      .pipe(emailField.optional()),
    language: languageField,
    readiness: choice(menteeReadiness),
    goals: freeText(2000),
    strengths: list,
    interests: list,
    skills: list,
    languages: z.array(choice(workLanguages)).max(workLanguages.length).default([]),
    homeTown: plainText(80),
    country: choice(["HR", "SI", "DK"] as const),
    travelKm: wholeNumber(1, 300),
    hoursMin: wholeNumber(1, 60),
    hoursMax: wholeNumber(1, 60),
    supportNeeded: z.array(choice(supportOptions)).max(supportOptions.length).default([]),
    barriers: freeText(2000),
    notes: freeText(5000),
  })
  .refine((v) => v.hoursMax >= v.hoursMin, { path: ["hoursMax"], error: "errors.hoursOrder" });

export type MenteeInput = z.output<typeof menteeFormSchema>;
export const menteeListFields = ["languages", "supportNeeded"];

export const relaxSchema = z.object({
  distance: z.literal("1").optional(),
  hours: z.literal("1").optional(),
  languages: z.literal("1").optional(),
  support: z.literal("1").optional(),
});

export const answerSchema = z.object({
  proposalId: z.string().regex(/^[a-f0-9]{24}$/, { error: "errors.invalid" }),
  answer: choice(answerChoices),
  reason: freeText(500),
});
