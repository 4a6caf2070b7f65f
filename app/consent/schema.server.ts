import { z } from "zod";
import { plainText } from "~/accounts/schemas.server.ts";
import { choice, freeText } from "~/ui/schema-fields.server.ts";
import { consentFields } from "./vocabulary.ts";

export const consentFormSchema = z.object({
  fields: z.array(choice(consentFields)).max(consentFields.length).default([]),
  note: freeText(300),
});

export const employerAnswerSchema = z.discriminatedUnion("answer", [
  z.object({ answer: z.literal("accepted") }),
  z.object({
    answer: z.literal("meeting_proposed"),
    at: z
      .string({ error: "errors.required" })
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "errors.dateTime" })
      .transform((v) => new Date(`${v}:00Z`))
      .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 2020 && d.getUTCFullYear() <= 2100, { error: "errors.dateTime" }),
    place: plainText(160),
  }),
  z.object({ answer: z.literal("declined"), reason: freeText(500).pipe(z.string().min(3, { error: "errors.tooShort" })) }),
]);
