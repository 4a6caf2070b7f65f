import type { TFunction } from "~/i18n/i18n.ts";
import type { FigureSection } from "./flatten.ts";
import { FEWER_THAN_5, type Shown } from "./small-numbers.ts";

// A flattened figure's id ("retention.2026-03.month3.inWork") in the reader's words, for the
// frozen report's tables. The sections whose words it uses: outcomeReports, vocab.readiness,
// checkins.endings, checkins.earlyReasons (a route showing figures declares them).

export function figureLabel(t: TFunction, id: string): string {
  const [section, ...rest] = id.split(".");
  switch (section) {
    case "funnel":
      return t(`outcomeReports.funnel.${rest[0]}`, { defaultValue: rest[0] });
    case "retention": {
      const [cohort, part, detail] = rest;
      if (part === "started") return t("outcomeReports.retention.started", { cohort });
      const months = Number(/^month(\d+)$/.exec(part ?? "")?.[1] ?? 0);
      return t(`outcomeReports.retention.${detail}`, { cohort, months, defaultValue: id });
    }
    case "readiness": {
      // "readiness.activity_ready>job_ready.steps": the step's two levels, then what is counted.
      const [step, part] = rest;
      const [from, to] = (step ?? "").split(">");
      const words = { from: t(`vocab.readiness.${from}`, { defaultValue: from }), to: t(`vocab.readiness.${to}`, { defaultValue: to }) };
      return part === "medianDays" ? t("outcomeReports.readiness.medianDays", words) : t("outcomeReports.readiness.steps", words);
    }
    case "endings":
      return t(`checkins.endings.${rest[0]}`, { defaultValue: rest[0] });
    case "endedEarly":
      return t("outcomeReports.endedEarly", { reason: t(`checkins.earlyReasons.${rest[0]}`, { defaultValue: rest[0] }) });
    case "introductions":
      return t(`outcomeReports.introductions.${rest[0]}`, { defaultValue: rest[0] });
    case "checkins":
      return t(`outcomeReports.checkins.${rest[0]}`, { defaultValue: rest[0] });
    default:
      return id;
  }
}

export function sectionLabel(t: TFunction, section: FigureSection): string {
  return t(`outcomeReports.sections.${section}`);
}

/** A shown value in words: the number, "fewer than 5", "—" for a median of nobody, or "not in this version". */
export function shownValueText(t: TFunction, value: Shown | undefined, language: string): string {
  if (value === undefined) return t("outcomeReports.notInVersion");
  if (value === FEWER_THAN_5) return t("outcomeReports.fewerThan5");
  if (value === null) return "—";
  return value.toLocaleString(language);
}
