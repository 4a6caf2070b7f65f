import type { z } from "zod";

/**
 * Field name → its first error: a translation key, or a key with the values its text names
 * ("errors.between?min=1&max=60", made by `messageWith`). Strings throughout, so that schemas,
 * capabilities and the import report carry them unchanged.
 */
export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; fieldErrors: FieldErrors; values: Record<string, string> };

const MAX_ECHO_LENGTH = 300;
const NEVER_ECHOED = /password/i;
// A refused form shows again what was typed, but only into the fields the form has: 20 000 made-up
// or repeated fields made one refused consent form a 232 KB answer.
const LONGEST_UNLIMITED_ECHO = 1000;
const MOST_ECHOED_FIELDS = 100;
const MOST_ECHOED_LIST_VALUES = 50;

/**
 * A message key with the values its text names. A value whose name ends in "Date" is an ISO day
 * (2027-03-15) and is shown as the reader writes dates.
 */
export function messageWith(key: string, params: Record<string, string | number>): string {
  return `${key}?${new URLSearchParams(Object.entries(params).map(([name, value]) => [name, String(value)])).toString()}`;
}

/** The key and the values of a message made by `messageWith` (a plain key has none). */
export function readMessage(message: string): { key: string; params: Record<string, string> } {
  const at = message.indexOf("?");
  if (at < 0) return { key: message, params: {} };
  return { key: message.slice(0, at), params: Object.fromEntries(new URLSearchParams(message.slice(at + 1))) };
}

type Issue = z.core.$ZodIssue;

/**
 * A zod issue as the message a person reads: the schema's key, with the limit a length check
 * knows ("at most 120 characters") instead of a bare "too long".
 */
export function messageOfIssue(issue: Issue): string {
  const message = issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
  if (issue.code === "too_big" && message === "errors.tooLong") {
    if (issue.origin === "string") return messageWith("errors.maxLength", { max: Number(issue.maximum) });
    if (issue.origin === "array" || issue.origin === "set") return messageWith("errors.tooMany", { max: Number(issue.maximum) });
  }
  if (issue.code === "too_small" && message === "errors.tooShort" && issue.origin === "string") return messageWith("errors.minLength", { min: Number(issue.minimum) });
  return message;
}

/**
 * Validates a submitted form with a zod schema whose messages are translation keys
 * ("errors.required"). Anything that is not a plain string (a file, a repeated field) fails
 * validation instead of reaching the schema in an unexpected shape.
 */
export function parseForm<S extends z.ZodType>(formData: FormData, schema: S, listFields: string[] = []): FormResult<z.output<S>> {
  const raw: Record<string, unknown> = {};
  const malformed = new Set<string>();
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") malformed.add(key);
    if (listFields.includes(key)) {
      (raw[key] as unknown[] | undefined) ??= [];
      (raw[key] as unknown[]).push(value);
      continue;
    }
    if (!Object.hasOwn(raw, key)) raw[key] = value;
    else if (Array.isArray(raw[key])) (raw[key] as unknown[]).push(value);
    else raw[key] = [raw[key], value];
    if (Array.isArray(raw[key])) malformed.add(key);
  }
  const result = schema.safeParse(raw);
  if (result.success && malformed.size === 0) return { ok: true, data: result.data };
  const values = echoForm(formData, schema, listFields);
  const fieldErrors: FieldErrors = {};
  // A file or a repeated value where one text is expected: not a missing value, a wrong one. On a
  // field the form does not have, the form as a whole is wrong (one message, not one per made-up name).
  const fields = formFields(schema);
  for (const key of malformed) {
    if (fields ? fields.has(key) : Object.keys(fieldErrors).length < MOST_ECHOED_FIELDS) fieldErrors[key] = "errors.invalid";
    else fieldErrors.form ??= "errors.invalid";
  }
  if (result.success) return { ok: false, fieldErrors, values };
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (fieldErrors[field]) continue;
    fieldErrors[field] = messageOfIssue(issue);
  }
  return { ok: false, fieldErrors, values };
}

/** Values to show again in a form after a server-side refusal; never the password. */
export function echoValues(data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data)
      .filter(([key, value]) => typeof value === "string" && !NEVER_ECHOED.test(key))
      .map(([key, value]) => [key, (value as string).slice(0, MAX_ECHO_LENGTH)]),
  );
}

type SchemaDef = { type: string; shape?: Record<string, z.ZodType>; options?: z.ZodType[]; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; left?: z.ZodType; right?: z.ZodType };
const defOf = (schema: z.ZodType) => schema._zod.def as unknown as SchemaDef;

/**
 * The fields a form schema reads, each with the most characters it accepts (null when the schema
 * does not say: a list typed as text, a number). Null when the schema's fields cannot be told
 * (a record of rows, a custom type).
 */
export function formFields(schema: z.ZodType): Map<string, number | null> | null {
  const def = defOf(schema);
  if (def.type === "object") return new Map(Object.entries(def.shape ?? {}).map(([name, field]) => [name, longestText(field)]));
  const parts = def.type === "union" ? (def.options ?? []) : def.type === "intersection" ? [def.left!, def.right!] : def.type === "pipe" ? [def.in!] : def.innerType ? [def.innerType] : [];
  if (!parts.length) return null;
  const fields = new Map<string, number | null>();
  for (const part of parts) {
    const own = formFields(part);
    if (!own) return null;
    for (const [name, longest] of own) {
      const known = fields.get(name);
      fields.set(name, known === undefined ? longest : known === null || longest === null ? null : Math.max(known, longest));
    }
  }
  return fields;
}

/** The smallest limit on a text's length along the schema's steps (a list's items are not the typed text). */
function longestText(schema: z.ZodType): number | null {
  const def = defOf(schema);
  const own = def.type === "string" ? (schema as z.ZodString).maxLength : null;
  const limits = [own, ...[def.innerType, def.in, def.out].filter((s): s is z.ZodType => s !== undefined).map(longestText)].filter((n): n is number => typeof n === "number");
  return limits.length ? Math.min(...limits) : null;
}

/**
 * What to show again in a refused form: the fields the schema has (any when it cannot tell, at
 * most 100), each value within the field's own limit, a list field's values once each; never a password.
 */
export function echoForm(formData: FormData, schema: z.ZodType, listFields: string[] = []): Record<string, string> {
  const fields = formFields(schema);
  const names = fields ? [...fields.keys()] : [...new Set(formData.keys())].slice(0, MOST_ECHOED_FIELDS);
  const values: Record<string, string> = {};
  for (const name of names) {
    if (NEVER_ECHOED.test(name)) continue;
    const longest = fields ? (fields.get(name) ?? LONGEST_UNLIMITED_ECHO) : MAX_ECHO_LENGTH;
    const texts = formData.getAll(name).filter((v): v is string => typeof v === "string");
    if (!texts.length) continue;
    values[name] = listFields.includes(name)
      ? [...new Set(texts.map((v) => v.slice(0, longest)))].slice(0, MOST_ECHOED_LIST_VALUES).join(",")
      : texts[texts.length - 1].slice(0, longest);
  }
  return values;
}
