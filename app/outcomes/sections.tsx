// The outcomes as a page shows them: one section per group of figures, each with how it is counted
// and, where it has one, a chart beside its table. The coordinator's page shows them all; a
// mentor's start page shows her funnel and check-ins.
import { useTranslation } from "~/i18n/use-translation.tsx";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
import { BarChart, RetentionChart, ScrollingTable, type BarRow } from "./charts.tsx";
import { funnelDefinition } from "./definition-ids.ts";
import { isStepForward } from "./figure-paths.ts";
import { funnelStages } from "./vocabulary.ts";
import { shownShare, type ShownFigures } from "./small-numbers.ts";
import { DefinitionText, monthName, ShownNumber } from "./view.tsx";

/** The address of the list behind a figure's path, or none where the page links to no lists. */
export type LinkTo = (path: string) => string | undefined;

interface SectionProps {
  figures: ShownFigures;
  linkTo: LinkTo;
  /** Keeps the ids of two pages' sections apart. */
  idPrefix: string;
  headingLevel?: "h2" | "h3";
}

export function FunnelSection({ figures, linkTo, idPrefix, headingLevel: Heading = "h2" }: SectionProps) {
  const { t } = useTranslation();
  const rows: BarRow[] = funnelStages.map((stage) => ({ key: stage, label: t(`outcomes.funnel.${stage}`), value: figures.funnel[stage], href: linkTo(`funnel.${stage}`) }));
  const definitionIds = [...new Set(funnelStages.map((stage) => funnelDefinition[stage]))];
  const id = `${idPrefix}funnel`;
  return (
    <section aria-labelledby={`${id}-heading`} className="outcome-section">
      <Heading id={`${id}-heading`}>{t("outcomes.funnel.title")}</Heading>
      <BarChart id={`${id}-chart`} title={t("outcomes.funnel.chartTitle")} caption={t("outcomes.funnel.caption")} rows={rows} headers={{ label: t("outcomes.funnel.stage"), value: t("outcomes.peopleCount") }} />
      <div className="definitions">
        {definitionIds.map((definitionId) => (
          <DefinitionText
            key={definitionId}
            id={definitionId}
            label={funnelStages
              .filter((stage) => funnelDefinition[stage] === definitionId)
              .map((stage) => t(`outcomes.funnel.${stage}`))
              .join(", ")}
          />
        ))}
      </div>
    </section>
  );
}

export function RetentionSection({ figures, linkTo, idPrefix }: SectionProps) {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const id = `${idPrefix}retention`;
  const cohorts = figures.retention.map((c) => ({
    cohort: c.cohort,
    label: monthName(c.cohort, language),
    started: c.started,
    startedHref: linkTo(`retention.${c.cohort}.started`),
    months: c.months.map((m) => ({
      months: m.months,
      due: m.due,
      inWork: m.inWork,
      notInWork: m.notInWork,
      unknown: m.unknown,
      share: shownShare(m.inWork, m.due),
      hrefs: {
        due: linkTo(`retention.${c.cohort}.${m.months}.due`),
        inWork: linkTo(`retention.${c.cohort}.${m.months}.inWork`),
        notInWork: linkTo(`retention.${c.cohort}.${m.months}.notInWork`),
        unknown: linkTo(`retention.${c.cohort}.${m.months}.unknown`),
      },
    })),
  }));
  return (
    <section aria-labelledby={`${id}-heading`} className="outcome-section">
      <h2 id={`${id}-heading`}>{t("outcomes.retention.title")}</h2>
      <DefinitionText id="retention_cohorts" />
      <DefinitionText id="in_work" label={t("outcomes.retention.inWork")} />
      {cohorts.length ? <RetentionChart id={`${id}-chart`} title={t("outcomes.retention.chartTitle")} caption={t("outcomes.retention.caption")} cohorts={cohorts} /> : <p>{t("outcomes.retention.none")}</p>}
    </section>
  );
}

export function ReadinessSection({ figures, linkTo, idPrefix }: SectionProps) {
  const { t } = useTranslation();
  const id = `${idPrefix}readiness`;
  const rows: BarRow[] = figures.readiness.map((step) => {
    const forward = isStepForward(step.from, step.to);
    return {
      key: `${step.from}>${step.to}`,
      label: t("outcomes.readiness.step", {
        from: t(`vocab.readiness.${step.from}`),
        to: t(`vocab.readiness.${step.to}`),
        direction: t(forward ? "outcomes.readiness.forward" : "outcomes.readiness.back"),
      }),
      value: step.steps,
      href: linkTo(`readiness.${step.from}>${step.to}`),
      hatched: !forward,
      extra: <ShownNumber value={step.medianDays} unit="days" />,
    };
  });
  return (
    <section aria-labelledby={`${id}-heading`} className="outcome-section">
      <h2 id={`${id}-heading`}>{t("outcomes.readiness.title")}</h2>
      <DefinitionText id="readiness_steps" />
      <BarChart
        id={`${id}-chart`}
        title={t("outcomes.readiness.chartTitle")}
        caption={t("outcomes.readiness.caption")}
        rows={rows}
        headers={{ label: t("outcomes.readiness.stepHeader"), value: t("outcomes.readiness.steps"), extra: t("outcomes.readiness.medianDays") }}
      />
    </section>
  );
}

export function EndingsSection({ figures, linkTo, idPrefix }: SectionProps) {
  const { t } = useTranslation();
  const id = `${idPrefix}endings`;
  return (
    <section aria-labelledby={`${id}-heading`} className="outcome-section">
      <h2 id={`${id}-heading`}>{t("outcomes.endings.title")}</h2>
      <DefinitionText id="endings" />
      <ScrollingTable id={`${id}-kinds`} caption={t("outcomes.endings.byKind")}>
        <thead>
          <tr>
            <th scope="col">{t("outcomes.endings.kind")}</th>
            <th scope="col">{t("outcomes.endings.placements")}</th>
          </tr>
        </thead>
        <tbody>
          {figures.endings.map((e) => (
            <tr key={e.kind}>
              <th scope="row">{t(`checkins.endings.${e.kind}`)}</th>
              <td>
                <ShownNumber value={e.placements} href={linkTo(`endings.${e.kind}`)} />
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
      {figures.endedEarly.length ? (
        <ScrollingTable id={`${id}-early`} caption={t("outcomes.endings.earlyByReason")}>
          <thead>
            <tr>
              <th scope="col">{t("outcomes.endings.reason")}</th>
              <th scope="col">{t("outcomes.endings.placements")}</th>
            </tr>
          </thead>
          <tbody>
            {figures.endedEarly.map((e) => (
              <tr key={e.reason}>
                <th scope="row">{t(`checkins.earlyReasons.${e.reason}`)}</th>
                <td>
                  <ShownNumber value={e.placements} href={linkTo(`endedEarly.${e.reason}`)} />
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      ) : (
        <p>{t("outcomes.endings.noneEarly")}</p>
      )}
    </section>
  );
}

export function IntroductionsSection({ figures, linkTo, idPrefix }: SectionProps) {
  const { t } = useTranslation();
  const id = `${idPrefix}introductions`;
  const { introduced, answers, medianDaysToAnswer } = figures.introductions;
  return (
    <section aria-labelledby={`${id}-heading`} className="outcome-section">
      <h2 id={`${id}-heading`}>{t("outcomes.introductions.title")}</h2>
      <DefinitionText id="introduction_answers" />
      <ScrollingTable id={`${id}-answers`} caption={t("outcomes.introductions.byAnswer")}>
        <thead>
          <tr>
            <th scope="col">{t("outcomes.introductions.answer")}</th>
            <th scope="col">{t("outcomes.introductions.count")}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t("outcomes.introductions.introduced")}</th>
            <td>
              <ShownNumber value={introduced} href={linkTo(["introductions", "introduced"].join("."))} />
            </td>
          </tr>
          {answers.map((a) => (
            <tr key={a.answer}>
              <th scope="row">{t(`outcomes.introductions.answers.${a.answer}`)}</th>
              <td>
                <ShownNumber value={a.introductions} href={linkTo(["introductions", a.answer].join("."))} />
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t("outcomes.introductions.medianDays")}</th>
            <td>
              <ShownNumber value={medianDaysToAnswer} unit="days" />
            </td>
          </tr>
        </tbody>
      </ScrollingTable>
    </section>
  );
}

export function CheckinsSection({ figures, linkTo, idPrefix, headingLevel: Heading = "h2" }: SectionProps) {
  const { t } = useTranslation();
  const id = `${idPrefix}checkins`;
  const parts = ["due", "onTime", "late", "notRecorded"] as const;
  return (
    <section aria-labelledby={`${id}-heading`} className="outcome-section">
      <Heading id={`${id}-heading`}>{t("outcomes.checkins.title")}</Heading>
      <DefinitionText id="checkins_on_time" />
      <ScrollingTable id={`${id}-table`} caption={t("outcomes.checkins.caption")}>
        <thead>
          <tr>
            <th scope="col">{t("outcomes.checkins.kind")}</th>
            <th scope="col">{t("outcomes.checkins.count")}</th>
          </tr>
        </thead>
        <tbody>
          {parts.map((part) => (
            <tr key={part}>
              <th scope="row">{t(`outcomes.checkins.${part}`)}</th>
              <td>
                <ShownNumber value={figures.checkins[part]} href={linkTo(["checkins", part].join("."))} />
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
    </section>
  );
}
