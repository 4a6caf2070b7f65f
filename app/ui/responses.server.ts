import { data, type HeadersFunction } from "@remix-run/node";
import type { Language } from "~/i18n/languages.ts";
import { waitInWords } from "~/i18n/wait.ts";

/** Refuses someone who may not do this: the shared error page answers 403, in the reader's language. */
export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

/** Something that is not there, or not there for this person: the shared error page answers 404. */
export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/**
 * A request the page cannot answer as asked (a download without its kind, a period no page shows):
 * the shared error page answers 400 and names the problem, a message key ("errorPages.exportNeedsKind").
 */
export function badRequest(message: string): never {
  // A Response (not data()): resource routes (downloads) may throw only these.
  throw Response.json({ message }, { status: 400 });
}

export type FormFailure = {
  fieldErrors: Record<string, string>;
  values?: Record<string, string>;
  /** Set when a limit refused the form: answered with Retry-After, and the wait named in the message. */
  retryAfterMs?: number;
  language?: Language;
  /** What the refused form was about, for a page shown again that might not list it (a list's other page). */
  subject?: Record<string, unknown>;
};

/**
 * A form that did not validate: 400, with field errors as translation keys. A form refused by a
 * limit is 429 with Retry-After (503 when the limit cannot be checked); its message may name the
 * wait as {{when}}, in the reader's language.
 */
export function formFailure(failure: FormFailure) {
  const form = failure.fieldErrors.form;
  const status = form === "errors.limitUnavailable" ? 503 : form === "errors.rateLimited" || failure.retryAfterMs !== undefined ? 429 : 400;
  const retryAfterMs = failure.retryAfterMs;
  const messageParams: Record<string, string> = retryAfterMs === undefined ? {} : { when: waitInWords(failure.language ?? "en", retryAfterMs) };
  const headers: HeadersInit = retryAfterMs === undefined ? {} : { "Retry-After": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) };
  return data({ ok: false as const, fieldErrors: failure.fieldErrors, values: failure.values ?? {}, messageParams, ...(failure.subject ? { subject: failure.subject } : {}) }, { status, headers });
}

/** A route's `headers`: passes a limit's Retry-After from its action on to the page (Remix keeps only cookies by itself). */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};
