// The list behind one figure: its name in words, the period, and the people by name.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { formatDay } from "~/i18n/dates.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
import { isStepForward, readFigurePath } from "./figure-paths.ts";
import { monthName } from "./view.tsx";

/** A figure's path in the reader's words ("Started a placement", "March 2026, after 3 months: in work"). */
export function useFigureName() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  return (path: string): string => {
    const figure = readFigurePath(path);
    if (!figure) return path;
    switch (figure.kind) {
      case "funnel":
        return t(`outcomes.funnel.${figure.stage}`);
      case "retentionStarted":
        return t("outcomes.people.retentionStarted", { month: monthName(figure.cohort, language) });
      case "retention":
        return t("outcomes.people.retention", { month: monthName(figure.cohort, language), after: t(`outcomes.retention.after${figure.months}`), part: t(`outcomes.retention.${figure.part}`) });
      case "readiness":
        return t("outcomes.readiness.step", {
          from: t(`vocab.readiness.${figure.from}`),
          to: t(`vocab.readiness.${figure.to}`),
          direction: t(isStepForward(figure.from, figure.to) ? "outcomes.readiness.forward" : "outcomes.readiness.back"),
        });
      case "ending":
        return t("outcomes.people.ending", { ending: t(`checkins.endings.${figure.ending}`) });
      case "endedEarly":
        return t("outcomes.people.endedEarly", { reason: t(`checkins.earlyReasons.${figure.reason}`) });
      case "introductions":
        return figure.answer === "introduced" ? t("outcomes.introductions.introduced") : t("outcomes.people.introductionAnswer", { answer: t(`outcomes.introductions.answers.${figure.answer}`) });
      case "checkins":
        return t("outcomes.people.checkins", { part: t(`outcomes.checkins.${figure.part}`) });
    }
  };
}

export function PeopleBehind({ figure, from, to, people, menteeBase, back }: { figure: string; from: string; to: string; people: { id: string; name: string }[]; menteeBase: string; back: { href: string; label: string } }) {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const figureName = useFigureName();
  return (
    <>
      <h1>{t("outcomes.people.title", { figure: figureName(figure) })}</h1>
      <p>{t("outcomes.people.period", { from: formatDay(from, language), to: formatDay(to, language) })}</p>
      <p className="hint">{t("outcomes.people.namedNote")}</p>
      {people.length ? (
        <ul className="people-behind">
          {people.map((person) => (
            <li key={person.id}>
              <Link to={`${menteeBase}/${person.id}`}>{person.name}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("outcomes.people.none")}</p>
      )}
      <p>
        <Link to={back.href}>{back.label}</Link>
      </p>
    </>
  );
}
