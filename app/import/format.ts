// The exchange format of imports and exports: one vocabulary with the portal's own models.
// docs/import.md describes it; docs/import.schema.json is generated from these tables and the
// row schemas (row-schemas.server.ts). No zod here: the import page's component reads the tables.

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
