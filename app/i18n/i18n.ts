import { createInstance, type i18n as I18n, type Resource, type TFunction } from "i18next";
import type { Language } from "./languages.ts";

export type Messages = Record<string, unknown>;

// One instance per language and set of messages: the server's sets are kept (messagesForSections),
// so its pages share instances instead of building one for every page.
const instances = new WeakMap<Messages, Map<Language, I18n>>();

/** A synchronous i18next instance for one language; used on the server and in the browser. */
export function createI18n(language: Language, messages: Messages): I18n {
  let byLanguage = instances.get(messages);
  if (!byLanguage) instances.set(messages, (byLanguage = new Map()));
  let instance = byLanguage.get(language);
  if (!instance) byLanguage.set(language, (instance = withPlainTextsKept(newI18n(language, messages))));
  return instance;
}

const PLAIN_TEXTS_KEPT = 5_000;

/**
 * Most texts on a page are a key alone, without options, asked again on every page;
 * i18next works each one out anew (copying all its options each time). The components' t keeps
 * those answers; a call with options (a count, a value to put in) is still worked out each time.
 */
function withPlainTextsKept(instance: I18n): I18n {
  type FixedT = ((...args: unknown[]) => string) & { lng?: unknown; ns?: unknown; keyPrefix?: unknown };
  const getFixedT = instance.getFixedT.bind(instance) as unknown as (...args: unknown[]) => FixedT;
  const kept = new Map<string, TFunction>();
  instance.getFixedT = ((...args: unknown[]) => {
    const cacheKey = JSON.stringify(args);
    let t = kept.get(cacheKey);
    if (t) return t;
    const fixedT = getFixedT(...args);
    const texts = new Map<string, string>();
    const keepingT = (key: unknown, ...rest: unknown[]) => {
      if (typeof key !== "string" || rest.length > 0) return fixedT(key, ...rest);
      let text = texts.get(key);
      if (text === undefined) {
        text = fixedT(key);
        if (texts.size < PLAIN_TEXTS_KEPT) texts.set(key, text);
      }
      return text;
    };
    t = Object.assign(keepingT, { lng: fixedT.lng, ns: fixedT.ns, keyPrefix: fixedT.keyPrefix }) as unknown as TFunction;
    kept.set(cacheKey, t);
    return t;
  }) as I18n["getFixedT"];
  return instance;
}

function newI18n(language: Language, messages: Messages): I18n {
  const instance = createInstance();
  const resources: Resource = { [language]: { translation: messages as Resource[string]["translation"] } };
  void instance.init({
    lng: language,
    fallbackLng: false,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
    // A key the page's messages lack shows as the key itself; say so where tests and developers
    // look (the browser console fails every end-to-end test). See app/i18n/sections.ts.
    parseMissingKeyHandler: (key: string, defaultValue?: string) => {
      if (defaultValue === undefined) console.error(`Missing translation: ${key} (${language}); is its section in the route's handle.i18n?`);
      return defaultValue ?? key;
    },
  });
  return instance;
}
