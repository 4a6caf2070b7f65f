import { z } from "zod";
import { choice, emailField, plainText } from "~/ui/schema-fields.ts";
import { countries, mentorOrganisationTypes, organisationKinds } from "./vocabulary.ts";

const optional = <S extends z.ZodType<unknown, string>>(schema: S) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(schema.optional());

/** An organisation's own fields: registration picks from these, imports use all of them. */
export const organisationFields = {
  name: plainText(160),
  kind: choice(organisationKinds),
  mentorOrganisationType: optional(choice(mentorOrganisationTypes)),
  town: plainText(80),
  country: choice(countries),
  contactEmail: optional(emailField),
};

export const organisationSchema = z.object(organisationFields);
export type OrganisationInput = z.output<typeof organisationSchema>;
