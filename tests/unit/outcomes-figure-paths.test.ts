import { describe, expect, it } from "vitest";
import type { LedgerFact } from "~/ledger/events.ts";
import { readFigurePath } from "~/outcomes/figure-paths.ts";
import { countFigures } from "~/outcomes/figures.ts";

// Every count on the outcomes pages links to the list behind it by the path countFigures gives that
// list; the people pages accept only paths they can name. These must agree, or a link leads to a 404.

const who = { menteeId: "m1", mentorId: "t1", organisationId: "o1", country: "HR" };
let seq = 0;
const fact = (kind: LedgerFact["kind"], day: string, extra: Partial<LedgerFact> = {}): LedgerFact => ({ seq: ++seq, kind, day, ...who, ...extra });
const history: LedgerFact[] = [
  fact("joined", "2026-01-02", { to: "temporarily_passive" }),
  fact("readiness", "2026-01-10", { from: "temporarily_passive", to: "job_ready" }),
  fact("readiness", "2026-01-20", { from: "job_ready", to: "activity_ready" }),
  fact("proposed", "2026-01-21", { ref: "p1" }),
  fact("introduced", "2026-01-22", { ref: "i1" }),
  fact("answered", "2026-01-25", { ref: "i1", status: "meeting_proposed" }),
  fact("introduced", "2026-01-23", { ref: "i2" }),
  fact("started", "2026-02-01", { ref: "f1", status: "job" }),
  fact("in_work", "2026-03-02", { ref: "f1", milestone: "month1", status: "yes" }),
  fact("in_work", "2026-05-02", { ref: "f1", milestone: "month3", status: "no" }),
  fact("ended", "2026-05-03", { ref: "f1", status: "ended_early", reason: "caring_duties" }),
  fact("started", "2026-05-10", { ref: "f2", status: "job" }),
  fact("ended", "2026-09-03", { ref: "f2", status: "hired" }),
  fact("checkin_due", "2026-02-01", { ref: "c1", dueDay: "2026-02-08" }),
  fact("checkin_done", "2026-02-20", { ref: "c1" }),
  fact("checkin_due", "2026-02-01", { ref: "c2", dueDay: "2026-02-15" }),
];

describe("the paths of the lists behind the figures", () => {
  const { lists } = countFigures(history, { from: "2026-01-01", to: "2026-12-31", today: "2026-12-31", scope: { kind: "all" } });

  it("are each read back as a figure a people page can name", () => {
    // "introductions.answered" counts the people behind a median, which links to no list.
    const paths = [...lists.keys()].filter((path) => path !== "introductions.answered");
    expect(paths.length).toBeGreaterThan(15);
    expect(paths.filter((path) => readFigurePath(path) === null)).toEqual([]);
  });

  it("refuse what is no figure", () => {
    for (const path of ["", "funnel", "funnel.nobody", "retention.2026-13.1.inWork", "retention.2026-03.2.inWork", "readiness.job_ready>job_ready", "endedEarly.__proto__", "checkins.due.x", "x".repeat(200)]) {
      expect(readFigurePath(path), path).toBeNull();
    }
  });
});
