import { createContext, useContext, type ReactNode } from "react";
import { createI18n, type Translator } from "./i18n.ts";
import { defaultLanguage } from "./languages.ts";

const TranslatorContext = createContext<Translator>(createI18n(defaultLanguage, {}));

/** The page's messages (root.tsx gives them to every page). */
export function TranslationProvider({ translator, children }: { translator: Translator; children: ReactNode }) {
  return <TranslatorContext.Provider value={translator}>{children}</TranslatorContext.Provider>;
}

/** `const { t } = useTranslation()`, as with react-i18next, which this replaces. */
export function useTranslation() {
  const i18n = useContext(TranslatorContext);
  return { t: i18n.t, i18n };
}
