import { createInstance, type i18n as I18n, type Resource } from "i18next";
import type { Language } from "./languages.ts";

export type Messages = Record<string, unknown>;

/** A synchronous i18next instance for one language; used on the server and in the browser. */
export function createI18n(language: Language, messages: Messages): I18n {
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
