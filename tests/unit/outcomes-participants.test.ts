import { describe, expect, it } from "vitest";
import type { LedgerFact } from "~/ledger/events.ts";
import { participantRows } from "~/outcomes/participants.ts";

// The funder's participant file, one row per person, derived from ledger facts: who is in it,
// and each column as a funder reads it (months only).

const ORG_A = "a".repeat(24);
const ORG_B = "b".repeat(24);
let seq = 0;
function fact(kind: LedgerFact["kind"], day: string, menteeId: string, extra: Partial<LedgerFact> = {}): LedgerFact {
  return { seq: ++seq, kind, day, menteeId, mentorId: "m1", organisationId: ORG_A, country: "HR", ...extra };
}
const query = { from: "2026-01-01", to: "2026-06-30", today: "2026-12-31", scope: { kind: "all" } as const };

describe("a funder's participant rows", () => {
  it("has one row per person in the period's caseload, and nobody else", () => {
    const facts = [fact("joined", "2025-11-03", "ana", { to: "activity_ready" }), fact("joined", "2026-07-01", "later", { to: "job_ready" }), fact("joined", "2026-02-10", "ivo", { to: "job_ready" })];
    expect(participantRows(facts, query).map((r) => r.menteeId)).toEqual(["ana", "ivo"]);
  });

  it("gives months, readiness at joining and at the period's end, and the first start in the period with how it ended", () => {
    const facts = [
      fact("joined", "2025-11-03", "ana", { to: "temporarily_passive" }),
      fact("readiness", "2026-02-01", "ana", { from: "temporarily_passive", to: "activity_ready" }),
      fact("readiness", "2026-08-01", "ana", { from: "activity_ready", to: "job_ready" }),
      fact("started", "2025-12-01", "ana", { ref: "f0", status: "work_trial" }),
      fact("started", "2026-03-16", "ana", { ref: "f1", status: "practicum" }),
      fact("started", "2026-05-02", "ana", { ref: "f2", status: "job" }),
      fact("ended", "2026-04-30", "ana", { ref: "f1", status: "ended_early", reason: "health" }),
    ];
    const [row] = participantRows(facts, query);
    expect(row).toMatchObject({
      joinedMonth: "2025-11",
      readinessAtJoining: "temporarily_passive",
      readinessAtEnd: "activity_ready",
      startMonth: "2026-03",
      placementKind: "practicum",
      endingKind: "ended_early",
      endingMonth: "2026-04",
    });
    // Nothing in the row is a day.
    expect(Object.values(row).filter((v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v))).toEqual([]);
  });

  it("answers still in work at 1, 3 and 6 months with yes, no, not yet due or no answer", () => {
    const facts = [
      fact("joined", "2026-01-05", "ana", { to: "job_ready" }),
      fact("started", "2026-06-10", "ana", { ref: "f1", status: "job" }),
      fact("in_work", "2026-07-12", "ana", { ref: "f1", milestone: "month1", status: "yes" }),
      fact("in_work", "2026-09-15", "ana", { ref: "f1", milestone: "month3", status: "no" }),
    ];
    expect(participantRows(facts, { ...query, today: "2026-12-09" })[0].inWork).toEqual({ 1: "yes", 3: "no", 6: "not_yet_due" });
    expect(participantRows(facts, { ...query, today: "2027-01-10" })[0].inWork).toEqual({ 1: "yes", 3: "no", 6: "no_answer" });
    const noStart = participantRows([fact("joined", "2026-01-05", "ivo", { to: "job_ready" })], query)[0];
    expect(noStart).toMatchObject({ startMonth: "", placementKind: "", endingKind: "", inWork: { 1: "", 3: "", 6: "" } });
  });

  it("follows a handover: the organisation at the period's end, and a start counts only while in the chosen programme", () => {
    const facts = [
      fact("joined", "2025-10-01", "ana", { to: "job_ready" }),
      fact("started", "2026-02-01", "ana", { ref: "f1", status: "job" }),
      fact("handover", "2026-03-01", "ana", { mentorId: "m2", organisationId: ORG_B }),
      fact("started", "2026-04-01", "ana", { ref: "f2", status: "work_trial", mentorId: "m2", organisationId: ORG_B }),
    ];
    const all = participantRows(facts, query)[0];
    expect(all).toMatchObject({ organisationId: ORG_B, startMonth: "2026-02" });
    const inB = participantRows(facts, { ...query, scope: { kind: "organisation", id: ORG_B } })[0];
    expect(inB).toMatchObject({ organisationId: ORG_B, startMonth: "2026-04", placementKind: "work_trial" });
  });
});
