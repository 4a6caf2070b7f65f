import type { z } from "zod";

/** Field name → translation key of its first error. */
export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; fieldErrors: FieldErrors; values: Record<string, string> };

const MAX_ECHO_LENGTH = 300;
const NEVER_ECHOED = /password/i;

/**
 * Validates a submitted form with a zod schema whose messages are translation keys
 * ("errors.required"). Anything that is not a plain string (a file, a repeated field) fails
 * validation instead of reaching the schema in an unexpected shape.
 */
export function parseForm<S extends z.ZodType>(formData: FormData, schema: S, listFields: string[] = []): FormResult<z.output<S>> {
  const raw: Record<string, unknown> = {};
  const values: Record<string, string> = {};
  const malformed = new Set<string>();
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") malformed.add(key);
    if (listFields.includes(key)) {
      (raw[key] as unknown[] | undefined) ??= [];
      (raw[key] as unknown[]).push(value);
      continue;
    }
    if (key in raw) malformed.add(key);
    raw[key] = key in raw ? [raw[key], value].flat() : value;
    if (typeof value === "string" && !NEVER_ECHOED.test(key)) values[key] = value.slice(0, MAX_ECHO_LENGTH);
  }
  const result = schema.safeParse(raw);
  if (result.success && malformed.size === 0) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  // A file or a repeated value where one text is expected: not a missing value, a wrong one.
  for (const key of malformed) fieldErrors[key] = "errors.invalid";
  if (result.success) return { ok: false, fieldErrors, values };
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (fieldErrors[field]) continue;
    fieldErrors[field] = issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
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
