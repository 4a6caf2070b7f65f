import type { TFunction } from "~/i18n/i18n.ts";

/** The programme a report is about, in the reader's words: all, a country, or the organisation's name as it was. (Words in outcomeReports and countries.) */
export function scopeText(t: TFunction, scope: string, label: string): string {
  if (scope === "all") return t("outcomeReports.scopeAll");
  if (scope.startsWith("country:")) return t(`countries.${scope.slice("country:".length)}`, { defaultValue: label || scope });
  return label || t("outcomeReports.scopeUnknownOrganisation");
}
