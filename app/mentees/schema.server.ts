import { z } from "zod";
import { emailField, languageField, plainText } from "~/accounts/schemas.server.ts";
import { supportOptions, workLanguages } from "~/placements/vocabulary.ts";
import { blankAsMissing, choice, commaList, freeText, readableText, requiredText, wholeNumber } from "~/ui/schema-fields.server.ts";
import { answerChoices, handoverReasonLength, menteeReadiness } from "./vocabulary.ts";
import { objectIdPattern } from "~/db/ids.server.ts";

export const menteeFormSchema = z
  .object({
    firstName: plainText(60),
    fullName: readableText(z.string().trim().max(120, { error: "errors.tooLong" }))
      .optional()
      .default(""),
    email: blankAsMissing(emailField),
    language: languageField,
    readiness: choice(menteeReadiness),
    goals: freeText(2000),
    strengths: commaList,
    interests: commaList,
    skills: commaList,
    languages: z.array(choice(workLanguages)).max(workLanguages.length).default([]),
    town: plainText(80),
    country: choice(["HR", "SI", "DK"] as const),
    travelKm: wholeNumber(1, 300),
    hoursMin: wholeNumber(1, 60, "errors.hoursBetween"),
    hoursMax: wholeNumber(1, 60, "errors.hoursBetween"),
    supportNeeded: z.array(choice(supportOptions)).max(supportOptions.length).default([]),
    barriers: freeText(2000),
    notes: freeText(5000),
  })
  .refine((v) => typeof v.hoursMin !== "number" || typeof v.hoursMax !== "number" || v.hoursMax >= v.hoursMin, { path: ["hoursMax"], error: "errors.hoursOrder" });

export type MenteeInput = z.output<typeof menteeFormSchema>;
export const menteeListFields = ["languages", "supportNeeded"];

export const relaxSchema = z.object({
  distance: z.literal("1").optional(),
  hours: z.literal("1").optional(),
  languages: z.literal("1").optional(),
  support: z.literal("1").optional(),
});

export const answerSchema = z.object({
  proposalId: z.string().regex(objectIdPattern, { error: "errors.invalid" }),
  answer: choice(answerChoices),
  reason: freeText(500),
});

/**
 * A coordinator hands a mentee over: the new lead mentor, a reason kept in the audit, and the
 * confirmation a handover to another organisation or country needs. `from` says which page sent
 * it ("mentors": the list of mentees whose mentor is no longer active), for where to go back.
 */
export const handoverFormSchema = z.object({
  mentorId: z.string({ error: "errors.chooseOne" }).trim().min(1, { error: "errors.chooseOne" }).regex(objectIdPattern, { error: "errors.choice" }),
  reason: requiredText(handoverReasonLength.min, handoverReasonLength.max),
  confirmAcross: z.literal("yes", { error: "errors.invalid" }).optional(),
  from: z.enum(["mentors"], { error: "errors.invalid" }).optional(),
});
export type HandoverInput = z.output<typeof handoverFormSchema>;
