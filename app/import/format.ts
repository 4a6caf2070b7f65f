import { z } from "zod";
import { blankAsMissing, choice } from "~/ui/schema-fields.ts";
import { placementStatuses } from "~/placements/vocabulary.ts";

// The exchange format of imports and exports: one vocabulary with the portal's own models.
// docs/import.md describes it; docs/import.schema.json is generated from these schemas.

export const importKinds = ["organisations", "mentors", "placements", "mentees"] as const;
export type ImportKind = (typeof importKinds)[number];

/** How a value is written in a file: lists are JSON arrays or `;`-separated CSV cells. */
export type ValueType = "text" | "integer" | "number" | "list" | "boolean" | "date";

/** Every field of each kind, in the column order of an export. */
export const importFields = {
  organisations: {
    key: "text",
    name: "text",
    kind: "text",
    mentorOrganisationType: "text",
    town: "text",
    country: "text",
    contactEmail: "text",
    verified: "boolean",
  },
  mentors: { key: "text", email: "text", name: "text", organisation: "text", language: "text" },
  placements: {
    key: "text",
    organisation: "text",
    title: "text",
    description: "text",
    language: "text",
    kind: "text",
    sector: "text",
    town: "text",
    country: "text",
    lat: "number",
    lng: "number",
    hoursMin: "integer",
    hoursMax: "integer",
    scheduleFlexibility: "text",
    startDate: "date",
    durationWeeks: "integer",
    places: "integer",
    readiness: "text",
    languages: "list",
    support: "list",
    skills: "list",
    physicalDemands: "text",
    supportNotes: "text",
    status: "text",
  },
  mentees: {
    key: "text",
    mentor: "text",
    firstName: "text",
    fullName: "text",
    email: "text",
    language: "text",
    readiness: "text",
    town: "text",
    country: "text",
    lat: "number",
    lng: "number",
    travelKm: "integer",
    hoursMin: "integer",
    hoursMax: "integer",
    languages: "list",
    interests: "list",
    skills: "list",
    strengths: "list",
    supportNeeded: "list",
    goals: "text",
    barriers: "text",
    notes: "text",
  },
} as const satisfies Record<ImportKind, Record<string, ValueType>>;

export function fieldNames(kind: ImportKind): string[] {
  return Object.keys(importFields[kind]);
}

/**
 * Where the words for a field's allowed values are among the translations, so that a refusal
 * names them in the reader's language next to the value the file must hold ("job (Posao)").
 */
export const valueLabels: Partial<Record<ImportKind, Record<string, string>>> = {
  organisations: { kind: "orgKinds", mentorOrganisationType: "mentorOrgTypes", country: "countries" },
  mentors: { language: "language" },
  placements: {
    language: "language",
    kind: "vocab.kind",
    sector: "vocab.sector",
    country: "countries",
    scheduleFlexibility: "vocab.flexibility",
    readiness: "vocab.readiness",
    languages: "vocab.workLanguage",
    support: "vocab.support",
    physicalDemands: "vocab.physical",
    status: "vocab.status",
  },
  mentees: { language: "language", readiness: "vocab.readiness", country: "countries", languages: "vocab.workLanguage", supportNeeded: "vocab.support" },
};

/** Defaults for fields the form asks for but a spreadsheet may leave out. */
export const importDefaults: Partial<Record<ImportKind, Record<string, string>>> = {
  placements: { scheduleFlexibility: "some", places: "1", status: "draft" },
};

export const MAX_KEY_CHARS = 100;

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
