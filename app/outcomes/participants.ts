// One row per participant for a funder's file, derived from the ledger's facts the way the
// figures are (figures.ts): the people are exactly those behind the caseload figure of the same
// period and programme, a start is one that counts in "started". Only months, never days. Pure,
// so a unit test checks each column; participants.server.ts adds the pseudonym and the names.
import type { LedgerFact } from "~/ledger/events.ts";
import { addMonths, countFigures, inWorkAfter, matchesScope, retentionMonths, type FigureQuery } from "./figures.ts";

export type InWorkAnswer = "yes" | "no" | "not_yet_due" | "no_answer";

export interface ParticipantRow {
  menteeId: string;
  /** Her programme country and her lead mentor's organisation at the period's end (or when she last had a lead before it). */
  country: string;
  organisationId: string;
  /** "YYYY-MM" */
  joinedMonth: string;
  readinessAtJoining: string;
  readinessAtEnd: string;
  /** Her first placement that started in the period, in the programme; empty when none did. */
  startMonth: string;
  placementKind: string;
  /** How that placement ended, as recorded by the day of the export; empty while it goes on. */
  endingKind: string;
  endingMonth: string;
  /** Still in work 1, 3 and 6 months after that start; empty without a start. */
  inWork: Record<(typeof retentionMonths)[number], InWorkAnswer | "">;
}

const byDayThenSeq = (a: LedgerFact, b: LedgerFact) => (a.day === b.day ? a.seq - b.seq : a.day < b.day ? -1 : 1);
const month = (day: string) => day.slice(0, 7);

interface Gathered {
  leads: LedgerFact[];
  readiness: LedgerFact[];
  starts: LedgerFact[];
}

export function participantRows(facts: readonly LedgerFact[], query: FigureQuery): ParticipantRow[] {
  const { from, to, today, scope } = query;
  const caseload = countFigures(facts, query).lists.get("funnel.caseload") ?? new Set<string>();
  const gathered = new Map<string, Gathered>();
  const endings = new Map<string, LedgerFact>();
  const answers = new Map<string, Map<string, string>>();
  const startedRefs = new Set<string>();

  for (const fact of facts) {
    if (fact.kind === "ended" && fact.ref && fact.day <= today && !endings.has(fact.ref)) endings.set(fact.ref, fact);
    if (fact.kind === "in_work" && fact.ref && fact.milestone && fact.status) {
      const known = answers.get(fact.ref) ?? new Map<string, string>();
      known.set(fact.milestone, fact.status);
      answers.set(fact.ref, known);
    }
    if (!caseload.has(fact.menteeId)) continue;
    const own = gathered.get(fact.menteeId) ?? { leads: [], readiness: [], starts: [] };
    gathered.set(fact.menteeId, own);
    if (fact.kind === "joined" && !own.leads.some((lead) => lead.kind === "joined")) own.leads.push(fact);
    if (fact.kind === "handover") own.leads.push(fact);
    if (fact.kind === "readiness") own.readiness.push(fact);
    // The first "started" of a follow-up is its start (as the figures read it).
    if (fact.kind === "started" && fact.ref && !startedRefs.has(fact.ref)) {
      startedRefs.add(fact.ref);
      if (fact.day >= from && fact.day <= to && matchesScope(scope, fact)) own.starts.push(fact);
    }
  }

  const rows: ParticipantRow[] = [];
  for (const [menteeId, own] of gathered) {
    const leads = [...own.leads].sort(byDayThenSeq);
    const joined = leads.find((lead) => lead.kind === "joined");
    const lead = leads.filter((l) => l.day <= to).at(-1) ?? leads[0];
    if (!lead) continue;
    const readinessByEnd = [...own.readiness].sort(byDayThenSeq).filter((r) => r.day <= to && r.to);
    const start = [...own.starts].sort(byDayThenSeq)[0];
    const ending = start?.ref ? endings.get(start.ref) : undefined;
    const inWork = Object.fromEntries(
      retentionMonths.map((months) => {
        if (!start) return [months, ""];
        if (addMonths(start.day, months) > today) return [months, "not_yet_due"];
        const answer = inWorkAfter(start.day, answers.get(start.ref!) ?? new Map(), ending, months);
        return [months, answer === "yes" ? "yes" : answer === "no" ? "no" : "no_answer"];
      }),
    ) as ParticipantRow["inWork"];
    rows.push({
      menteeId,
      country: lead.country,
      organisationId: lead.organisationId,
      joinedMonth: month((joined ?? lead).day),
      readinessAtJoining: joined?.to ?? "",
      readinessAtEnd: readinessByEnd.at(-1)?.to ?? joined?.to ?? "",
      startMonth: start ? month(start.day) : "",
      placementKind: start?.status ?? "",
      endingKind: ending?.status ?? "",
      endingMonth: ending ? month(ending.day) : "",
      inWork,
    });
  }
  return rows.sort((a, b) => (a.joinedMonth === b.joinedMonth ? (a.menteeId < b.menteeId ? -1 : 1) : a.joinedMonth < b.joinedMonth ? -1 : 1));
}
