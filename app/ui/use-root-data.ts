import { useRouteLoaderData } from "@remix-run/react";
import type { RootData } from "~/root.tsx";
import { defaultLanguage } from "~/i18n/languages.ts";

export function useCurrentLanguage() {
  return useRouteLoaderData<RootData>("root")?.language ?? defaultLanguage;
}
