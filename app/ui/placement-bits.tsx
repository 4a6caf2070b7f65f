import { useTranslation } from "react-i18next";

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

export function formatDate(timestamp: number | string | Date | null | undefined, language: string) {
  if (timestamp === null || timestamp === undefined) return "";
  return new Date(timestamp).toLocaleDateString(language === "en" ? "en-GB" : language, { timeZone: "UTC" });
}
