import { z } from "zod";
import { importDefaults, importFields, importKinds, type ImportKind, type ValueType } from "./format.ts";
import { rowSchemas } from "./row-schemas.server.ts";

// The JSON Schema of a JSON import file, built from the same zod schemas that check each row, so
// that it cannot say something else than the import does. `npm run import:schema` writes it to
// docs/import.schema.json; a unit test fails when that file is out of date.

export type JsonSchema = { [keyword: string]: unknown };

/** Fields the form requires that an import fills in from another field when they are left out. */
const derivedFields: Partial<Record<ImportKind, Record<string, string>>> = {
  mentees: { language: "Left out of a new mentee, or null or empty, it is the language of the country." },
};

// `required` and `default` describe a new record; an update of an organisation, placement or
// mentee keeps what a row leaves out (keepAbsentFields in rows.server.ts), a mentor's does not.
const UPDATE_NOTE =
  "`required` and the defaults are for a new record. To update a record (its key is known), only `key` is needed: a field left out keeps its value; null or an empty string clears it or gives its default.";
const MENTOR_UPDATE_NOTE = "Every required field is needed to update a mentor too: a mentor row keeps nothing that it leaves out.";

const kindDescriptions: Record<ImportKind, string> = {
  organisations: `Employers, social enterprises and mentor organisations. Coordinators only. ${UPDATE_NOTE}`,
  mentors: `Mentor accounts. A new mentor gets an e-mail to choose a password. Coordinators only. ${MENTOR_UPDATE_NOTE}`,
  placements: `Placements. Coordinators (any organisation) and employers (their own organisation only). ${UPDATE_NOTE}`,
  mentees: `Mentees and their plans. Coordinators and approved mentors (their own caseload only). Stored sealed and audited. ${UPDATE_NOTE}`,
};

const COORDINATES_NOTE = "Left out of an update, they are kept while town and country stay the same.";

const fieldDescriptions: Partial<Record<ImportKind, Record<string, string>>> = {
  organisations: {
    key: "Stable identifier of the organisation, kept across imports and exports.",
    kind: "An employer may become a social enterprise and back; neither may become a mentor organisation, nor the reverse.",
    verified: "true makes the organisation verified; false takes a verification back. Left out, null or empty, the status stays as it is (new organisations are pending). Text true/false, yes/no, 1/0 is accepted too.",
  },
  mentors: {
    key: "Stable identifier of the mentor. A mentor who registered in the portal is exported (and found again) as mentor-<id>.",
    email: "Cannot be changed by an import once the account exists.",
    organisation: "The key of a mentor organisation in the portal or in the same file.",
  },
  placements: {
    key: "Stable identifier of the placement, kept across imports and exports.",
    organisation: "The key of an employer or social enterprise. Required for a coordinator's new placement; an employer may leave it out (their own organisation).",
    town: "A town in the country; its coordinates come from the gazetteer unless lat and lng are given.",
    hoursMax: "Not smaller than hoursMin.",
    status: "A change of status must be allowed by the placement's lifecycle; published needs a verified organisation. taken_down is set and lifted only by a coordinator on the placement list: an import keeps it (or closes the placement), never sets or lifts it.",
    startDate: "A day, 2027-03-15. Not in the past for a new placement or a changed date; a placement that has started keeps its date.",
    lat: `Latitude; give lat and lng together, or neither. ${COORDINATES_NOTE}`,
    lng: `Longitude; give lat and lng together, or neither. ${COORDINATES_NOTE}`,
  },
  mentees: {
    key: "Stable identifier of the mentee, kept across imports and exports.",
    mentor: "The key or e-mail address of an approved mentor. Required for a coordinator's new mentee; a mentor may leave it out (their own caseload).",
    town: "A town in the country; its coordinates come from the gazetteer unless lat and lng are given.",
    hoursMax: "Not smaller than hoursMin.",
    lat: `Latitude; give lat and lng together, or neither. ${COORDINATES_NOTE}`,
    lng: `Longitude; give lat and lng together, or neither. ${COORDINATES_NOTE}`,
  },
};

const LIST_NOTE = "A JSON array; a single string with the items separated by `;` is accepted too.";
const FREE_LIST_NOTE = "A comma also separates items.";
const DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";

function propertiesOf(schema: z.ZodType, io: "input" | "output"): Record<string, JsonSchema> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return (json.properties ?? {}) as Record<string, JsonSchema>;
}

function requiredOf(schema: z.ZodType): string[] {
  return ((z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema).required ?? []) as string[];
}

/** Only the keywords that are there: JSON output without `undefined` holes. */
function defined(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([, v]) => v !== undefined));
}

/**
 * What the JSON file accepts for one field. `input` is what the form takes (text, as a browser
 * sends it), `output` what it makes of it (numbers with their range, the enum behind an optional choice).
 */
function propertySchema(type: ValueType, input: JsonSchema, output: JsonSchema): JsonSchema {
  switch (type) {
    case "integer":
      // The pattern applies to the text form only; minimum and maximum to the number.
      return defined({ type: ["integer", "string"], pattern: input.pattern, minimum: output.minimum, maximum: output.maximum });
    case "number":
      return defined({ type: ["number", "string"], minimum: output.minimum, maximum: output.maximum });
    case "boolean":
      return { type: ["boolean", "string"] };
    case "date":
      return { type: "string", pattern: DATE_PATTERN, format: "date" };
    case "list": {
      // A choice list is an array already in the form; a free list (skills) is text the form splits.
      const list = input.type === "array" ? input : output;
      return defined({ type: "array", items: list.items ?? { type: "string" }, maxItems: list.maxItems, default: input.default });
    }
    case "text": {
      const { $schema: _, ...text } = input;
      return defined({ ...text, enum: text.enum ?? output.enum, format: text.format ?? output.format });
    }
  }
}

/** An optional field may be null: the value is cleared (or gets its default), as an export writes an empty one. */
function allowNull(schema: JsonSchema): JsonSchema {
  const out = { ...schema };
  if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
  if (typeof out.type === "string") out.type = [out.type, "null"];
  else if (Array.isArray(out.type)) out.type = [...(out.type as string[]), "null"];
  return out;
}

function rowSchema(kind: ImportKind): JsonSchema {
  const { form, extra } = rowSchemas[kind];
  const input = { ...propertiesOf(form, "input"), ...propertiesOf(extra, "input") };
  const output = { ...propertiesOf(form, "output"), ...propertiesOf(extra, "output") };
  const defaults = importDefaults[kind] ?? {};
  const derived = derivedFields[kind] ?? {};
  const types = importFields[kind] as Record<string, ValueType>;
  const properties: Record<string, JsonSchema> = {};
  for (const [field, type] of Object.entries(types)) {
    // A field of the file that no schema checks would be documented as anything: better to stop here.
    if (!input[field]) throw new Error(`importFields.${kind}.${field} is in neither the form schema nor importOnlySchemas.${kind}`);
    const schema = propertySchema(type, input[field], output[field] ?? {});
    const freeList = type === "list" && input[field].type !== "array";
    const notes = [fieldDescriptions[kind]?.[field], derived[field], type === "list" ? LIST_NOTE : undefined, freeList ? FREE_LIST_NOTE : undefined].filter(Boolean);
    if (notes.length) schema.description = notes.join(" ");
    if (field in defaults) schema.default = type === "integer" ? Number(defaults[field]) : defaults[field];
    properties[field] = schema;
  }
  const optional = new Set([...Object.keys(defaults), ...Object.keys(derived)]);
  const required = [...new Set([...requiredOf(extra), ...requiredOf(form)])].filter((f) => !optional.has(f));
  const withCoordinates = "lat" in types && "lng" in types;
  for (const field of Object.keys(properties)) if (!required.includes(field)) properties[field] = allowNull(properties[field]!);
  return defined({
    type: "object",
    properties,
    required: Object.keys(types).filter((f) => required.includes(f)),
    dependentRequired: withCoordinates ? { lat: ["lng"], lng: ["lat"] } : undefined,
    additionalProperties: false,
  });
}

/** The JSON Schema (draft 2020-12) of a JSON import file, as docs/import.schema.json publishes it. */
export function importJsonSchema(): JsonSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "Supported placement portal: import file",
    description:
      "A JSON import file: an object with up to four lists of rows. Generated from the portal's zod schemas by `npm run import:schema`; docs/import.md explains the rules that a schema cannot express (who may import what, keys, towns, the placement lifecycle). The `required` lists and defaults describe a new record: to update an organisation, placement or mentee, only `key` is needed, and the fields a row leaves out keep their values.",
    type: "object",
    properties: Object.fromEntries(importKinds.map((kind) => [kind, { type: "array", description: kindDescriptions[kind], items: rowSchema(kind) }])),
    additionalProperties: false,
  };
}
