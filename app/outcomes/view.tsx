// How a shown figure reads on a page: a number, "fewer than 5", or a dash for a median of nobody;
// a count links to the people behind it. And each figure's definition, in the page's language.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { createContext, useContext } from "react";
import type { DefinitionId, DefinitionTexts } from "./definition-ids.ts";
import { FEWER_THAN_5, type Shown } from "./small-numbers.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";

type Unit = "count" | "days" | "percent";

/** A shown figure as plain words (a chart's description, a bar's label). */
export function useShownText() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  // A median of an even number of people can be a half: 64,5 in hr, sl and da.
  const number = (value: number) => value.toLocaleString(language === "en" ? "en-GB" : language, { maximumFractionDigits: 1 });
  return (value: Shown, unit: Unit = "count") => {
    if (value === FEWER_THAN_5) return t("outcomes.fewerThan5");
    if (value === null) return t("outcomes.nobodyToCount");
    if (unit === "percent") return t("outcomes.percent", { value });
    if (unit === "days") return t("outcomes.days", { value: number(value) });
    return number(value);
  };
}

/** A shown figure in a table: linked to the list behind it when someone stands behind it. */
export function ShownNumber({ value, href, unit = "count" }: { value: Shown; href?: string; unit?: Unit }) {
  const { t } = useTranslation();
  const text = useShownText();
  if (value === null) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t("outcomes.nobodyToCount")}</span>
      </>
    );
  }
  const shown = text(value, unit);
  const someone = value === FEWER_THAN_5 || value > 0;
  return href && someone ? <Link to={href}>{shown}</Link> : <>{shown}</>;
}

/** The definitions in the page's language, from its loader (definitionsIn). */
export const DefinitionsContext = createContext<DefinitionTexts>({});

/** How a figure is counted, in the page's language, with the definition's id and version. */
export function DefinitionText({ id, label }: { id: DefinitionId; label?: string }) {
  const { t } = useTranslation();
  const definition = useContext(DefinitionsContext)[id];
  if (!definition) return null;
  return (
    <p className="definition">
      <strong>{label ? `${label}: ` : `${t("outcomes.howCounted")} `}</strong>
      {definition.text} <small className="definition-id">{t("outcomes.definitionId", { id, version: definition.version })}</small>
    </p>
  );
}

/** A start-month cohort ("2026-03") as the reader names a month. */
export function monthName(cohort: string, language: string): string {
  return new Date(`${cohort}-01T00:00:00Z`).toLocaleDateString(language === "en" ? "en-GB" : language, { timeZone: "UTC", month: "long", year: "numeric" });
}

/** The address of the list behind a figure, for the period and programme shown. */
export function peopleLink(base: string, query: { from: string; to: string; scope?: string }, path: string): string {
  const params = new URLSearchParams({ from: query.from, to: query.to, ...(query.scope ? { scope: query.scope } : {}), figure: path });
  return `${base}?${params.toString()}`;
}
