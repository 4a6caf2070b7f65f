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
  });
  return instance;
}
