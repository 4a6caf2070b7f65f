import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Types } from "mongoose";
import type { SessionUser } from "~/accounts/session.server.ts";
import { setClockOffset, resetClock } from "~/clock/test-clock.server.ts";
import type { LedgerFact } from "~/ledger/events.ts";
import { appendLedgerFacts } from "~/ledger/ledger.server.ts";
import { ledgerFacts } from "~/ledger/reader.server.ts";
import { createMentee, createMenteeRecord, handOverMentee, menteeRecordFields, updateMenteeRecord } from "~/mentees/mentees.server.ts";
import { MenteeModel } from "~/mentees/model.server.ts";
import { eraseMentee } from "~/privacy/mentee-data.server.ts";
import { countFigures, type Figure, type FigureQuery, type Figures, type Scope } from "~/outcomes/figures.ts";
import { FEWER_THAN_5, showFigures } from "~/outcomes/small-numbers.ts";
import { mentorOutcomes } from "~/outcomes/outcomes.server.ts";
import { programmeToday } from "~/i18n/dates.ts";
import { generateOutcomesHistory, insertOutcomesHistory } from "../../seed/outcomes-history.ts";
import { acceptedIntroduction, makeCoordinator, startToday } from "../support/follow-ups.ts";
import { makeMentor, menteeInput } from "../support/mentees.ts";

// The outcomes figures counted from the real ledger on FerretDB: a seeded 18-month history (in
// Croatia and Denmark) and, in Slovenia and two organisations of their own, people whose figures
// are worked out by hand below. The figures are what a coordinator and a funder read; each
// expected number says why it is what it is.

afterEach(() => resetClock());

/** Moves the clock to 10:00 UTC on `day`, so what the portal records happens on that day. */
const onDay = (day: string) => setClockOffset(Date.parse(`${day}T10:00:00Z`) - Date.now());
const id = () => String(new Types.ObjectId());

const YEAR: Pick<FigureQuery, "from" | "to" | "today"> = { from: "2025-01-01", to: "2025-12-31", today: "2026-03-31" };
const count = async (scope: Scope, period: Partial<FigureQuery> = {}) => countFigures(await ledgerFacts(), { ...YEAR, ...period, scope });
const retention = (figures: Figures, cohort: string) =>
  Object.fromEntries(
    (figures.retention.find((r) => r.cohort === cohort)?.months ?? []).map((m) => [m.months, { due: m.due.value, inWork: m.inWork.value, notInWork: m.notInWork.value, unknown: m.unknown.value }]),
  );
const funnel = (figures: Figures) => Object.fromEntries(Object.entries(figures.funnel).map(([stage, figure]) => [stage, figure.value]));

/** Every figure (a value with the people behind it) in the counted output, with its path. */
function* figuresIn(value: unknown, path = ""): Generator<[string, Figure]> {
  if (typeof value !== "object" || value === null) return;
  if ("people" in value && "value" in value && Object.keys(value).length === 2) {
    yield [path, value as Figure];
    return;
  }
  for (const [key, inner] of Object.entries(value)) if (key !== "query") yield* figuresIn(inner, `${path}.${key}`);
}
const at = (value: unknown, path: string) => path.split(".").slice(1).reduce((inner: unknown, key) => (inner as Record<string, unknown>)[key], value);

/** The small-number rule over the whole output: nothing fewer than 5 people stand behind leaves as a number. */
function expectNothingSmallLeaks(figures: Figures) {
  const shown = showFigures(figures, { named: false });
  let walked = 0;
  for (const [path, figure] of figuresIn(figures)) {
    walked++;
    const out = at(shown, path);
    if (figure.people >= 5) expect(out, path).toBe(figure.value);
    else expect(out, path).toBe(figure.value === null ? null : FEWER_THAN_5);
  }
  expect(walked).toBeGreaterThan(30);
  // And no number anywhere in what leaves (the period aside) is one nobody may see.
  const numbers = JSON.stringify({ ...shown, query: null }).match(/:(\d+(\.\d+)?)[,}\]]/g) ?? [];
  const allowed = new Set([...figuresIn(figures)].filter(([, f]) => f.people >= 5).map(([, f]) => String(f.value)));
  for (const months of [1, 3, 6]) allowed.add(String(months));
  for (const n of numbers) expect(allowed.has(n.slice(1, -1)), n).toBe(true);
  return shown;
}

const generatedOrganisations = [
  { id: id(), country: "HR" as const, mentorIds: [id(), id()] },
  { id: id(), country: "HR" as const, mentorIds: [id()] },
  { id: id(), country: "DK" as const, mentorIds: [id(), id()] },
];
const historyOptions = { seed: 14, mentees: 400, months: 18, endDay: "2026-03-31", organisations: generatedOrganisations };

// The hand-made people (all in Slovenia). P8 is created through the portal's own functions, to be erased.
const P = { P1: id(), P2: id(), P3: id(), P4: id(), P5: id(), P6: id(), P7: id(), P8: "" };
let mentor1: SessionUser, mentor2: SessionUser;
let ORG1: string, ORG2: string;

beforeAll(async () => {
  await insertOutcomesHistory(generateOutcomesHistory(historyOptions));
  mentor1 = await makeMentor();
  mentor2 = await makeMentor();
  ORG1 = String(mentor1.organisationId);
  ORG2 = String(mentor2.organisationId);
  // P8 joins through the portal on 3 March 2025, in the first organisation.
  onDay("2025-03-03");
  const created = await createMentee(mentor1, menteeInput({ firstName: "Urška", town: "Maribor", country: "SI", readiness: "activity_ready" }));
  if (!created.ok) throw new Error("P8 not created");
  P.P8 = created.id;
  resetClock();

  const lead1 = { mentorId: String(mentor1._id), organisationId: ORG1 };
  const lead2 = { mentorId: String(mentor2._id), organisationId: ORG2 };
  type Hand = Omit<LedgerFact, "seq" | "country" | "mentorId" | "organisationId"> & { lead?: typeof lead1 };
  const hand: Hand[] = [
    // Cohort boundaries: P1 starts on the last day of January, P2 on the first of February, P3 on the period's first day, P4 on its last.
    { kind: "joined", day: "2024-11-15", menteeId: P.P1, to: "activity_ready" },
    { kind: "joined", day: "2024-11-15", menteeId: P.P2, to: "activity_ready" },
    { kind: "joined", day: "2024-12-01", menteeId: P.P3, to: "job_ready" },
    { kind: "started", day: "2025-01-01", menteeId: P.P3, ref: id() },
    // P7 (second organisation) leaves and comes back.
    { kind: "joined", day: "2025-01-06", menteeId: P.P7, to: "job_ready", lead: lead2 },
    { kind: "joined", day: "2025-01-10", menteeId: P.P5, to: "activity_ready" },
    { kind: "started", day: "2025-01-31", menteeId: P.P1, ref: "f1" },
    { kind: "joined", day: "2025-02-01", menteeId: P.P6, to: "activity_ready" },
    { kind: "started", day: "2025-02-01", menteeId: P.P2, ref: "f2" },
    { kind: "started", day: "2025-02-03", menteeId: P.P7, ref: "f7a", lead: lead2 },
    // P6 is handed over to the second organisation on 1 May: what happens before counts for the first, after for the second.
    { kind: "proposed", day: "2025-03-01", menteeId: P.P6, ref: id() },
    { kind: "in_work", day: "2025-03-03", menteeId: P.P1, ref: "f1", milestone: "month1", status: "yes" },
    { kind: "in_work", day: "2025-03-03", menteeId: P.P2, ref: "f2", milestone: "month1", status: "yes" },
    { kind: "in_work", day: "2025-03-03", menteeId: P.P7, ref: "f7a", milestone: "month1", status: "yes", lead: lead2 },
    // P5 is placed twice: an early end, then a new start.
    { kind: "started", day: "2025-03-03", menteeId: P.P5, ref: "f5a" },
    { kind: "started", day: "2025-03-03", menteeId: P.P6, ref: "f6" },
    { kind: "checkin_due", day: "2025-03-03", menteeId: P.P6, ref: "c6a", dueDay: "2025-03-10" },
    { kind: "checkin_due", day: "2025-03-03", menteeId: P.P6, ref: "c6b", dueDay: "2025-06-03" },
    { kind: "proposed", day: "2025-03-10", menteeId: P.P8, ref: id() },
    { kind: "checkin_done", day: "2025-03-12", menteeId: P.P6, ref: "c6a" },
    { kind: "readiness", day: "2025-03-20", menteeId: P.P7, from: "job_ready", to: "temporarily_passive", lead: lead2 },
    { kind: "readiness", day: "2025-04-01", menteeId: P.P6, from: "activity_ready", to: "job_ready" },
    { kind: "started", day: "2025-04-07", menteeId: P.P8, ref: "f8" },
    { kind: "ended", day: "2025-04-15", menteeId: P.P5, ref: "f5a", status: "ended_early", reason: "transport" },
    { kind: "handover", day: "2025-05-01", menteeId: P.P6, lead: lead2 },
    { kind: "in_work", day: "2025-05-02", menteeId: P.P2, ref: "f2", milestone: "month3", status: "yes" },
    { kind: "in_work", day: "2025-05-05", menteeId: P.P7, ref: "f7a", milestone: "month3", status: "no", lead: lead2 },
    { kind: "in_work", day: "2025-05-07", menteeId: P.P8, ref: "f8", milestone: "month1", status: "yes" },
    { kind: "introduced", day: "2025-05-10", menteeId: P.P6, ref: "i6", lead: lead2 },
    { kind: "answered", day: "2025-05-17", menteeId: P.P6, ref: "i6", status: "accepted", lead: lead2 },
    { kind: "joined", day: "2025-06-01", menteeId: P.P4, to: "activity_ready" },
    { kind: "started", day: "2025-06-02", menteeId: P.P5, ref: "f5b" },
    { kind: "readiness", day: "2025-06-16", menteeId: P.P7, from: "temporarily_passive", to: "activity_ready", lead: lead2 },
    { kind: "checkin_done", day: "2025-06-20", menteeId: P.P6, ref: "c6b", lead: lead2 },
    { kind: "in_work", day: "2025-06-20", menteeId: P.P6, ref: "f6", milestone: "month3", status: "yes", lead: lead2 },
    { kind: "in_work", day: "2025-07-02", menteeId: P.P5, ref: "f5b", milestone: "month1", status: "yes" },
    { kind: "ended", day: "2025-07-07", menteeId: P.P8, ref: "f8", status: "completed" },
    { kind: "in_work", day: "2025-08-04", menteeId: P.P7, ref: "f7a", milestone: "month6", status: "yes", lead: lead2 },
    { kind: "ended", day: "2025-09-01", menteeId: P.P7, ref: "f7a", status: "ended_early", reason: "caring_duties", lead: lead2 },
    { kind: "started", day: "2025-12-01", menteeId: P.P7, ref: "f7b", lead: lead2 },
    { kind: "started", day: "2025-12-31", menteeId: P.P4, ref: "f4" },
    { kind: "in_work", day: "2026-02-02", menteeId: P.P4, ref: "f4", milestone: "month1", status: "yes" },
  ];
  // Refs stand for records (follow-ups, introductions, check-ins): one id per name.
  const refs = new Map<string, string>();
  const refOf = (ref?: string) => (ref === undefined || /^[0-9a-f]{24}$/.test(ref) ? ref : (refs.get(ref) ?? refs.set(ref, id()).get(ref)));
  await appendLedgerFacts(hand.map(({ lead, ...fact }) => ({ ...fact, ref: refOf(fact.ref), ...(lead ?? lead1), country: "SI" })));
});

describe("the generated history", () => {
  it("is the same for the same seed, and counts from the ledger exactly as from the facts it generated", async () => {
    const history = generateOutcomesHistory(historyOptions);
    expect(generateOutcomesHistory(historyOptions)).toEqual(history);
    expect(generateOutcomesHistory({ ...historyOptions, seed: 15 }).facts).not.toEqual(history.facts);
    // Roughly five facts a person, in day order, over 18 months up to the end day.
    expect(history.facts.length).toBeGreaterThan(400 * 3);
    expect(history.facts.every((f, i) => i === 0 || history.facts[i - 1].day <= f.day)).toBe(true);
    expect(history.facts.at(-1)!.day <= "2026-03-31" && history.facts[0].day >= "2024-10-01").toBe(true);

    const numbered = history.facts.map((fact, i) => ({ ...fact, seq: i + 1 }));
    for (const scope of [{ kind: "country", code: "DK" }, { kind: "organisation", id: generatedOrganisations[0].id }] as Scope[]) {
      const query = { from: "2024-10-01", to: "2026-03-31", today: "2026-03-31", scope };
      const fromLedger = await count(scope, query);
      expect(fromLedger.figures).toEqual(countFigures(numbered, query).figures);
      expect(fromLedger.figures.funnel.caseload.value).toBeGreaterThan(50);
      expect(fromLedger.figures.funnel.started.value).toBeGreaterThan(5);
    }
  });

  it("gives each mentor her own figures as counted from the whole ledger, handovers and people she never had included", async () => {
    const period = { from: "2024-10-01", to: "2026-03-31" };
    const mentorIds = [...generatedOrganisations.flatMap((o) => o.mentorIds), String(mentor1._id), String(mentor2._id), id()];
    for (const mentorId of mentorIds) {
      const mentor = { _id: new Types.ObjectId(mentorId), role: "mentor" } as unknown as SessionUser;
      const whole = countFigures(await ledgerFacts(), { ...period, today: programmeToday(), scope: { kind: "mentor", id: mentorId } });
      expect(await mentorOutcomes(mentor, period), mentorId).toEqual(showFigures(whole.figures, { named: true }));
    }
    // The generated mentors had people; the last id, nobody.
    const first = await mentorOutcomes({ _id: new Types.ObjectId(generatedOrganisations[0].mentorIds[0]), role: "mentor" } as unknown as SessionUser, period);
    expect(first.funnel.caseload).toEqual(expect.any(Number));
    expect(first.funnel.caseload as number).toBeGreaterThan(20);
    expect((await mentorOutcomes({ _id: new Types.ObjectId(), role: "mentor" } as unknown as SessionUser, period)).funnel.caseload).toBe(0);
  });

  it("shows nothing fewer than 5 people stand behind, in any figure of the whole programme or of a quarter", async () => {
    expectNothingSmallLeaks((await count({ kind: "all" }, { from: "2024-10-01", to: "2026-03-31" })).figures);
    expectNothingSmallLeaks((await count({ kind: "organisation", id: generatedOrganisations[1].id }, { from: "2025-10-01", to: "2025-12-31" })).figures);
  });
});

describe("hand-checked figures", () => {
  it("counts the first organisation's year: cohort edges, someone placed twice, the months before a handover", async () => {
    const { figures, lists } = await count({ kind: "organisation", id: ORG1 });
    expect(funnel(figures)).toEqual({
      // P1–P5, P8, and P6 until her handover on 1 May.
      caseload: 7,
      // P6 on 1 March (before the handover), P8.
      proposed: 2,
      // P6's introduction came after the handover: the second organisation's.
      introduced: 0,
      // P1, P2, P3, P4 (31 December), P5 (twice, once), P6 (3 March, before the handover), P8.
      started: 7,
      // P8 completed.
      completed_or_hired: 1,
      // Yes at the first answer at or after month 1: P1, P2, P4, P5 (second placement), P6 (her month-3 answer), P8.
      in_work_1: 6,
      // P2 and P6 said yes at month 3; P1 and P8 have no answer at or after month 3.
      in_work_3: 2,
      in_work_6: 0,
    });
    expect([...lists.get("funnel.caseload")!].sort()).toEqual([P.P1, P.P2, P.P3, P.P4, P.P5, P.P6, P.P8].sort());
    // P1 on 31 January is January's; P3 on 1 January too.
    expect(retention(figures, "2025-01")).toEqual({ 1: { due: 2, inWork: 1, notInWork: 0, unknown: 1 }, 3: { due: 2, inWork: 0, notInWork: 0, unknown: 2 }, 6: { due: 2, inWork: 0, notInWork: 0, unknown: 2 } });
    expect(retention(figures, "2025-02")).toEqual({ 1: { due: 1, inWork: 1, notInWork: 0, unknown: 0 }, 3: { due: 1, inWork: 1, notInWork: 0, unknown: 0 }, 6: { due: 1, inWork: 0, notInWork: 0, unknown: 1 } });
    // P5's first placement and P6's, both 3 March: P5 never answered, and her placement ended early on
    // 15 April, after its month 1 (unknown) and before its month 3 and 6 (not in work); P6's month-3
    // yes counts for month 1 too.
    expect(retention(figures, "2025-03")).toEqual({ 1: { due: 2, inWork: 1, notInWork: 0, unknown: 1 }, 3: { due: 2, inWork: 1, notInWork: 1, unknown: 0 }, 6: { due: 2, inWork: 0, notInWork: 1, unknown: 1 } });
    // P5 placed twice: two placements in retention, one person in "started".
    const cohorts = Object.fromEntries(figures.retention.map((r) => [r.cohort, r.started]));
    expect(cohorts).toEqual({
      "2025-01": { value: 2, people: 2 },
      "2025-02": { value: 1, people: 1 },
      "2025-03": { value: 2, people: 2 },
      "2025-04": { value: 1, people: 1 },
      "2025-06": { value: 1, people: 1 },
      "2025-12": { value: 1, people: 1 },
    });
    expect(Object.fromEntries(figures.endings.map((e) => [e.kind, e.placements.value]))).toEqual({ completed: 1, hired: 0, education: 0, ended_early: 1 });
    expect(figures.endedEarly).toEqual([{ reason: "transport", placements: { value: 1, people: 1 } }]);
    // P6's step on 1 April, 59 days after she joined on 1 February (28 + 31).
    expect(figures.readiness.filter((r) => r.steps.value)).toEqual([{ from: "activity_ready", to: "job_ready", steps: { value: 1, people: 1 }, medianDays: { value: 59, people: 1 } }]);
    // Her check-in due 10 March (before the handover), done two days later.
    expect(figures.checkins).toEqual({ due: { value: 1, people: 1 }, onTime: { value: 1, people: 1 }, late: { value: 0, people: 0 }, notRecorded: { value: 0, people: 0 } });
  });

  it("counts the second organisation's year: what P6 did after the handover, and P7 who left and came back", async () => {
    const { figures, lists } = await count({ kind: "organisation", id: ORG2 });
    // P6 from 1 May and P7; one start (P7 twice); P7's month-6 yes after a month-3 no.
    expect(funnel(figures)).toEqual({ caseload: 2, proposed: 0, introduced: 1, started: 1, completed_or_hired: 0, in_work_1: 1, in_work_3: 0, in_work_6: 1 });
    expect([...lists.get("funnel.caseload")!].sort()).toEqual([P.P6, P.P7].sort());
    expect(retention(figures, "2025-02")).toEqual({ 1: { due: 1, inWork: 1, notInWork: 0, unknown: 0 }, 3: { due: 1, inWork: 0, notInWork: 1, unknown: 0 }, 6: { due: 1, inWork: 1, notInWork: 0, unknown: 0 } });
    // Her new start on 1 December: months 1 and 3 have passed by 31 March 2026, month 6 not.
    expect(retention(figures, "2025-12")).toEqual({ 1: { due: 1, inWork: 0, notInWork: 0, unknown: 1 }, 3: { due: 1, inWork: 0, notInWork: 0, unknown: 1 }, 6: { due: 0, inWork: 0, notInWork: 0, unknown: 0 } });
    expect(figures.endedEarly).toEqual([{ reason: "caring_duties", placements: { value: 1, people: 1 } }]);
    // Back on 20 March, 73 days after joining on 6 January; forward again 88 days later.
    expect(figures.readiness.filter((r) => r.steps.value).map((r) => [r.from, r.to, r.steps.value, r.medianDays.value])).toEqual([
      ["temporarily_passive", "activity_ready", 1, 88],
      ["job_ready", "temporarily_passive", 1, 73],
    ]);
    // P6's introduction on 10 May, accepted a week later.
    expect(figures.introductions.introduced.value).toBe(1);
    expect(Object.fromEntries(figures.introductions.answers.map((a) => [a.answer, a.introductions.value]))).toEqual({ accepted: 1, meeting_proposed: 0, declined: 0, no_answer: 0 });
    expect(figures.introductions.medianDaysToAnswer.value).toBe(7);
    // Her check-in due 3 June, after the handover: the new mentor's, done 17 days late.
    expect(figures.checkins).toEqual({ due: { value: 1, people: 1 }, onTime: { value: 0, people: 0 }, late: { value: 1, people: 1 }, notRecorded: { value: 0, people: 0 } });
    // Everything here stands on fewer than 5 people: none of it leaves as a number.
    const shown = expectNothingSmallLeaks(figures);
    expect(Object.values(shown.funnel).every((value) => value === FEWER_THAN_5)).toBe(true);
  });

  it("counts the country as both organisations together, each person once", async () => {
    const { figures } = await count({ kind: "country", code: "SI" });
    expect(funnel(figures)).toEqual({ caseload: 8, proposed: 2, introduced: 1, started: 8, completed_or_hired: 1, in_work_1: 7, in_work_3: 2, in_work_6: 1 });
    expect(figures.checkins.due.value).toBe(2);
    const shown = expectNothingSmallLeaks(figures);
    expect([shown.funnel.caseload, shown.funnel.started, shown.funnel.in_work_1, shown.funnel.proposed]).toEqual([8, 8, 7, FEWER_THAN_5]);
  });

  it("moves a start across the period's edges and a caseload across the handover's day", async () => {
    const org1 = { kind: "organisation", id: ORG1 } as const;
    // From 1 February: P1 (31 January) and P3 (1 January) drop out; to 31 January: only they remain.
    expect((await count(org1, { from: "2025-02-01" })).figures.funnel.started.value).toBe(5);
    const january = (await count(org1, { to: "2025-01-31" })).figures;
    expect([january.funnel.started.value, january.retention.map((r) => r.cohort)]).toEqual([2, ["2025-01"]]);
    // May: P6 belongs to the second organisation from its first day; a period with 30 April has her in both.
    expect((await count(org1, { from: "2025-05-01", to: "2025-05-31" })).figures.funnel.caseload.value).toBe(5);
    expect((await count(org1, { from: "2025-04-30", to: "2025-05-31" })).figures.funnel.caseload.value).toBe(6);
    expect((await count({ kind: "organisation", id: ORG2 }, { from: "2025-05-01", to: "2025-05-31" })).figures.funnel.caseload.value).toBe(2);
  });

  it("asks about month 3 of a start on 31 December only from 31 March", async () => {
    const org1 = { kind: "organisation", id: ORG1 } as const;
    expect(retention((await count(org1, { today: "2026-03-30" })).figures, "2025-12")[3]).toEqual({ due: 0, inWork: 0, notInWork: 0, unknown: 0 });
    expect(retention((await count(org1, { today: "2026-03-31" })).figures, "2025-12")[3]).toEqual({ due: 1, inWork: 0, notInWork: 0, unknown: 1 });
  });

  it("keeps an erased person's events: her figures do not change, her name is gone", async () => {
    const scopes: Scope[] = [{ kind: "organisation", id: ORG1 }, { kind: "country", code: "SI" }, { kind: "mentor", id: String(mentor1._id) }];
    const before = await Promise.all(scopes.map((scope) => count(scope)));
    expect(before[0].lists.get("funnel.completed_or_hired")).toEqual(new Set([P.P8]));
    const coordinator = await makeCoordinator();
    expect(await eraseMentee(coordinator, P.P8)).toBe(true);
    expect((await MenteeModel.findById(P.P8).lean())?.firstName).toBe("—");
    const after = await Promise.all(scopes.map((scope) => count(scope)));
    for (const [i, figures] of after.entries()) expect(figures.figures).toEqual(before[i].figures);
  });
});

describe("figures from the portal's own actions", () => {
  it("records a mentee's joining, readiness step, introduction, start, check-ins and handover, and counts them for the right organisation", async () => {
    const mentorA = await makeMentor();
    const mentorB = await makeMentor();
    const coordinator = await makeCoordinator();
    const scopeA = { kind: "organisation", id: String(mentorA.organisationId) } as const;
    const scopeB = { kind: "organisation", id: String(mentorB.organisationId) } as const;

    // A mentee typed in on 10 March 2025, job ready from 14 April.
    onDay("2025-03-10");
    const input = menteeInput({ firstName: "Katja", readiness: "activity_ready" });
    const menteeId = String(await createMenteeRecord({ ...menteeRecordFields(input, { town: "Varaždin", lat: 46.3, lng: 16.34 }), mentorId: mentorA._id }));
    onDay("2025-04-14");
    await updateMenteeRecord(menteeId, { readiness: "job_ready" }, ["readiness"]);
    // Another of mentor A's mentees is introduced (with consent), accepted and starts on 5 May.
    onDay("2025-05-05");
    const party = await acceptedIntroduction({ mentor: mentorA });
    await startToday(party);
    // Both are handed over to mentor B (another organisation) on 2 June.
    onDay("2025-06-02");
    for (const mentee of [menteeId, party.menteeId]) expect(await handOverMentee(coordinator, mentee, String(mentorB._id), { acrossConfirmed: true, reason: "Mentor A leaves" })).toEqual({ ok: true });
    resetClock();

    const facts = (await ledgerFacts()).filter((f) => f.menteeId === menteeId);
    expect(facts.map((f) => [f.kind, f.day, f.organisationId, f.from ?? f.to ?? ""])).toEqual([
      ["joined", "2025-03-10", scopeA.id, "activity_ready"],
      ["readiness", "2025-04-14", scopeA.id, "activity_ready"],
      ["handover", "2025-06-02", scopeB.id, ""],
    ]);
    const started = (await ledgerFacts()).filter((f) => f.menteeId === party.menteeId).map((f) => f.kind);
    expect(started).toEqual(expect.arrayContaining(["joined", "introduced", "answered", "started", "checkin_due", "handover"]));

    const query = { from: "2025-01-01", to: "2025-12-31", today: "2026-03-31" };
    const a = (await count(scopeA, query)).figures;
    const b = (await count(scopeB, query)).figures;
    // Both in both caseloads (before and after the handover); introduction and start before it: A's.
    expect(funnel(a)).toMatchObject({ caseload: 2, introduced: 1, started: 1 });
    expect(funnel(b)).toMatchObject({ caseload: 2, introduced: 0, started: 0 });
    expect(a.readiness.find((r) => r.from === "activity_ready" && r.to === "job_ready")).toMatchObject({ steps: { value: 1 }, medianDays: { value: 35 } });
    expect(a.introductions.answers.find((x) => x.answer === "accepted")!.introductions.value).toBe(1);
    // Her check-ins: weeks 1 and 2 (12 and 19 May) were mentor A's; months 1, 3 and 6 fall after the handover, mentor B's; none recorded.
    expect([a.checkins.due.value, a.checkins.notRecorded.value, b.checkins.due.value, b.checkins.notRecorded.value]).toEqual([2, 2, 3, 3]);

    // Each mentor's own page says the same of her caseload, and counts at once what was recorded after it was first shown.
    const own = async (mentor: SessionUser) => (await mentorOutcomes(mentor, { from: "2025-01-01", to: "2025-12-31" })).funnel;
    expect(await own(mentorA)).toMatchObject({ caseload: 2, introduced: 1, started: 1 });
    expect(await own(mentorB)).toMatchObject({ caseload: 2, introduced: 0, started: 0 });
    onDay("2025-07-01");
    const another = await acceptedIntroduction({ mentor: mentorB });
    resetClock();
    expect(await own(mentorB)).toMatchObject({ caseload: 3, introduced: 1 });
    expect(await own(mentorA)).toMatchObject({ caseload: 2, introduced: 1 });
    expect(another.menteeId).toBeTruthy();
  });
});
