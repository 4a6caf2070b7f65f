import { z } from "zod";
import { choice, freeText } from "~/ui/schema-fields.server.ts";
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
  // Each field once: a field posted 20 000 times is still one choice.
  const fields = new Set(formData.getAll("fields").filter((f): f is string => typeof f === "string" && (consentFields as readonly string[]).includes(f)));
  const note = formData.get("note");
  return { fields: [...fields].join(","), note: typeof note === "string" ? note.slice(0, 300) : "" };
}
