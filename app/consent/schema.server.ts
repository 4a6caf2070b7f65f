import { z } from "zod";
import { plainText } from "~/accounts/schemas.server.ts";
import { programmeNow } from "~/i18n/dates.ts";
import { messageWith } from "~/ui/form-data.ts";
import { choice, dayAndTimeText, freeText, requiredText } from "~/ui/schema-fields.server.ts";
import { consentFields, consentNamesThePerson } from "./vocabulary.ts";

export const consentFormSchema = z.object({
  fields: z
    .array(choice(consentFields))
    .max(consentFields.length)
    .default([])
    .refine(consentNamesThePerson, { error: "errors.consentNeedsName" }),
  note: freeText(300),
});

/** What the person chose, to show the consent form again as she left it after a refusal. */
export function consentFormValues(formData: FormData): Record<string, string> {
  const fields = formData.getAll("fields").filter((f): f is string => typeof f === "string" && (consentFields as readonly string[]).includes(f));
  const note = formData.get("note");
  return { fields: fields.join(","), note: typeof note === "string" ? note.slice(0, 300) : "" };
}

/** A meeting is proposed for later than now, on the programme's clock (stored floating, as written). */
const meetingTime = dayAndTimeText.superRefine((moment, ctx) => {
  const now = programmeNow();
  if (moment.getTime() > now.getTime()) return;
  const earliest = now.toISOString();
  ctx.addIssue({ code: "custom", message: messageWith("errors.meetingInPast", { earliestDate: earliest.slice(0, 10), earliestTime: earliest.slice(11, 16) }) });
});

export const employerAnswerSchema = z.discriminatedUnion("answer", [
  z.object({ answer: z.literal("accepted") }),
  z.object({
    answer: z.literal("meeting_proposed"),
    at: meetingTime,
    place: plainText(160),
  }),
  z.object({ answer: z.literal("declined"), reason: requiredText(3, 500) }),
]);
