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
