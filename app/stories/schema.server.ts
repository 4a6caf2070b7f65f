import { z } from "zod";
import { languageField } from "~/accounts/schemas.server.ts";
import { objectIdPattern } from "~/db/ids.server.ts";
import { placementKinds, sectors } from "~/placements/vocabulary.ts";
import { choice, freeText, requiredText } from "~/ui/schema-fields.server.ts";
import { storyLimits, storyNameChoices, storyPlaceChoices } from "./vocabulary.ts";

/** The editor's form. A changed name is required only when the story uses one; the employer only when it is to be named. */
export const storyFormSchema = z
  .object({
    title: requiredText(storyLimits.title.min, storyLimits.title.max),
    body: requiredText(storyLimits.body.min, storyLimits.body.max),
    language: languageField,
    placementKind: choice(placementKinds),
    sector: choice(sectors),
    country: choice(["HR", "SI", "DK"] as const),
    town: requiredText(1, 80),
    nameChoice: choice(storyNameChoices),
    changedName: freeText(storyLimits.changedName.max),
    placeChoice: choice(storyPlaceChoices),
    quote: freeText(storyLimits.quote.max),
    organisationId: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined)
      .pipe(z.string().regex(objectIdPattern, { error: "errors.choice" }).optional()),
    showEmployer: z.literal("yes", { error: "errors.invalid" }).optional(),
    removePhoto: z.literal("yes", { error: "errors.invalid" }).optional(),
    intent: z.enum(["save", "submit"], { error: "errors.invalid" }).optional(),
  })
  .superRefine((v, context) => {
    if (v.nameChoice === "changed" && v.changedName.length < storyLimits.changedName.min) {
      context.addIssue({ code: "custom", path: ["changedName"], message: v.changedName ? "errors.tooShort" : "errors.required" });
    }
    if (v.showEmployer && !v.organisationId) context.addIssue({ code: "custom", path: ["organisationId"], message: "errors.chooseOne" });
  });

export type StoryInput = z.output<typeof storyFormSchema>;

/** A coordinator's or employer's button on one story. */
export const storyButtonSchema = z.object({
  storyId: z.string({ error: "errors.invalid" }).regex(objectIdPattern, { error: "errors.invalid" }),
});

export const employerDecisionSchema = storyButtonSchema.extend({
  decision: choice(["approved", "declined"] as const),
});
