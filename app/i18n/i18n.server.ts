import { createCookie } from "@remix-run/node";
import en from "~/locales/en.json";
import hr from "~/locales/hr.json";
import sl from "~/locales/sl.json";
import da from "~/locales/da.json";
import { createI18n, type Messages, type TFunction } from "./i18n.ts";
import { defaultLanguage, isLanguage, languageFromAcceptHeader, type Language } from "./languages.ts";

const messagesByLanguage: Record<Language, Messages> = { en, hr, sl, da };

export function messagesFor(language: Language): Messages {
  return messagesByLanguage[language];
}

const pickedMessages = new Map<string, Messages>();

/**
 * The parts of a language's messages a page needs: whole top-level sections (placements) or
 * parts of one (vocab.kind). A section that does not exist is left out (a test checks every
 * declared one exists). Kept per language and list, as the pages ask for the same lists again.
 */
export function messagesForSections(language: Language, sections: readonly string[]): Messages {
  const wanted = [...new Set(sections)].sort();
  const cacheKey = `${language}:${wanted.join(",")}`;
  let picked = pickedMessages.get(cacheKey);
  if (picked) return picked;
  picked = {};
  // A whole section already brings its parts; writing a part again would write into the whole.
  const needed = wanted.filter((section) => !wanted.some((other) => section.startsWith(`${other}.`)));
  for (const section of needed) {
    const path = section.split(".");
    let from: unknown = messagesByLanguage[language];
    for (const part of path) from = (from as Record<string, unknown> | undefined)?.[part];
    if (from === undefined) continue;
    let into = picked;
    for (const part of path.slice(0, -1)) into = (into[part] ??= {}) as Messages;
    into[path[path.length - 1]] = from;
  }
  pickedMessages.set(cacheKey, picked);
  return picked;
}

const pickedJson = new Map<Messages, string>();

/**
 * The same, written as JSON for the page (root.tsx): Remix encodes loader data for the browser
 * value by value, which for a few hundred messages cost more than the rest of a page's data; one
 * string, written once per list, costs nearly nothing. The browser reads it with parseMessages.
 */
export function messagesJsonForSections(language: Language, sections: readonly string[]): string {
  const picked = messagesForSections(language, sections);
  let json = pickedJson.get(picked);
  if (json === undefined) pickedJson.set(picked, (json = JSON.stringify(picked)));
  return json;
}

const translators = new Map<Language, TFunction>();

export function getT(language: Language): TFunction {
  let t = translators.get(language);
  if (!t) {
    t = createI18n(language, messagesFor(language)).t;
    translators.set(language, t);
  }
  return t;
}

export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/**
 * The language of a page for this person. At the desk the screen's language is the session's
 * own (it starts as the mentee's, see the desk session's cookie); her account's stays hers.
 */
export function pageLanguage(request: Request, user: { language?: string | null; desk?: unknown } | null): Promise<Language> {
  return resolveLanguage(request, user?.desk ? null : user?.language);
}

/** The account's language wins; then the language cookie; then the browser's preference. */
export async function resolveLanguage(request: Request, accountLanguage?: string | null): Promise<Language> {
  if (isLanguage(accountLanguage)) return accountLanguage;
  const fromQuery = new URL(request.url).searchParams.get("lng");
  if (isLanguage(fromQuery)) return fromQuery;
  const fromCookie = await languageCookie.parse(request.headers.get("Cookie")).catch(() => null);
  if (isLanguage(fromCookie)) return fromCookie;
  return languageFromAcceptHeader(request.headers.get("Accept-Language")) ?? defaultLanguage;
}
