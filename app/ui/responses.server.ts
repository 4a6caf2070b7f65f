import { data } from "@remix-run/node";

export type FormFailure = { fieldErrors: Record<string, string>; values?: Record<string, string> };

/** A form that did not validate: 400 (or 429 when rate limited), with field errors as translation keys. */
export function formFailure(failure: FormFailure) {
  const status = failure.fieldErrors.form === "errors.rateLimited" ? 429 : 400;
  return data({ ok: false as const, fieldErrors: failure.fieldErrors, values: failure.values ?? {} }, { status });
}
