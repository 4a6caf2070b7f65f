import { describe, expect, it } from "vitest";
import type { ImportReport, RowReport } from "~/import/report.server.ts";
import { cutText, reportLimits, shownReport } from "~/import/report.server.ts";
import { MAX_RUNNING_IMPORTS, takeImportTurn } from "~/import/running.server.ts";

const refused = (row: number, overrides: Partial<RowReport> = {}): RowReport => ({
  kind: "placements",
  row,
  key: "same",
  action: "reject",
  problems: [{ field: "key", message: "import.errors.repeatedKey", params: { rows: "2, 3" } }],
  changed: [],
  ...overrides,
});

function report(rows: RowReport[], fileProblems: ImportReport["fileProblems"] = []): ImportReport {
  const counts = { create: 0, update: 0, unchanged: 0, reject: 0 };
  for (const row of rows) counts[row.action] += 1;
  return { dryRun: true, allOrNothing: false, written: false, fileProblems, rows, counts, ms: 1234 };
}

describe("the report that leaves the server", () => {
  it("shows the first refused rows of 50 000, with the full count, in a small answer", () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => refused(i + 2));
    const shown = shownReport(report(rows));
    expect(shown.counts.reject).toBe(50_000);
    expect(shown.rejectedTotal).toBe(50_000);
    expect(shown.rejected.length).toBeGreaterThan(0);
    expect(shown.rejected.length).toBeLessThanOrEqual(reportLimits.rejectedRows);
    expect(shown.rejected[0]).toMatchObject({ row: 2, key: "same", problems: [{ field: "key", message: "import.errors.repeatedKey" }] });
    expect(JSON.stringify(shown).length).toBeLessThan(reportLimits.rejectedBytes + reportLimits.changedBytes + 10_000);
  });

  it("cuts every list and text a row carries, and says how much was left out", () => {
    const problems = Array.from({ length: 5000 }, (_, i) => ({ field: `f${i}${"x".repeat(500)}`, message: "import.errors.unknownField", params: { rows: "1, ".repeat(100_000), a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 } }));
    const changed = Array.from({ length: 1000 }, (_, i) => `field${i}`);
    const shown = shownReport(
      report(
        [refused(2, { key: "k".repeat(1_000_000), problems }), { kind: "placements", row: 3, key: "c", action: "update", problems: [], changed }],
        Array.from({ length: 1000 }, () => ({ field: "file", message: "import.errors.csv", params: { line: 1 } })),
      ),
    );
    const [row] = shown.rejected;
    expect(row!.key.length).toBeLessThanOrEqual(110);
    expect(row!.problems).toHaveLength(reportLimits.problemsPerRow);
    expect(row!.moreProblems).toBe(5000 - reportLimits.problemsPerRow);
    for (const problem of row!.problems) {
      expect(problem.field.length).toBeLessThanOrEqual(60);
      expect(String(problem.params!.rows).length).toBeLessThanOrEqual(reportLimits.textChars);
      expect(String(problem.params!.rows).endsWith("…")).toBe(true);
      expect(Object.keys(problem.params!)).toHaveLength(reportLimits.paramsPerProblem);
    }
    expect(shown.changes[0]!.changed).toHaveLength(reportLimits.changedFieldsPerRow);
    expect(shown.changes[0]!.moreChanged).toBe(1000 - reportLimits.changedFieldsPerRow);
    expect(shown.fileProblems).toHaveLength(reportLimits.fileProblems);
    expect(shown.moreFileProblems).toBe(1000 - reportLimits.fileProblems);
  });

  it("stops at the byte budget before the row limit when rows are long", () => {
    const long = Array.from({ length: 1000 }, (_, i) => refused(i + 2, { problems: Array.from({ length: 10 }, (_, p) => ({ field: `f${p}`, message: "import.errors.choiceOf", params: { value: "v".repeat(40), allowed: "a".repeat(300) } })) }));
    const shown = shownReport(report(long));
    expect(shown.rejected.length).toBeLessThan(1000);
    expect(JSON.stringify(shown.rejected).length).toBeLessThanOrEqual(reportLimits.rejectedBytes + 1000);
    expect(shown.rejectedTotal).toBe(1000);
  });

  it("keeps short reports whole", () => {
    const shown = shownReport(report([refused(2), refused(3), { kind: "mentees", row: 4, key: "m", action: "create", problems: [], changed: [] }]));
    expect(shown.rejected.map((r) => r.row)).toEqual([2, 3]);
    expect(shown.changes.map((r) => r.row)).toEqual([4]);
    expect(shown.rejected[0]!.problems).toEqual([{ field: "key", message: "import.errors.repeatedKey", params: { rows: "2, 3" } }]);
    expect(shown.seconds).toBe(1.2);
  });

  it("cuts a text without splitting a character", () => {
    expect(cutText("abc", 5)).toBe("abc");
    expect(cutText("abcdefgh", 5)).toBe("abcd…");
    expect(cutText("abc😀😀😀", 5)).toBe("abc…");
  });
});

describe("imports running at once", () => {
  it("lets each person run one import, and only a few in all", () => {
    const first = takeImportTurn("a");
    expect(first.ok).toBe(true);
    expect(takeImportTurn("a")).toEqual({ ok: false, message: "import.errors.stillRunning" });
    const others = Array.from({ length: MAX_RUNNING_IMPORTS - 1 }, (_, i) => takeImportTurn(`other-${i}`));
    expect(others.every((t) => t.ok)).toBe(true);
    expect(takeImportTurn("late")).toEqual({ ok: false, message: "import.errors.busy" });
    if (first.ok) {
      first.done();
      first.done();
    }
    const again = takeImportTurn("a");
    expect(again.ok).toBe(true);
    expect(takeImportTurn("late").ok).toBe(false);
    for (const turn of [again, ...others]) if (turn.ok) turn.done();
    const last = takeImportTurn("late");
    expect(last.ok).toBe(true);
    if (last.ok) last.done();
  });
});
