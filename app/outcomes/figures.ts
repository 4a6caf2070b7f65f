// The programme's figures, counted from the ledger's events (app/ledger/events.ts) and nothing
// else: the outcomes page, the mentor's own figures, the exports, the frozen reports and the public
// figures all call countFigures. Pure, so a unit test and the benchmark run the same code. Each
// figure's definition is in definitions.ts; its id is the figure's key here.
import type { LedgerFact } from "~/ledger/events.ts";

export type Scope = { kind: "all" } | { kind: "organisation"; id: string } | { kind: "country"; code: string } | { kind: "mentor"; id: string };

export interface FigureQuery {
  /** First and last day of the period, inclusive ("YYYY-MM-DD"). */
  from: string;
  to: string;
  /** Today in the programme: what has not happened by then is not yet due. */
  today: string;
  scope: Scope;
}

/** A number and how many different people stand behind it (the small-number rule reads `people`). */
export interface Figure {
  value: number;
  people: number;
}
export interface Median {
  /** Days, or null when nobody stands behind it. */
  value: number | null;
  people: number;
}

import { endingKinds, funnelStages, introductionAnswers, readinessLevels, retentionMonths, type FunnelStage } from "./vocabulary.ts";

export { endingKinds, funnelStages, introductionAnswers, readinessLevels, retentionMonths, type FunnelStage };
/** A check-in recorded within this many days after its due day is on time. */
export const ON_TIME_GRACE_DAYS = 7;

export interface Figures {
  query: FigureQuery;
  funnel: Record<FunnelStage, Figure>;
  retention: { cohort: string; started: Figure; months: { months: number; due: Figure; inWork: Figure; notInWork: Figure; unknown: Figure }[] }[];
  readiness: { from: string; to: string; steps: Figure; medianDays: Median }[];
  endings: { kind: string; placements: Figure }[];
  endedEarly: { reason: string; placements: Figure }[];
  introductions: { introduced: Figure; answers: { answer: string; introductions: Figure }[]; medianDaysToAnswer: Median };
  checkins: { due: Figure; onTime: Figure; late: Figure; notRecorded: Figure };
}

/** The people behind each figure, by the figure's path ("funnel.started", "endedEarly.health"): the list a figure links to. */
export type FigureLists = Map<string, Set<string>>;

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const addDays = (day: string, days: number) => new Date((dayNumber(day) + days) * DAY_MS).toISOString().slice(0, 10);
/** The same day `months` later; the month's last day when it is shorter. */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split("-").map(Number);
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + months, Math.min(date, lastDay))).toISOString().slice(0, 10);
}
function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function matchesScope(scope: Scope, fact: Pick<LedgerFact, "mentorId" | "organisationId" | "country">): boolean {
  switch (scope.kind) {
    case "all":
      return true;
    case "organisation":
      return fact.organisationId === scope.id;
    case "country":
      return fact.country === scope.code;
    case "mentor":
      return fact.mentorId === scope.id;
  }
}

/** Counts people and placements; `add` remembers who stands behind which figure. */
class Tally {
  readonly lists: FigureLists = new Map();
  private counts = new Map<string, number>();
  add(path: string, menteeId: string, count = 1) {
    let people = this.lists.get(path);
    if (!people) this.lists.set(path, (people = new Set()));
    people.add(menteeId);
    this.counts.set(path, (this.counts.get(path) ?? 0) + count);
  }
  /** Counts people (each once). */
  people(path: string): Figure {
    const size = this.lists.get(path)?.size ?? 0;
    return { value: size, people: size };
  }
  /** Counts events (a placement, a step), with the people behind them. */
  events(path: string): Figure {
    return { value: this.counts.get(path) ?? 0, people: this.lists.get(path)?.size ?? 0 };
  }
}

interface FollowUpFacts {
  menteeId: string;
  started?: LedgerFact;
  /** The latest answer for each milestone ("month3" → yes/no). */
  answers: Map<string, string>;
  /** How it ended, the first time (a repeated ending changes nothing). */
  ended?: LedgerFact;
}

interface CheckinFacts {
  due?: LedgerFact;
  cancelled: boolean;
  doneDay?: string;
}

export function countFigures(facts: readonly LedgerFact[], query: FigureQuery): { figures: Figures; lists: FigureLists } {
  const { from, to, today, scope } = query;
  const inPeriod = (day: string) => day >= from && day <= to;
  const counts = (fact: LedgerFact) => inPeriod(fact.day) && matchesScope(scope, fact);
  const tally = new Tally();

  const leads = new Map<string, LedgerFact[]>();
  const lastReadinessDay = new Map<string, string>();
  const readinessWaits = new Map<string, number[]>();
  const followUps = new Map<string, FollowUpFacts>();
  const introductions = new Map<string, { introduced?: LedgerFact; answer?: LedgerFact }>();
  const checkins = new Map<string, CheckinFacts>();

  for (const fact of facts) {
    const m = fact.menteeId;
    switch (fact.kind) {
      case "joined":
      case "handover":
        if (fact.kind === "joined" && leads.has(m)) break;
        pushTo(leads, m, fact);
        if (fact.kind === "joined") lastReadinessDay.set(m, fact.day);
        break;
      case "readiness": {
        if (counts(fact) && fact.from && fact.to && fact.from !== fact.to) {
          const path = `readiness.${fact.from}>${fact.to}`;
          tally.add(path, m);
          const since = lastReadinessDay.get(m);
          if (since) pushTo(readinessWaits, path, dayNumber(fact.day) - dayNumber(since));
        }
        lastReadinessDay.set(m, fact.day);
        break;
      }
      case "proposed":
        if (counts(fact)) tally.add("funnel.proposed", m);
        break;
      case "introduced":
        if (fact.ref) introductions.set(fact.ref, { ...introductions.get(fact.ref), introduced: introductions.get(fact.ref)?.introduced ?? fact });
        if (counts(fact)) tally.add("funnel.introduced", m);
        break;
      case "answered":
        if (fact.ref && !introductions.get(fact.ref)?.answer) introductions.set(fact.ref, { ...introductions.get(fact.ref), answer: fact });
        break;
      case "started": {
        if (!fact.ref) break;
        const followUp: FollowUpFacts = followUps.get(fact.ref) ?? { menteeId: m, answers: new Map<string, string>() };
        if (followUp.started) break;
        followUp.started = fact;
        followUps.set(fact.ref, followUp);
        if (counts(fact)) tally.add("funnel.started", m);
        break;
      }
      case "in_work":
        if (fact.ref && fact.milestone && fact.status) {
          const followUp: FollowUpFacts = followUps.get(fact.ref) ?? { menteeId: m, answers: new Map<string, string>() };
          followUp.answers.set(fact.milestone, fact.status);
          followUps.set(fact.ref, followUp);
        }
        break;
      case "ended":
        if (fact.ref && fact.status) {
          const followUp: FollowUpFacts = followUps.get(fact.ref) ?? { menteeId: m, answers: new Map<string, string>() };
          followUp.ended ??= fact;
          followUps.set(fact.ref, followUp);
        }
        if (!counts(fact) || !fact.status) break;
        tally.add(`endings.${fact.status}`, m);
        if (fact.status === "completed" || fact.status === "hired") tally.add("funnel.completed_or_hired", m);
        if (fact.status === "ended_early") tally.add(`endedEarly.${fact.reason || "other"}`, m);
        break;
      case "checkin_due":
        if (fact.ref) checkins.set(fact.ref, { ...(checkins.get(fact.ref) ?? { cancelled: false }), due: fact, cancelled: false });
        break;
      case "checkin_cancelled":
        if (fact.ref) checkins.set(fact.ref, { ...(checkins.get(fact.ref) ?? {}), cancelled: true });
        break;
      case "checkin_done":
        if (fact.ref) checkins.set(fact.ref, { ...(checkins.get(fact.ref) ?? { cancelled: false }), doneDay: fact.day });
        break;
    }
  }

  // Each mentee's leads in day order: who had her on which day.
  const leadTimelines = new Map<string, LedgerFact[]>();
  for (const [m, timeline] of leads) leadTimelines.set(m, [...timeline].sort((a, b) => (a.day === b.day ? a.seq - b.seq : a.day < b.day ? -1 : 1)));
  const leadOn = (m: string, day: string): LedgerFact | undefined => {
    let lead: LedgerFact | undefined;
    for (const entry of leadTimelines.get(m) ?? []) {
      if (entry.day > day) break;
      lead = entry;
    }
    return lead;
  };

  // In the caseload: joined by the period's end, with a lead in the scope for part of the period.
  for (const [m, sorted] of leadTimelines) {
    const inCaseload = sorted.some((lead, i) => {
      const until = sorted[i + 1]?.day;
      return lead.day <= to && (until === undefined || until > from) && matchesScope(scope, lead);
    });
    if (inCaseload) tally.add("funnel.caseload", m);
  }

  // Still in work N months after a start in the period: the answer at the first month's check-in at or after N months.
  const cohorts = new Map<string, FollowUpFacts[]>();
  for (const followUp of followUps.values()) {
    const start = followUp.started;
    if (!start || !counts(start)) continue;
    const cohort = start.day.slice(0, 7);
    pushTo(cohorts, cohort, followUp);
    tally.add(`retention.${cohort}.started`, followUp.menteeId);
    for (const months of retentionMonths) {
      if (addMonths(start.day, months) > today) continue;
      const answer = inWorkAfter(start.day, followUp.answers, followUp.ended, months);
      tally.add(`retention.${cohort}.${months}.due`, followUp.menteeId);
      const path = answer === "yes" ? "inWork" : answer === "no" ? "notInWork" : "unknown";
      tally.add(`retention.${cohort}.${months}.${path}`, followUp.menteeId);
      if (answer === "yes") tally.add(`funnel.in_work_${months}`, followUp.menteeId);
    }
  }

  const answerWaits: number[] = [];
  for (const { introduced, answer } of introductions.values()) {
    if (!introduced || !counts(introduced)) continue;
    tally.add("introductions.introduced", introduced.menteeId);
    tally.add(`introductions.${answer?.status ?? "no_answer"}`, introduced.menteeId);
    if (!answer) continue;
    tally.add("introductions.answered", introduced.menteeId);
    answerWaits.push(dayNumber(answer.day) - dayNumber(introduced.day));
  }

  // A check-in counts for the lead who has her on its due day: a handover moves her open check-ins to the new mentor.
  const lastDue = to < today ? to : today;
  for (const checkin of checkins.values()) {
    const due = checkin.due;
    if (!due?.dueDay || checkin.cancelled || due.dueDay < from || due.dueDay > lastDue || !matchesScope(scope, leadOn(due.menteeId, due.dueDay) ?? due)) continue;
    tally.add("checkins.due", due.menteeId);
    if (checkin.doneDay) tally.add(checkin.doneDay <= addDays(due.dueDay, ON_TIME_GRACE_DAYS) ? "checkins.onTime" : "checkins.late", due.menteeId);
    else tally.add("checkins.notRecorded", due.menteeId);
  }

  const figures: Figures = {
    query,
    funnel: Object.fromEntries(funnelStages.map((stage) => [stage, tally.people(`funnel.${stage}`)])) as Record<FunnelStage, Figure>,
    retention: [...cohorts.keys()].sort().map((cohort) => ({
      cohort,
      started: tally.events(`retention.${cohort}.started`),
      months: retentionMonths.map((months) => ({
        months,
        due: tally.events(`retention.${cohort}.${months}.due`),
        inWork: tally.events(`retention.${cohort}.${months}.inWork`),
        notInWork: tally.events(`retention.${cohort}.${months}.notInWork`),
        unknown: tally.events(`retention.${cohort}.${months}.unknown`),
      })),
    })),
    readiness: readinessLevels.flatMap((fromLevel) =>
      readinessLevels
        .filter((toLevel) => toLevel !== fromLevel)
        .map((toLevel) => {
          const path = `readiness.${fromLevel}>${toLevel}`;
          const steps = tally.events(path);
          return { from: fromLevel, to: toLevel, steps, medianDays: { value: median(readinessWaits.get(path) ?? []), people: steps.people } };
        }),
    ),
    endings: endingKinds.map((kind) => ({ kind, placements: tally.events(`endings.${kind}`) })),
    endedEarly: [...tally.lists.keys()]
      .filter((path) => path.startsWith("endedEarly."))
      .sort()
      .map((path) => ({ reason: path.slice("endedEarly.".length), placements: tally.events(path) })),
    introductions: {
      introduced: tally.events("introductions.introduced"),
      answers: introductionAnswers.map((answer) => ({ answer, introductions: tally.events(`introductions.${answer}`) })),
      medianDaysToAnswer: { value: median(answerWaits), people: tally.people("introductions.answered").people },
    },
    checkins: { due: tally.events("checkins.due"), onTime: tally.events("checkins.onTime"), late: tally.events("checkins.late"), notRecorded: tally.events("checkins.notRecorded") },
  };
  return { figures, lists: tally.lists };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Endings that leave the person out of work: a placement that ended so before N months was not kept for N months. */
const endingsOutOfWork = ["ended_early", "education"];

/**
 * Whether a placement that started on `startDay` was still in work after `months` months: "no"
 * when it ended early (or for education) before that point; else the answer at the first monthly
 * check-in at or after that point; otherwise unknown.
 */
export function inWorkAfter(startDay: string, answers: Map<string, string>, ended: Pick<LedgerFact, "day" | "status"> | undefined, months: number): "yes" | "no" | undefined {
  // An ending before the point wins over an answer: a "still in work" recorded early (before its
  // check-in was due) says nothing about a month the placement did not reach.
  if (ended?.status && endingsOutOfWork.includes(ended.status) && ended.day < addMonths(startDay, months)) return "no";
  const answer = answerAtOrAfter(answers, months);
  if (answer === "yes" || answer === "no") return answer;
  return undefined;
}

export function answerAtOrAfter(answers: Map<string, string>, months: number): string | undefined {
  let best: { months: number; answer: string } | undefined;
  for (const [milestone, answer] of answers) {
    const match = /^month(\d+)$/.exec(milestone);
    if (!match) continue;
    const at = Number(match[1]);
    if (at >= months && (!best || at < best.months)) best = { months: at, answer };
  }
  return best?.answer;
}
