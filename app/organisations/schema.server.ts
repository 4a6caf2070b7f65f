import { z } from "zod";
import { blankAsMissing, choice, emailField, plainText } from "~/ui/schema-fields.server.ts";
import { countries, mentorOrganisationTypes, organisationKinds } from "./vocabulary.ts";

/** An organisation's own fields: registration picks from these, imports use all of them. */
export const organisationFields = {
  name: plainText(160),
  kind: choice(organisationKinds),
  mentorOrganisationType: blankAsMissing(choice(mentorOrganisationTypes)),
  town: plainText(80),
  country: choice(countries),
  contactEmail: blankAsMissing(emailField),
};

export const organisationSchema = z.object(organisationFields);
export type OrganisationInput = z.output<typeof organisationSchema>;
