import { useTranslation } from "~/i18n/use-translation.tsx";
import { formatDate, programmeToday } from "~/i18n/dates.ts";
import { useCurrentLanguage } from "./use-root-data.ts";

export function SupportList({ support, plain = false }: { support: string[]; plain?: boolean }) {
  const { t } = useTranslation();
  if (support.length === 0) return <p>{t("placements.noSupport")}</p>;
  return (
    <ul className={plain ? "support-list plain" : "support-list"}>
      {support.map((s) => (
        <li key={s}>
          <strong>{t(`vocab.support.${s}`)}</strong>
          {plain ? <span> — {t(`vocab.supportPlain.${s}`)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`status placement-${status}`}>{t(`vocab.status.${status}`)}</span>;
}

export { formatDate };

/**
 * When a placement starts, in words: a day to come, "by agreement" without a day, and for a day
 * that has passed "started: you can join now" (the placement is still offered, so it runs).
 */
export function useStartText() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  // Read from the clock once for a page's results, not once per result.
  let today: string | undefined;
  return (startDate: number | string | null | undefined) => {
    if (startDate === null || startDate === undefined) return t("placements.startsAnytime");
    if (new Date(startDate).toISOString().slice(0, 10) < (today ??= programmeToday())) return t("placements.startedAlready");
    return t("placements.startsOn", { date: formatDate(startDate, language) });
  };
}
