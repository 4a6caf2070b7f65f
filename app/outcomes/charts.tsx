// The outcomes charts, drawn on the server as SVG: no script, readable in print and by a screen
// reader (a title and a sentence of the numbers), each with its numbers as a table beside it. A
// figure shown as "fewer than 5" draws no bar. Bars differ by pattern and by their words, never by
// colour alone.
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { FEWER_THAN_5, type Shown } from "./small-numbers.ts";
import { ShownNumber, useShownText } from "./view.tsx";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";

export interface BarRow {
  key: string;
  label: string;
  value: Shown;
  /** The list behind the number, when it has one. */
  href?: string;
  /** A bar drawn hatched (a step back): its label says so too. */
  hatched?: boolean;
  /** A further column of the table (a median). */
  extra?: ReactNode;
}

const barColour = "#0b4f8a";

function Patterns({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#ffffff" />
        <line x1="0" y1="0" x2="0" y2="6" stroke={barColour} strokeWidth="3" />
      </pattern>
      <pattern id={`${id}-dots`} width="5" height="5" patternUnits="userSpaceOnUse">
        <rect width="5" height="5" fill="#ffffff" />
        <circle cx="2.5" cy="2.5" r="1.6" fill={barColour} />
      </pattern>
    </defs>
  );
}

const fills = (id: string) => [barColour, `url(#${id}-hatch)`, `url(#${id}-dots)`];

/** A chart's frame: the figure, its caption, the drawing with its title and description, and the table. */
function ChartFigure({ id, title, description, caption, viewBox, drawing, table }: { id: string; title: string; description: string; caption: ReactNode; viewBox: string; drawing: ReactNode; table: ReactNode }) {
  return (
    <figure className="chart" id={id}>
      <figcaption>{caption}</figcaption>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={viewBox} className="chart-drawing" preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <Patterns id={id} />
        {drawing}
      </svg>
      {table}
    </figure>
  );
}

/** A table that scrolls sideways on a narrow screen, reachable by keyboard. */
export function ScrollingTable({ id, caption, children }: { id: string; caption: string; children: ReactNode }) {
  return (
    // A region that scrolls must take keyboard focus, or a keyboard user cannot scroll it (axe: scrollable-region-focusable).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-scroll" role="region" tabIndex={0} aria-labelledby={`${id}-caption`}>
      <table className="figures">
        <caption id={`${id}-caption`}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

const numeric = (value: Shown): number | null => (typeof value === "number" ? value : null);

/** Horizontal bars, one row each, a label above each bar (the funnel, the readiness steps). */
export function BarChart({ id, title, caption, rows, headers }: { id: string; title: string; caption: ReactNode; rows: BarRow[]; headers: { label: string; value: string; extra?: string } }) {
  const text = useShownText();
  // Wide enough for the longest label above its bar (about 8 units a character at this size): a
  // Croatian step "… (naprijed)" is longer than an English one.
  const width = Math.max(360, ...rows.map((r) => Math.ceil(r.label.length * 8.2) + 10));
  const rowHeight = 50;
  const longest = Math.max(1, ...rows.map((r) => numeric(r.value) ?? 0));
  const description = `${rows.map((r) => `${r.label}: ${text(r.value)}`).join("; ")}.`;
  const drawing = rows.map((row, i) => {
    const top = i * rowHeight;
    const value = numeric(row.value);
    const barWidth = value === null ? 0 : Math.max(value > 0 ? 2 : 0, Math.round((value / longest) * 230));
    return (
      <g key={row.key}>
        <text x="0" y={top + 16} fontSize="15" fill="#1b1b1f">
          {row.label}
        </text>
        {barWidth > 0 ? <rect x="0" y={top + 23} width={barWidth} height="18" fill={row.hatched ? `url(#${id}-hatch)` : barColour} stroke={barColour} strokeWidth="1" /> : null}
        <text x={barWidth + 6} y={top + 38} fontSize="15" fill="#1b1b1f">
          {text(row.value)}
        </text>
      </g>
    );
  });
  return (
    <ChartFigure
      id={id}
      title={title}
      description={description}
      caption={caption}
      viewBox={`0 0 ${width} ${rows.length * rowHeight}`}
      drawing={drawing}
      table={
        <ScrollingTable id={`${id}-table`} caption={title}>
          <thead>
            <tr>
              <th scope="col">{headers.label}</th>
              <th scope="col">{headers.value}</th>
              {headers.extra ? <th scope="col">{headers.extra}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td>
                  <ShownNumber value={row.value} href={row.href} />
                </td>
                {headers.extra ? <td>{row.extra}</td> : null}
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      }
    />
  );
}

export interface RetentionColumn {
  months: number;
  due: Shown;
  inWork: Shown;
  notInWork: Shown;
  unknown: Shown;
  /** Share in work of those who reached that point, in percent. */
  share: Shown;
  hrefs: { due?: string; inWork?: string; notInWork?: string; unknown?: string };
}
export interface RetentionCohort {
  cohort: string;
  label: string;
  started: Shown;
  startedHref?: string;
  months: RetentionColumn[];
}

/** Share still in work after 1, 3 and 6 months, a group of three bars per start-month cohort. */
export function RetentionChart({ id, title, caption, cohorts }: { id: string; title: string; caption: ReactNode; cohorts: RetentionCohort[] }) {
  const { t } = useTranslation();
  const text = useShownText();
  const monthsLabel = (months: number) => t(`outcomes.retention.after${months}`);
  const language = useCurrentLanguage();
  const shortMonth = (cohort: string) => new Date(`${cohort}-01T00:00:00Z`).toLocaleDateString(language === "en" ? "en-GB" : language, { timeZone: "UTC", month: "short" });
  const left = 46;
  const bar = 24;
  const group = bar * 3 + 22;
  const plotTop = 10;
  const plotHeight = 150;
  const width = Math.max(360, left + cohorts.length * group + 10);
  const height = plotTop + plotHeight + 58;
  const percent = (value: Shown) => (typeof value === "number" ? t("outcomes.percent", { value }) : text(value));
  const description = cohorts.length ? `${cohorts.map((c) => `${c.label}: ${c.months.map((m) => `${monthsLabel(m.months)} ${percent(m.share)}`).join(", ")}`).join("; ")}.` : t("outcomes.retention.none");
  const drawing = (
    <>
      {[0, 50, 100].map((tick) => {
        const y = plotTop + plotHeight - (tick / 100) * plotHeight;
        return (
          <g key={tick}>
            <line x1={left - 4} x2={width - 4} y1={y} y2={y} stroke="#c9ced8" strokeWidth="1" />
            <text x={left - 6} y={y + 5} fontSize="13" textAnchor="end" fill="#1b1b1f">
              {t("outcomes.percent", { value: tick })}
            </text>
          </g>
        );
      })}
      {cohorts.map((c, i) => {
        const x0 = left + i * group + 6;
        return (
          <g key={c.cohort}>
            {c.months.map((m, j) => {
              const share = numeric(m.share);
              const barHeight = share === null ? 0 : Math.round((share / 100) * plotHeight);
              const x = x0 + j * bar;
              return (
                <g key={m.months}>
                  {barHeight > 0 ? <rect x={x} y={plotTop + plotHeight - barHeight} width={bar - 3} height={barHeight} fill={fills(id)[j]} stroke={barColour} strokeWidth="1" /> : null}
                  {m.share === FEWER_THAN_5 ? (
                    <text x={x + (bar - 3) / 2} y={plotTop + plotHeight - 4} fontSize="11" textAnchor="middle" fill="#1b1b1f">
                      {"<5"}
                    </text>
                  ) : null}
                  <text x={x + (bar - 3) / 2} y={plotTop + plotHeight + 16} fontSize="13" textAnchor="middle" fill="#1b1b1f">
                    {m.months}
                  </text>
                </g>
              );
            })}
            {/* The month short and the year below it: a whole month's name is wider than its bars (the table names it in full). */}
            <text x={x0 + (bar * 3) / 2} y={plotTop + plotHeight + 34} fontSize="13" textAnchor="middle" fill="#1b1b1f">
              {shortMonth(c.cohort)}
            </text>
            <text x={x0 + (bar * 3) / 2} y={plotTop + plotHeight + 49} fontSize="13" textAnchor="middle" fill="#1b1b1f">
              {c.cohort.slice(0, 4)}
            </text>
          </g>
        );
      })}
    </>
  );
  return (
    <ChartFigure
      id={id}
      title={title}
      description={description}
      caption={
        <>
          {caption}
          <span className="chart-legend">{t("outcomes.retention.legend")}</span>
        </>
      }
      viewBox={`0 0 ${width} ${height}`}
      drawing={drawing}
      table={
        <ScrollingTable id={`${id}-table`} caption={title}>
          <thead>
            <tr>
              <th scope="col">{t("outcomes.retention.cohort")}</th>
              <th scope="col">{t("outcomes.retention.started")}</th>
              <th scope="col">{t("outcomes.retention.after")}</th>
              <th scope="col">{t("outcomes.retention.due")}</th>
              <th scope="col">{t("outcomes.retention.inWork")}</th>
              <th scope="col">{t("outcomes.retention.notInWork")}</th>
              <th scope="col">{t("outcomes.retention.unknown")}</th>
              <th scope="col">{t("outcomes.retention.share")}</th>
            </tr>
          </thead>
          {cohorts.map((c) => (
            <tbody key={c.cohort}>
              {c.months.map((m, j) => (
                <tr key={m.months}>
                  {j === 0 ? (
                    <>
                      <th scope="rowgroup" rowSpan={c.months.length}>
                        {c.label}
                      </th>
                      <td rowSpan={c.months.length}>
                        <ShownNumber value={c.started} href={c.startedHref} />
                      </td>
                    </>
                  ) : null}
                  <th scope="row">{monthsLabel(m.months)}</th>
                  <td>
                    <ShownNumber value={m.due} href={m.hrefs.due} />
                  </td>
                  <td>
                    <ShownNumber value={m.inWork} href={m.hrefs.inWork} />
                  </td>
                  <td>
                    <ShownNumber value={m.notInWork} href={m.hrefs.notInWork} />
                  </td>
                  <td>
                    <ShownNumber value={m.unknown} href={m.hrefs.unknown} />
                  </td>
                  <td>
                    <ShownNumber value={m.share} unit="percent" />
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </ScrollingTable>
      }
    />
  );
}
