// The shown figures (already through the small-number rule) as one row per figure: what the CSV
// and JSON exports write, what a frozen report's tables show, and what two versions of a report
// are compared by. Pure, so the exports, the report page and a unit test read the same rows.
import { definitions, funnelDefinition, type DefinitionId } from "./definitions.ts";
import type { Shown, ShownFigures } from "./small-numbers.ts";

export const figureSections = ["funnel", "retention", "readiness", "endings", "endedEarly", "introductions", "checkins"] as const;
export type FigureSection = (typeof figureSections)[number];

export interface FlatFigure {
  section: FigureSection;
  /** The figure's path: "funnel.started", "retention.2026-03.month3.inWork", "readiness.activity_ready>job_ready.steps". */
  id: string;
  definition: DefinitionId;
  version: number;
  value: Shown;
}

const versionOf = (id: DefinitionId) => definitions.find((d) => d.id === id)!.version;

export function flattenFigures(shown: ShownFigures): FlatFigure[] {
  const rows: FlatFigure[] = [];
  const add = (section: FigureSection, id: string, definition: DefinitionId, value: Shown) => rows.push({ section, id, definition, version: versionOf(definition), value });

  for (const [stage, value] of Object.entries(shown.funnel)) add("funnel", `funnel.${stage}`, funnelDefinition[stage] ?? "caseload", value);
  for (const cohort of shown.retention) {
    add("retention", `retention.${cohort.cohort}.started`, "retention_cohorts", cohort.started);
    for (const month of cohort.months) {
      for (const part of ["due", "inWork", "notInWork", "unknown"] as const) add("retention", `retention.${cohort.cohort}.month${month.months}.${part}`, "retention_cohorts", month[part]);
    }
  }
  for (const step of shown.readiness) {
    add("readiness", `readiness.${step.from}>${step.to}.steps`, "readiness_steps", step.steps);
    add("readiness", `readiness.${step.from}>${step.to}.medianDays`, "readiness_steps", step.medianDays);
  }
  for (const ending of shown.endings) add("endings", `endings.${ending.kind}`, "endings", ending.placements);
  for (const early of shown.endedEarly) add("endedEarly", `endedEarly.${early.reason}`, "endings", early.placements);
  add("introductions", "introductions.introduced", "introduction_answers", shown.introductions.introduced);
  for (const answer of shown.introductions.answers) add("introductions", `introductions.${answer.answer}`, "introduction_answers", answer.introductions);
  add("introductions", "introductions.medianDaysToAnswer", "introduction_answers", shown.introductions.medianDaysToAnswer);
  for (const part of ["due", "onTime", "late", "notRecorded"] as const) add("checkins", `checkins.${part}`, "checkins_on_time", shown.checkins[part]);
  return rows;
}

/** The definitions the rows were counted with (and the small-number rule), each once, in the definitions' order. */
export function definitionsUsed(rows: readonly FlatFigure[]) {
  const used = new Set<string>([...rows.map((r) => r.definition), "small_numbers"]);
  return definitions.filter((d) => used.has(d.id)).map((d) => ({ id: d.id, version: d.version, text: { ...d.text } }));
}

export interface FigureChange {
  id: string;
  section: FigureSection;
  /** undefined: the figure was not in that version (a new cohort, a new reason). */
  before: Shown | undefined;
  after: Shown | undefined;
}

/** The figures whose shown value differs between two versions, in the newer version's order (then those only the older had). */
export function changedFigures(before: readonly FlatFigure[], after: readonly FlatFigure[]): FigureChange[] {
  const old = new Map(before.map((r) => [r.id, r]));
  const now = new Map(after.map((r) => [r.id, r]));
  const changes: FigureChange[] = [];
  for (const row of after) {
    const was = old.get(row.id);
    if (!was || was.value !== row.value) changes.push({ id: row.id, section: row.section, before: was?.value, after: row.value });
  }
  for (const row of before) if (!now.has(row.id)) changes.push({ id: row.id, section: row.section, before: row.value, after: undefined });
  return changes;
}

/** The definitions whose version differs between two reports (or that only one of them used). */
export function changedDefinitions(before: readonly { id: string; version: number }[], after: readonly { id: string; version: number }[]) {
  const old = new Map(before.map((d) => [d.id, d.version]));
  const now = new Map(after.map((d) => [d.id, d.version]));
  const ids = [...new Set([...now.keys(), ...old.keys()])];
  return ids.filter((id) => old.get(id) !== now.get(id)).map((id) => ({ id, before: old.get(id), after: now.get(id) }));
}
