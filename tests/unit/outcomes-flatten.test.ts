import { describe, expect, it } from "vitest";
import type { LedgerFact } from "~/ledger/events.ts";
import { definitions } from "~/outcomes/definitions.ts";
import { countFigures } from "~/outcomes/figures.ts";
import { changedDefinitions, changedFigures, definitionsUsed, flattenFigures } from "~/outcomes/flatten.ts";
import { FEWER_THAN_5, showFigures } from "~/outcomes/small-numbers.ts";

// The figures as rows (what the CSV, the JSON and a frozen report's tables hold) and the
// comparison of two versions of a report.

let seq = 0;
function fact(kind: LedgerFact["kind"], day: string, menteeId: string, extra: Partial<LedgerFact> = {}): LedgerFact {
  return { seq: ++seq, kind, day, menteeId, mentorId: "m1", organisationId: "a".repeat(24), country: "HR", ...extra };
}
const query = { from: "2026-01-01", to: "2026-06-30", today: "2026-12-31", scope: { kind: "all" } as const };

function shown(facts: LedgerFact[]) {
  return showFigures(countFigures(facts, query).figures, { named: false });
}

const six = ["a", "b", "c", "d", "e", "f"];
const history = [
  ...six.map((m) => fact("joined", "2026-01-10", m, { to: "job_ready" })),
  ...six.map((m, i) => fact("started", "2026-03-02", m, { ref: `f${i}`, status: "job" })),
  fact("started", "2026-04-02", "a", { ref: "g1", status: "job" }),
  fact("ended", "2026-05-02", "a", { ref: "g1", status: "ended_early", reason: "health" }),
];

describe("flattened figures", () => {
  it("names each figure by its path, with its definition and version, and keeps 'fewer than 5'", () => {
    const rows = flattenFigures(shown(history));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get("funnel.caseload")).toEqual({ section: "funnel", id: "funnel.caseload", definition: "caseload", version: 1, value: 6 });
    expect(byId.get("funnel.in_work_3")).toMatchObject({ definition: "in_work" });
    expect(byId.get("retention.2026-03.started")?.value).toBe(6);
    expect(byId.get("retention.2026-03.month3.unknown")?.value).toBe(6);
    expect(byId.get("retention.2026-04.started")?.value).toBe(FEWER_THAN_5);
    expect(byId.get("endedEarly.health")).toMatchObject({ section: "endedEarly", definition: "endings", value: FEWER_THAN_5 });
    // Nobody behind a figure is fewer than 5 too: a zero would tell as much as a one.
    expect(byId.get("readiness.activity_ready>job_ready.steps")?.value).toBe(FEWER_THAN_5);
    expect(byId.get("introductions.medianDaysToAnswer")?.value).toBeNull();
    expect(byId.get("checkins.onTime")?.value).toBe(FEWER_THAN_5);
    // Every figure once; no value between 1 and 4 survives.
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(rows.filter((r) => typeof r.value === "number" && r.value >= 1 && r.value <= 4)).toEqual([]);
  });

  it("lists each definition used once, with the small-number rule, in all four languages", () => {
    const used = definitionsUsed(flattenFigures(shown(history)));
    expect(used.map((d) => d.id)).toEqual(definitions.map((d) => d.id));
    for (const d of used) expect(Object.keys(d.text).sort()).toEqual(["da", "en", "hr", "sl"]);
  });

  it("compares two versions: exactly the figures whose shown value differs, and the figures only one has", () => {
    const before = flattenFigures(shown(history));
    const after = flattenFigures(
      shown([...history, ...["g", "h", "i", "j", "k"].map((m) => fact("joined", "2026-02-01", m, { to: "job_ready" })), ...["g", "h", "i", "j"].map((m, i) => fact("started", "2026-04-03", m, { ref: `h${i}`, status: "job" }))]),
    );
    const changes = changedFigures(before, after);
    expect(changes.map((c) => [c.id, c.before, c.after])).toEqual([
      ["funnel.caseload", 6, 11],
      ["funnel.started", 6, 10],
      ["retention.2026-04.started", FEWER_THAN_5, 5],
      ["retention.2026-04.month1.due", FEWER_THAN_5, 5],
      ["retention.2026-04.month1.unknown", FEWER_THAN_5, 5],
      ["retention.2026-04.month3.due", FEWER_THAN_5, 5],
      ["retention.2026-04.month6.due", FEWER_THAN_5, 5],
    ]);
    // The early end on 2 May (a month after the start) leaves one of the five out of work at 3 and 6
    // months: the four left without an answer stay fewer than 5.
    expect(changedFigures(before, before)).toEqual([]);
    expect(changedFigures(before, before.filter((r) => r.id !== "endedEarly.health"))).toEqual([{ id: "endedEarly.health", section: "endedEarly", before: FEWER_THAN_5, after: undefined }]);
  });

  it("compares the definitions' versions", () => {
    expect(changedDefinitions([{ id: "caseload", version: 1 }, { id: "started", version: 1 }], [{ id: "caseload", version: 2 }, { id: "started", version: 1 }, { id: "endings", version: 1 }])).toEqual([
      { id: "caseload", before: 1, after: 2 },
      { id: "endings", before: undefined, after: 1 },
    ]);
  });
});

describe("the figures' CSV", () => {
  it("explains '<5' in its value column in the coordinator's language", async () => {
    const { figuresCsv } = await import("~/outcomes/export.server.ts");
    const { getT } = await import("~/i18n/i18n.server.ts");
    for (const language of ["hr", "sl", "da", "en"] as const) {
      const header = figuresCsv([], getT(language)).replace(/^\uFEFF/, "").split("\r\n")[0];
      expect(header).toBe(`section,figure,definition,definition_version,value (${getT(language)("outcomeReports.export.valueNote")})`);
    }
    expect(figuresCsv([], getT("hr"))).toContain("manje od 5 osoba");
  });
});
