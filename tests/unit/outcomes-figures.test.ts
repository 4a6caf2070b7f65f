import { describe, expect, it } from "vitest";
import type { LedgerFact } from "~/ledger/events.ts";
import { addMonths, countFigures, inWorkAfter, type FigureQuery, type Figures } from "~/outcomes/figures.ts";
import { FEWER_THAN_5, showFigures, shownShare } from "~/outcomes/small-numbers.ts";

const ORG_A = "a".repeat(24);
const MENTOR_A = "1".repeat(24);
const ORG_B = "b".repeat(24);
const MENTOR_B = "2".repeat(24);

/** Facts in the order given, numbered; each defaults to organisation A in Croatia. */
function ledger(...facts: (Partial<LedgerFact> & Pick<LedgerFact, "kind" | "day" | "menteeId">)[]): LedgerFact[] {
  return facts.map((fact, i) => ({ mentorId: MENTOR_A, organisationId: ORG_A, country: "HR", ...fact, seq: i + 1 }));
}
const query = (overrides: Partial<FigureQuery> = {}): FigureQuery => ({ from: "2025-01-01", to: "2025-12-31", today: "2026-06-30", scope: { kind: "all" }, ...overrides });
const cohort = (figures: Figures, month: string) => figures.retention.find((r) => r.cohort === month);

describe("addMonths", () => {
  it("keeps the day, or takes the month's last day when the month is shorter", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-08-31", 1)).toBe("2025-09-30");
    expect(addMonths("2025-11-30", 3)).toBe("2026-02-28");
    expect(addMonths("2025-03-31", -1)).toBe("2025-02-28");
    expect(addMonths("2026-03-15", -18)).toBe("2024-09-15");
    expect(addMonths("2025-05-10", 0)).toBe("2025-05-10");
  });
});

describe("countFigures", () => {
  it("puts a start on a month's last day in that month's cohort and one on the next day in the next, and counts days on the period's edges", () => {
    const facts = ledger(
      { kind: "joined", day: "2024-12-01", menteeId: "m1" },
      { kind: "joined", day: "2024-12-01", menteeId: "m2" },
      { kind: "started", day: "2025-01-31", menteeId: "m1", ref: "f1" },
      { kind: "started", day: "2025-02-01", menteeId: "m2", ref: "f2" },
    );
    const whole = countFigures(facts, query()).figures;
    expect(whole.retention.map((r) => [r.cohort, r.started.value])).toEqual([
      ["2025-01", 1],
      ["2025-02", 1],
    ]);
    // From the first of February: the start on 31 January is outside, the one on 1 February inside.
    expect(countFigures(facts, query({ from: "2025-02-01" })).figures.funnel.started.value).toBe(1);
    // To 31 January: the other way round.
    const january = countFigures(facts, query({ to: "2025-01-31" }));
    expect(january.figures.funnel.started.value).toBe(1);
    expect([...january.lists.get("funnel.started")!]).toEqual(["m1"]);
  });

  it("asks whether someone is still in work at 3 months only once 3 months have passed since the start", () => {
    const facts = ledger(
      { kind: "joined", day: "2025-10-01", menteeId: "m1" },
      { kind: "started", day: "2025-11-30", menteeId: "m1", ref: "f1" },
      { kind: "in_work", day: "2026-01-05", menteeId: "m1", ref: "f1", milestone: "month1", status: "yes" },
    );
    // 30 November + 3 months is 28 February (the month is shorter).
    const before = cohort(countFigures(facts, query({ today: "2026-02-27" })).figures, "2025-11")!;
    expect(before.months.find((m) => m.months === 3)!.due.value).toBe(0);
    const on = cohort(countFigures(facts, query({ today: "2026-02-28" })).figures, "2025-11")!;
    const month3 = on.months.find((m) => m.months === 3)!;
    // Due, and not answered yet at month 3 (no month 3 or 6 answer): unknown, not the month 1 "yes".
    expect([month3.due.value, month3.inWork.value, month3.unknown.value]).toEqual([1, 0, 1]);
    expect(on.months.find((m) => m.months === 1)!.inWork.value).toBe(1);
  });

  it("counts someone placed twice once as started and twice in retention", () => {
    const facts = ledger(
      { kind: "joined", day: "2025-01-02", menteeId: "m1" },
      { kind: "started", day: "2025-02-03", menteeId: "m1", ref: "f1" },
      { kind: "ended", day: "2025-02-20", menteeId: "m1", ref: "f1", status: "ended_early", reason: "transport" },
      { kind: "started", day: "2025-02-24", menteeId: "m1", ref: "f2" },
    );
    const { figures } = countFigures(facts, query());
    expect(figures.funnel.started).toEqual({ value: 1, people: 1 });
    expect(cohort(figures, "2025-02")!.started).toEqual({ value: 2, people: 1 });
    expect(figures.endedEarly).toEqual([{ reason: "transport", placements: { value: 1, people: 1 } }]);
  });

  it("counts a check-in that falls due after a handover for the new lead's organisation, not for the one that had her when it was planned", () => {
    const facts = ledger(
      { kind: "joined", day: "2025-01-02", menteeId: "m1" },
      { kind: "started", day: "2025-02-03", menteeId: "m1", ref: "f1" },
      { kind: "checkin_due", day: "2025-02-03", menteeId: "m1", ref: "c1", dueDay: "2025-02-10" },
      { kind: "checkin_due", day: "2025-02-03", menteeId: "m1", ref: "c2", dueDay: "2025-05-05" },
      { kind: "checkin_done", day: "2025-02-10", menteeId: "m1", ref: "c1" },
      { kind: "handover", day: "2025-03-01", menteeId: "m1", mentorId: MENTOR_B, organisationId: ORG_B },
      { kind: "checkin_done", day: "2025-05-06", menteeId: "m1", ref: "c2", mentorId: MENTOR_B, organisationId: ORG_B },
    );
    const a = countFigures(facts, query({ scope: { kind: "organisation", id: ORG_A } })).figures;
    const b = countFigures(facts, query({ scope: { kind: "organisation", id: ORG_B } })).figures;
    expect(a.checkins.due.value).toBe(1);
    expect(b.checkins.due.value).toBe(1);
    expect(countFigures(facts, query({ scope: { kind: "mentor", id: MENTOR_B } })).figures.checkins.onTime.value).toBe(1);
    // Before and after the handover, she is in both caseloads for the year.
    expect([a.funnel.caseload.value, b.funnel.caseload.value]).toEqual([1, 1]);
    // The start stays with the organisation where it happened.
    expect([a.funnel.started.value, b.funnel.started.value]).toEqual([1, 0]);
  });

  it("counts a check-in done within 7 days of its due day as on time, later as late, cancelled or not yet due not at all", () => {
    const facts = ledger(
      { kind: "joined", day: "2025-01-02", menteeId: "m1" },
      { kind: "checkin_due", day: "2025-03-01", menteeId: "m1", ref: "c1", dueDay: "2025-03-03" },
      { kind: "checkin_due", day: "2025-03-01", menteeId: "m1", ref: "c2", dueDay: "2025-03-10" },
      { kind: "checkin_due", day: "2025-03-01", menteeId: "m1", ref: "c3", dueDay: "2025-03-17" },
      { kind: "checkin_due", day: "2025-03-01", menteeId: "m1", ref: "c4", dueDay: "2025-03-24" },
      { kind: "checkin_due", day: "2025-03-01", menteeId: "m1", ref: "c5", dueDay: "2025-04-30" },
      { kind: "checkin_done", day: "2025-03-10", menteeId: "m1", ref: "c1" },
      { kind: "checkin_done", day: "2025-03-18", menteeId: "m1", ref: "c2" },
      { kind: "checkin_cancelled", day: "2025-03-12", menteeId: "m1", ref: "c4" },
    );
    const { checkins } = countFigures(facts, query({ today: "2025-04-01" })).figures;
    // c1 done 7 days after: on time; c2 8 days after: late; c3 never; c4 cancelled; c5 due after today.
    expect([checkins.due.value, checkins.onTime.value, checkins.late.value, checkins.notRecorded.value]).toEqual([3, 1, 1, 1]);
  });

  it("counts introductions by their first answer, no answer as no answer, and the median days to answer", () => {
    const facts = ledger(
      { kind: "joined", day: "2025-01-02", menteeId: "m1" },
      { kind: "introduced", day: "2025-03-01", menteeId: "m1", ref: "i1" },
      { kind: "introduced", day: "2025-03-01", menteeId: "m1", ref: "i2" },
      { kind: "introduced", day: "2025-03-01", menteeId: "m1", ref: "i3" },
      { kind: "answered", day: "2025-03-03", menteeId: "m1", ref: "i1", status: "meeting_proposed" },
      { kind: "answered", day: "2025-03-09", menteeId: "m1", ref: "i2", status: "declined" },
      { kind: "answered", day: "2025-03-20", menteeId: "m1", ref: "i1", status: "accepted" },
    );
    const { introductions } = countFigures(facts, query()).figures;
    expect(introductions.introduced.value).toBe(3);
    expect(Object.fromEntries(introductions.answers.map((a) => [a.answer, a.introductions.value]))).toEqual({ accepted: 0, meeting_proposed: 1, declined: 1, no_answer: 1 });
    expect(introductions.medianDaysToAnswer.value).toBe(5); // 2 and 8 days
  });
});

describe("the small-number rule", () => {
  const facts = ledger(...["m1", "m2", "m3", "m4", "m5"].flatMap((m, i) => [{ kind: "joined" as const, day: "2025-01-02", menteeId: m }, ...(i < 4 ? [{ kind: "proposed" as const, day: "2025-02-01", menteeId: m, ref: `p${i}` }] : [])]));
  const { figures } = countFigures(facts, query());

  it("shows a figure of 5 people and hides one of 4 (or none) as fewer than 5, unless the caseload is named", () => {
    const shown = showFigures(figures, { named: false });
    expect(shown.funnel.caseload).toBe(5);
    expect(shown.funnel.proposed).toBe(FEWER_THAN_5);
    expect(shown.funnel.started).toBe(FEWER_THAN_5);
    // A median of nobody is no number at all, not "fewer than 5".
    expect(shown.introductions.medianDaysToAnswer).toBeNull();
    expect(showFigures(figures, { named: true }).funnel.proposed).toBe(4);
    // The period asked for goes out as it came in.
    expect(shown.query).toEqual(figures.query);
  });

  it("gives a share only when both of its figures may be shown", () => {
    expect(shownShare(4, 5)).toBe(80);
    expect(shownShare(FEWER_THAN_5, 5)).toBe(FEWER_THAN_5);
    expect(shownShare(5, FEWER_THAN_5)).toBe(FEWER_THAN_5);
    expect(shownShare(5, 0)).toBeNull();
  });
});

describe("still in work after N months, for a placement that ended before then", () => {
  it("counts an early end or a move to education before the point as not in work (over any answer), a later one or a completion as unknown", () => {
    const start = "2026-01-10";
    const none = new Map<string, string>();
    expect(inWorkAfter(start, none, { day: "2026-02-01", status: "ended_early" }, 3)).toBe("no");
    expect(inWorkAfter(start, none, { day: "2026-02-01", status: "education" }, 3)).toBe("no");
    expect(inWorkAfter(start, none, { day: "2026-04-10", status: "ended_early" }, 3)).toBeUndefined();
    expect(inWorkAfter(start, none, { day: "2026-02-01", status: "completed" }, 3)).toBeUndefined();
    // A "yes" recorded early, before a placement that then ended early reached month 3, does not make it in work at month 3.
    expect(inWorkAfter(start, new Map([["month3", "yes"]]), { day: "2026-02-01", status: "ended_early" }, 3)).toBe("no");
    expect(inWorkAfter(start, new Map([["month3", "yes"]]), { day: "2026-05-01", status: "ended_early" }, 3)).toBe("yes");
    expect(inWorkAfter(start, none, undefined, 3)).toBeUndefined();
  });
});
