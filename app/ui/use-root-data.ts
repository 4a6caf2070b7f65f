import { useRouteLoaderData } from "@remix-run/react";
import { defaultLanguage, type Language } from "~/i18n/languages.ts";

export function useCurrentLanguage() {
  return useRouteLoaderData<{ language: Language }>("root")?.language ?? defaultLanguage;
}
