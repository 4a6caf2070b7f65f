import type { z } from "zod";
import { isObjectId } from "~/db/ids.server.ts";
import { menteeListFields } from "~/mentees/schema.server.ts";
import { placementListFields } from "~/placements/schema.server.ts";
import { readMessage } from "~/ui/form-data.ts";
import { implicitKey } from "./export.server.ts";
import { importDefaults, importFields, type ImportKind } from "./format.ts";
import type { FileSection, Problem, RawRow } from "./read-file.server.ts";
import { rowSchemas } from "./row-schemas.server.ts";

// What every kind does with a row before its own rules: the form's values from the file's, the
// form's checks as the report's reasons, keys, and what an update keeps or compares.

/**
 * No field takes more than 5000 characters. A longer value is refused as it is, before a schema
 * splits or matches it: a 20 MB cell of commas would otherwise become millions of list items.
 */
export const MAX_VALUE_CHARS = 10_000;

export const MAX_EMAIL_CHARS = 254;

/** Forms' fields as their list fields arrive (checkbox lists); other lists are `;`-joined text. */
const formListFields: Partial<Record<ImportKind, string[]>> = { placements: placementListFields, mentees: menteeListFields };

const countryLanguage: Record<string, string> = { HR: "hr", SI: "sl", DK: "da" };

const valueLength = (value: unknown) => (typeof value === "string" ? value.length : Array.isArray(value) ? value.reduce((sum: number, v) => sum + (typeof v === "string" ? v.length : 0), 0) : 0);

/** A JSON or CSV value as the text (or list of texts) that a form would have sent. */
function formValues(kind: ImportKind, row: RawRow): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const types = importFields[kind] as Record<string, string>;
  const arrayFields = formListFields[kind] ?? [];
  for (const [field, type] of Object.entries(types)) {
    const value = row.values[field];
    if (value === undefined || value === null) continue;
    if (valueLength(value) > MAX_VALUE_CHARS) {
      row.problems.push({ field, message: "errors.tooLong" });
      continue;
    }
    if (type === "list") {
      let list: string[];
      if (Array.isArray(value) && value.every((v) => typeof v === "string")) list = value.map((v) => v.trim()).filter(Boolean);
      else if (typeof value === "string") list = value.split(";").map((v) => v.trim()).filter(Boolean);
      else {
        row.problems.push({ field, message: "errors.invalid" });
        continue;
      }
      out[field] = arrayFields.includes(field) ? list : list.join("; ");
    } else if (typeof value === "string") out[field] = value;
    else if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") out[field] = String(value);
    else row.problems.push({ field, message: "errors.invalid" });
  }
  for (const [field, fallback] of Object.entries(importDefaults[kind] ?? {})) {
    if (out[field] === undefined || out[field] === "") out[field] = fallback;
  }
  if (kind === "mentees" && !out.language && typeof out.country === "string") out.language = countryLanguage[out.country.trim()] ?? "";
  return out;
}

// The same list of allowed values is named in many rows' reasons: held once, not once per row.
const allowedLists = new Map<string, string>();
function allowedList(values: unknown[]) {
  const text = values.join(", ");
  const known = allowedLists.get(text);
  if (known !== undefined) return known;
  if (allowedLists.size < 1000) allowedLists.set(text, text);
  return text;
}

/** Zod's issues as the report's reasons; for a spreadsheet, a wrong choice names the allowed values and a limit its number. */
function problemsOf(error: z.ZodError, known: Set<string>, values: Record<string, string | string[]>): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "row");
    if (problems.some((p) => p.field === field)) continue;
    const { key: message, params } = readMessage(issue.message.startsWith("errors.") ? issue.message : "errors.invalid");
    const detail = issue as { values?: unknown[]; maximum?: number | bigint; minimum?: number | bigint; origin?: string };
    const given = values[field];
    const value = Array.isArray(given) ? given[Number(issue.path[1])] : given;
    let problem: Problem = { field: known.has(field) ? field : "row", message, ...(Object.keys(params).length ? { params } : {}) };
    if (message === "errors.choice" && detail.values && value !== undefined) {
      problem = { ...problem, message: "import.errors.choiceOf", params: { value: String(value).slice(0, 40), allowed: allowedList(detail.values) } };
    } else if (message === "errors.tooLong" && detail.maximum !== undefined) {
      problem = { ...problem, message: "import.errors.tooLongMax", params: { max: Number(detail.maximum) } };
    } else if (message === "errors.outOfRange" && detail.maximum !== undefined) {
      problem = { ...problem, message: "import.errors.atMost", params: { max: Number(detail.maximum) } };
    } else if (message === "errors.outOfRange" && detail.minimum !== undefined) {
      problem = { ...problem, message: "import.errors.atLeast", params: { min: Number(detail.minimum) } };
    }
    problems.push(problem);
  }
  return problems;
}

type Schemas<K extends ImportKind> = (typeof rowSchemas)[K];
export type Validated<K extends ImportKind> =
  | { key: string; ok: false }
  | { key: string; ok: true; input: z.output<Schemas<K>["form"]>; extra: z.output<Schemas<K>["extra"]> };

/** Checks a row with the form's own schema and the import's few extra fields (row-schemas.server.ts). */
export function validate<K extends ImportKind>(kind: K, row: RawRow): Validated<K> {
  // A row that is not a row (wrong number of cells, not an object) gets that one reason, not a field list.
  if (row.problems.some((p) => p.field === "row")) return { key: rawKey(row), ok: false };
  const values = formValues(kind, row);
  const known = new Set(Object.keys(importFields[kind]));
  const { form: formSchema, extra: extraSchema } = rowSchemas[kind] as { form: z.ZodType; extra: z.ZodType };
  const form = formSchema.safeParse(values);
  const extra = extraSchema.safeParse(values);
  // One reason per field: a value already refused (too long, a formula, not text) is not also "required".
  const newFields = (problems: Problem[]) => problems.filter((p) => !row.problems.some((q) => q.field === p.field));
  if (!form.success) row.problems.push(...newFields(problemsOf(form.error, known, values)));
  if (!extra.success) row.problems.push(...newFields(problemsOf(extra.error, known, values)));
  const key = typeof values.key === "string" ? values.key.trim() : "";
  if (!form.success || !extra.success || row.problems.length) return { key, ok: false };
  return { key, ok: true, input: form.data as z.output<Schemas<K>["form"]>, extra: extra.data as z.output<Schemas<K>["extra"]> };
}

export function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => {
    if (v === undefined || v === null || v === "") return null;
    if (v instanceof Date) return v.toISOString();
    if (typeof v === "object" && v !== null && "toHexString" in v) return String(v);
    if (Array.isArray(v)) return v.map(norm);
    return v;
  };
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** The fields whose value differs, by the names the report gives them. */
export function changedFields(record: Record<string, unknown>, existing: Record<string, unknown>, names: Record<string, string> = {}): string[] {
  return Object.keys(record)
    .filter((field) => !sameValue(record[field], existing[field]))
    .map((field) => names[field] ?? field);
}

export const rawKey = (row: RawRow) => (typeof row.values.key === "string" || typeof row.values.key === "number" ? String(row.values.key).trim() : "");

/** A repeated key's problem names this many of its rows, and how many there are in all. */
const REPEATED_ROWS_NAMED = 10;

/** Rows whose key appears twice in a file are all refused: which one is right is the person's call. */
export function rejectRepeatedKeys(section: FileSection) {
  const rowsOfKey = new Map<string, number[]>();
  for (const row of section.rows) {
    const key = rawKey(row);
    if (!key) continue;
    const rows = rowsOfKey.get(key);
    if (rows) rows.push(row.row);
    else rowsOfKey.set(key, [row.row]);
  }
  // One problem per key, shared by its rows: 50 000 rows of one key are one short message, not 50 000 long ones.
  const problemOf = new Map<string, Problem>();
  for (const [key, rows] of rowsOfKey) {
    if (rows.length < 2) continue;
    const named = rows.slice(0, REPEATED_ROWS_NAMED).join(", ");
    problemOf.set(key, rows.length > REPEATED_ROWS_NAMED ? { field: "key", message: "import.errors.repeatedKeyMany", params: { rows: named, count: rows.length } } : { field: "key", message: "import.errors.repeatedKey", params: { rows: named } });
  }
  if (!problemOf.size) return;
  for (const row of section.rows) {
    const problem = problemOf.get(rawKey(row));
    if (problem) row.problems.push(problem);
  }
}

/**
 * The keys (or e-mail addresses) of rows worth looking up: each once, and none longer than a valid
 * one, so that one enormous cell never becomes a database query.
 */
export function lookupValues(rows: RawRow[], field: "key" | "email", maxLength: number) {
  const values = new Set<string>();
  for (const row of rows) {
    const value = field === "key" ? rawKey(row) : typeof row.values.email === "string" ? row.values.email.trim().toLowerCase() : "";
    if (value && value.length <= maxLength) values.add(value);
  }
  return [...values];
}

/**
 * Existing records by key: stored keys, and `<prefix>-<id>` for records made in the portal that
 * have none yet (what an export calls them). One query each: FerretDB scans for either.
 */
export async function findByKeys<T extends { _id: unknown; key?: string | null }>(
  model: { find: (filter: object) => { lean: () => Promise<unknown> } },
  keys: string[],
  prefix: "placement" | "mentee" | "mentor",
): Promise<Map<string, T>> {
  if (!keys.length) return new Map();
  const stored = (await model.find({ key: { $in: keys } }).lean()) as T[];
  const byKey = new Map(stored.map((r) => [r.key!, r]));
  const ids = keys.filter((k) => !byKey.has(k) && k.startsWith(`${prefix}-`)).map((k) => k.slice(prefix.length + 1)).filter(isObjectId);
  if (ids.length) {
    for (const r of (await model.find({ _id: { $in: ids } }).lean()) as T[]) if (!r.key) byKey.set(implicitKey(prefix, r), r);
  }
  return byKey;
}

/**
 * A field the file leaves out (no such column, no such property) keeps its current value; an
 * empty cell clears it. Coordinates are kept only while the town stays the same.
 */
export function keepAbsentFields(row: RawRow, current: Record<string, unknown>) {
  const same = (field: string) => !(field in row.values) || String(row.values[field] ?? "").trim().toLowerCase() === String(current[field] ?? "").toLowerCase();
  for (const [field, value] of Object.entries(current)) {
    if (field in row.values) continue;
    if ((field === "lat" || field === "lng") && !(same("town") && same("country"))) continue;
    row.values[field] = value;
  }
}

/**
 * An exported row carries the record's coordinates. When the row moves the record to another town
 * but keeps those coordinates, they belong to the old town: the new town's are looked up instead.
 */
export function dropStaleCoordinates(row: RawRow, current: { town: string; country: string; lat: number; lng: number }) {
  const text = (v: unknown) => String(v ?? "").trim().toLowerCase();
  const moved = ("town" in row.values && text(row.values.town) !== current.town.toLowerCase()) || ("country" in row.values && text(row.values.country) !== current.country.toLowerCase());
  const sameCoordinates = Number(String(row.values.lat).replace(",", ".")) === current.lat && Number(String(row.values.lng).replace(",", ".")) === current.lng;
  if (moved && sameCoordinates) {
    row.values.lat = "";
    row.values.lng = "";
  }
}
