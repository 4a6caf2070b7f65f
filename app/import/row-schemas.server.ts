import { z } from "zod";
import { mentorProfileSchema } from "~/accounts/schemas.server.ts";
import { menteeFormSchema } from "~/mentees/schema.server.ts";
import { organisationSchema } from "~/organisations/schema.server.ts";
import { placementFormSchema } from "~/placements/schema.server.ts";
import { placementStatuses } from "~/placements/vocabulary.ts";
import { blankAsMissing, choice } from "~/ui/schema-fields.server.ts";
import { MAX_KEY_CHARS, type ImportKind } from "./format.ts";

// What an import row needs beyond the form it fills (format.ts lists the fields of each kind).

/** The external identifier of a row: kept across imports and exports. */
export const importKey = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, { error: "errors.required" })
  .max(MAX_KEY_CHARS, { error: "errors.tooLong" })
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._:@+-]*$/u, { error: "errors.keyFormat" });

const optionalReference = z
  .string()
  .trim()
  .max(254, { error: "errors.tooLong" })
  .optional()
  .transform((v) => v || undefined);

const coordinate = (limit: number) =>
  blankAsMissing(
    z
      .string()
      // A decimal comma, as Croatian, Slovenian and Danish spreadsheets write it, is a decimal point.
      .transform((v) => v.replace(",", "."))
      .pipe(z.string().regex(/^-?\d{1,3}(\.\d{1,17})?$/, { error: "errors.decimal" }))
      .transform(Number)
      .pipe(z.number().min(-limit, { error: "errors.outOfRange" }).max(limit, { error: "errors.outOfRange" })),
  );

const coordinates = { lat: coordinate(90), lng: coordinate(180) };
const bothOrNeither = (v: { lat?: number; lng?: number }) => (v.lat === undefined) === (v.lng === undefined);

const yesNo = blankAsMissing(
  z
    .string()
    .toLowerCase()
    .pipe(z.enum(["true", "false", "yes", "no", "1", "0"], { error: "errors.boolean" }))
    .transform((v) => v === "true" || v === "yes" || v === "1"),
);

/** The fields an import adds to each form's own schema. */
export const importOnlySchemas = {
  organisations: z.object({ key: importKey, verified: yesNo }),
  mentors: z.object({ key: importKey, organisation: importKey }),
  placements: z
    .object({ key: importKey, organisation: optionalReference, status: choice(placementStatuses), ...coordinates })
    .refine(bothOrNeither, { path: ["lng"], error: "errors.coordinatesPair" }),
  mentees: z
    .object({ key: importKey, mentor: optionalReference, ...coordinates })
    .refine(bothOrNeither, { path: ["lng"], error: "errors.coordinatesPair" }),
};

/** What checks a row of each kind: the form's own schema, and the fields the import adds to it. */
export const rowSchemas = {
  organisations: { form: organisationSchema, extra: importOnlySchemas.organisations },
  mentors: { form: mentorProfileSchema, extra: importOnlySchemas.mentors },
  placements: { form: placementFormSchema, extra: importOnlySchemas.placements },
  mentees: { form: menteeFormSchema, extra: importOnlySchemas.mentees },
} satisfies Record<ImportKind, { form: z.ZodType; extra: z.ZodType }>;
