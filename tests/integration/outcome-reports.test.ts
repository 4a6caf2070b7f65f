import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LedgerFact } from "~/ledger/events.ts";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";

// The outcomes as files and as frozen reports, on a running portal: a mentor organisation of our
// own whose history we write into the ledger, so that we know every figure. Seven people joined;
// three started in March (a figure fewer than 5 people stand behind), one of them ended early.

let portal: RunningPortal;
let cookie = "";
const organisation = new Types.ObjectId();
const small = new Types.ObjectId();
const mentorId = new Types.ObjectId();
const mentees: { id: string; name: string }[] = [];
const period = { from: "2026-01-01", to: "2026-06-30" };
const scope = `organisation:${organisation}`;

type Fact = Omit<LedgerFact, "seq">;
const fact = (kind: Fact["kind"], day: string, menteeId: string, extra: Partial<Fact> = {}, org = organisation): Fact => ({
  kind,
  day,
  menteeId,
  mentorId: String(mentorId),
  organisationId: String(org),
  country: "HR",
  ...extra,
});

async function append(facts: Fact[]) {
  const { appendLedgerFacts } = await import("~/ledger/ledger.server.ts");
  await appendLedgerFacts(facts);
}

const get = (path: string) => fetch(`${portal.url}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
const post = (path: string, fields: Record<string, string>) => postForm(portal, path, fields, { Cookie: cookie });
const exportPath = (format: string, query: Record<string, string> = { ...period, scope }) => `/coordinator/outcomes/export?${new URLSearchParams({ ...query, format })}`;

interface FileFigure {
  id: string;
  value: number | string | null;
}
const isMedian = (id: string) => id.endsWith("medianDays") || id.endsWith("medianDaysToAnswer");
/** Figures whose shown number is 1 to 4: each would tell how few people stand behind it (medians are days, not people). */
const tellingFewPeople = (figures: FileFigure[]) => figures.filter((f) => !isMedian(f.id) && typeof f.value === "number" && f.value >= 1 && f.value <= 4);
const csvRows = (csv: string) =>
  csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .map((line) => line.split(","));
/** The rows of a report page's tables, by figure: what a reader sees. */
const pageFigures = (html: string) => [...html.matchAll(/<tr data-figure="([^"]+)">([\s\S]*?)<\/tr>/g)].map(([, id, row]) => `${id}: ${row.replace(/<[^>]+>/g, "|")}`);

async function reportCount() {
  const { OutcomeReportModel } = await import("~/outcomes/model.server.ts");
  return OutcomeReportModel.countDocuments();
}

async function submit(fields: Record<string, string>) {
  return post("/coordinator/reports?index", fields);
}

beforeAll(async () => {
  portal = await startPortal({ OUTBOX_POLL_MS: "60000" }, { seed: true });
  const login = await postForm(portal, "/login", { email: "coordinator@demo.placements.test", password: "demo-placements-2026" });
  cookie = login.headers.get("set-cookie")!.split(";")[0];
  const { OrganisationModel } = await import("~/organisations/model.server.ts");
  const { MenteeModel } = await import("~/mentees/model.server.ts");
  await OrganisationModel.create({ _id: organisation, name: "Udruga Korak", kind: "mentor_organisation", town: "Zagreb", country: "HR", status: "verified" });
  await OrganisationModel.create({ _id: small, name: "Udruga Mala", kind: "mentor_organisation", town: "Split", country: "HR", status: "verified" });
  const names = ["Zora Kovač", "Ivo Babić", "Mara Jurić", "Luka Novak", "Nina Perić", "Tin Marić", "Ema Vuković", "Rok Bilić", "Lea Knežević"];
  for (const name of names) {
    const created = await MenteeModel.create({ mentorId, firstName: name.split(" ")[0], fullName: name, readiness: "job_ready", readinessChangedAt: new Date(), town: "Zagreb", country: "HR", lat: 45.8, lng: 15.97, travelKm: 10, hoursMin: 10, hoursMax: 30 });
    mentees.push({ id: String(created._id), name });
  }
  const [a, b, c, d, e, f, g, h, i] = mentees.map((m) => m.id);
  await append([
    ...[a, b, c, d, e, f, g].map((m) => fact("joined", "2025-12-01", m, { to: "activity_ready" })),
    ...[a, b, c, d, e, f].map((m) => fact("proposed", "2026-02-02", m, { ref: String(new Types.ObjectId()) })),
    ...[a, b, c].map((m, n) => fact("started", "2026-03-02", m, { ref: `00000000000000000000000${n + 1}`, status: "job" })),
    fact("in_work", "2026-04-03", a, { ref: "000000000000000000000001", milestone: "month1", status: "yes" }),
    fact("ended", "2026-05-04", b, { ref: "000000000000000000000002", status: "ended_early", reason: "health" }),
    // Udruga Mala: two people only.
    ...[h, i].map((m) => fact("joined", "2026-01-05", m, { to: "job_ready" }, small)),
  ]);
}, 240_000);
afterAll(async () => portal?.stop());

describe("the outcomes as files", () => {
  it("writes the figures the page shows as CSV and JSON, with 'fewer than 5' instead of any number 1 to 4", async () => {
    const csvResponse = await get(exportPath("csv"));
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get("content-disposition")).toBe(`attachment; filename="outcomes_2026-01-01_2026-06-30_organisation-${organisation}.csv"`);
    const rows = csvRows(await csvResponse.text());
    // The header's note on "<5" is in the coordinator's language (here English), the column names stay for machines.
    const { getT } = await import("~/i18n/i18n.server.ts");
    expect(rows[0]).toEqual(["section", "figure", "definition", "definition_version", `value (${getT("en")("outcomeReports.export.valueNote")})`]);
    const value = (id: string) => rows.find((r) => r[1] === id)?.at(-1);
    expect(value("funnel.caseload")).toBe("7");
    expect(value("funnel.proposed")).toBe("6");
    expect(value("funnel.started")).toBe("<5");
    expect(value("endedEarly.health")).toBe("<5");
    expect(value("retention.2026-03.month1.inWork")).toBe("<5");
    expect(rows.slice(1).filter((r) => !isMedian(r[1]) && /^[1-4]$/.test(r.at(-1)!))).toEqual([]);

    const json = (await (await get(exportPath("json"))).json()) as { period: unknown; scope: { label: string }; smallNumbers: { marker: string }; definitions: { id: string; version: number; text: Record<string, string> }[]; figures: FileFigure[] };
    expect(json.period).toEqual(period);
    expect(json.scope.label).toBe("Udruga Korak");
    // "All" has a name too, in her language, not "".
    const all = (await (await get(`/coordinator/outcomes/export?${new URLSearchParams({ ...period, scope: "all", format: "json" })}`)).json()) as { scope: { label: string } };
    expect(all.scope.label).toBe(getT("en")("outcomeReports.scopeAll"));
    expect(json.smallNumbers.marker).toBe("fewer_than_5");
    expect(json.figures.find((f) => f.id === "funnel.started")?.value).toBe("fewer_than_5");
    expect(json.figures.find((f) => f.id === "funnel.caseload")?.value).toBe(7);
    expect(tellingFewPeople(json.figures)).toEqual([]);
    expect(json.definitions.find((d) => d.id === "caseload")).toMatchObject({ version: 1, text: { hr: expect.stringContaining("Korisnici") } });
  });

  it("refuses a wrong address with a short 400 in the reader's language, and no file", async () => {
    for (const query of [
      { from: "garbage", to: period.to, scope },
      { ...period, scope: "organisation:ffffffffffffffffffffffff" },
      { ...period, scope: "country:XX" },
      { from: period.to, to: period.from, scope },
      { ...period, scope: "all", format: "xml" },
    ]) {
      const response = await get(`/coordinator/outcomes/export?${new URLSearchParams({ format: "csv", ...query })}`);
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(response.headers.get("content-disposition")).toBeNull();
      expect(await response.text()).toMatch(/^The file could not be made:/);
    }
  });
});

describe("a funder's participant file", () => {
  const form = (fields: Record<string, string>) => post("/coordinator/outcomes/participants", { ...period, scope, purpose: "funder_statistics", ...fields });

  it("without names: one row per person, pseudonyms stable across files, months only, no names", async () => {
    const first = await form({});
    expect(first.status).toBe(303);
    const download = await get(first.headers.get("location")!);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="participants_2026-01-01_2026-06-30_organisation-[a-f0-9]{24}_funder-statistics\.csv"$/);
    const text = await download.text();
    const rows = csvRows(text);
    expect(rows[0]).toEqual(["participant", "country", "mentor_organisation", "joined_month", "readiness_at_joining", "readiness_at_period_end", "first_start_in_period_month", "placement_kind", "ending", "ending_month", "in_work_after_1_months", "in_work_after_3_months", "in_work_after_6_months"]);
    expect(rows).toHaveLength(8);
    for (const m of mentees) expect(text).not.toContain(m.name.split(" ")[0]);
    for (const m of mentees) expect(text).not.toContain(m.id);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(rows.filter((r) => r[6] === "2026-03").map((r) => r.slice(7))).toEqual(
      expect.arrayContaining([
        ["job", "", "", "yes", "no_answer", "no_answer"],
        // Ended early on 4 May: after its first month (no answer then), before its third and sixth (not in work).
        ["job", "ended_early", "2026-05", "no_answer", "no", "no"],
      ]),
    );
    // The same purpose again: the same codes. Another purpose: other codes, so that files for
    // different purposes (one of them may carry names, for an audit) cannot be joined.
    const again = await get((await form({})).headers.get("location")!);
    expect(csvRows(await again.text()).map((r) => r[0])).toEqual(rows.map((r) => r[0]));
    const evaluation = csvRows(await (await get((await form({ purpose: "programme_evaluation" })).headers.get("location")!)).text()).map((r) => r[0]);
    expect(evaluation).toHaveLength(rows.length);
    expect(evaluation.slice(1).filter((code) => rows.some((r) => r[0] === code))).toEqual([]);
  });

  it("refuses fewer than 5 people without names, and names for a purpose that does not allow them; nothing is recorded", async () => {
    const { AuditEntryModel } = await import("~/mentees/model.server.ts");
    const before = await AuditEntryModel.countDocuments();
    const few = await form({ scope: `organisation:${small}` });
    expect(few.status).toBe(400);
    expect(await few.text()).toContain("Fewer than 5 participants: the file could identify them");
    for (const purpose of ["funder_statistics", "programme_evaluation"]) {
      const named = await form({ purpose, includeNames: "yes" });
      expect(named.status).toBe(400);
      expect(await named.text()).toContain("Names may not be included for this purpose");
    }
    const unknown = await form({ purpose: "marketing" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("This is not one of the options");
    const garbage = await form({ from: "32. 13. 2026." });
    expect(garbage.status).toBe(400);
    // A made-up or changed download address gives no file.
    expect((await get("/coordinator/outcomes/participants/download?token=eyJ9.x")).status).toBe(400);
    expect(await AuditEntryModel.countDocuments()).toBe(before);
  });

  it("with names for an audit: each person named gets an entry in her access log before the file leaves", async () => {
    const { AuditEntryModel } = await import("~/mentees/model.server.ts");
    const named = await form({ purpose: "funder_audit", includeNames: "yes" });
    expect(named.status).toBe(303);
    const since = new Date();
    const text = await (await get(named.headers.get("location")!)).text();
    const rows = csvRows(text);
    expect(rows[0].slice(0, 2)).toEqual(["participant", "name"]);
    const listed = mentees.slice(0, 7);
    expect(rows.slice(1).map((r) => r[1]).sort()).toEqual(listed.map((m) => m.name).sort());
    const entries = await AuditEntryModel.find({ part: "export", at: { $gte: new Date(since.getTime() - 60_000) } }).lean();
    expect(entries.map((e) => String(e.menteeId)).sort()).toEqual(listed.map((m) => m.id).sort());
    // The two people of Udruga Mala are in a named file too (names make the small-number rule moot).
    expect((await post("/coordinator/outcomes/participants", { ...period, scope: `organisation:${small}`, purpose: "funder_audit", includeNames: "yes" })).status).toBe(303);
  });
});

describe("frozen reports", () => {
  let first = "";
  let frozenFigures = "";
  let frozenPage: string[] = [];
  let frozenJson = "";

  it("keeps the figures as submitted when the data changes, while the live figures follow the data", async () => {
    const response = await submit({ ...period, scope, note: "For the city's grant." });
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    expect(location).toMatch(/^\/coordinator\/reports\/[a-f0-9]{24}\?notice=reportSubmitted$/);
    first = location.split("/").at(-1)!.split("?")[0];
    const { OutcomeReportModel } = await import("~/outcomes/model.server.ts");
    const stored = (await OutcomeReportModel.findById(first).lean())!;
    expect(stored).toMatchObject({ version: 1, scopeLabel: "Udruga Korak", submittedByName: "Katarina Horvat", note: "For the city's grant." });
    frozenFigures = stored.figures;
    const page = await (await get(location)).text();
    expect(page).toContain("The report is submitted");
    frozenPage = pageFigures(page);
    expect(frozenPage.length).toBeGreaterThan(20);
    frozenJson = await (await get(`/coordinator/reports/${first}/download?format=json`)).text();
    const frozenFile = JSON.parse(frozenJson) as { figures: FileFigure[]; report: { version: number } };
    expect(frozenFile.report.version).toBe(1);
    expect(tellingFewPeople(frozenFile.figures)).toEqual([]);
    expect(frozenFile.figures.find((f) => f.id === "funnel.started")?.value).toBe("fewer_than_5");
    const frozenCsv = csvRows(await (await get(`/coordinator/reports/${first}/download?format=csv`)).text());
    expect(frozenCsv.find((r) => r[1] === "funnel.started")?.at(-1)).toBe("<5");

    // Corrections after the submission: two more starts in April, a readiness step.
    const [, , , d, e] = mentees.map((m) => m.id);
    await append([
      fact("started", "2026-04-06", d, { ref: "000000000000000000000004", status: "work_trial" }),
      fact("started", "2026-04-07", e, { ref: "000000000000000000000005", status: "job" }),
      fact("readiness", "2026-02-10", d, { from: "activity_ready", to: "job_ready" }),
    ]);
    const live = (await (await get(exportPath("json"))).json()) as { figures: FileFigure[] };
    expect(live.figures.find((f) => f.id === "funnel.started")?.value).toBe(5);

    expect((await OutcomeReportModel.findById(first).lean())!.figures).toBe(frozenFigures);
    expect(pageFigures(await (await get(`/coordinator/reports/${first}`)).text())).toEqual(frozenPage);
    const again = JSON.parse(await (await get(`/coordinator/reports/${first}/download?format=json`)).text()) as { figures: FileFigure[] };
    expect(again.figures).toEqual((JSON.parse(frozenJson) as { figures: FileFigure[] }).figures);
  });

  it("numbers a second submission 2, keeps both, and lists exactly the figures that changed", async () => {
    const response = await submit({ ...period, scope, note: "" });
    expect(response.status).toBe(302);
    const second = response.headers.get("location")!.split("/").at(-1)!.split("?")[0];
    const { OutcomeReportModel } = await import("~/outcomes/model.server.ts");
    expect((await OutcomeReportModel.find({ periodKey: `${period.from}|${period.to}|${scope}` }).sort({ version: 1 }).lean()).map((r) => [String(r._id), r.version])).toEqual([
      [first, 1],
      [second, 2],
    ]);
    const before = (JSON.parse(frozenJson) as { figures: FileFigure[] }).figures;
    const after = ((await (await get(`/coordinator/reports/${second}/download?format=json`)).json()) as { figures: FileFigure[] }).figures;
    const old = new Map(before.map((f) => [f.id, f.value]));
    const expected = after.filter((f) => old.get(f.id) !== f.value).map((f) => f.id);
    expect(expected).toEqual(expect.arrayContaining(["funnel.started", "retention.2026-04.started"]));
    expect(expected).not.toContain("funnel.caseload");

    const page = await (await get(`/coordinator/reports/${second}`)).text();
    expect(page).toContain("What changed since version 1");
    const changesTable = page.match(/<table id="changed-figures">([\s\S]*?)<\/table>/)![1];
    expect([...changesTable.matchAll(/data-figure="([^"]+)"/g)].map((m) => m[1].replace(/&gt;/g, ">"))).toEqual(expected);
    expect(changesTable).toMatch(/data-figure="funnel\.started">[\s\S]*?<td>fewer than 5<\/td><td>5<\/td>/);
    expect(page).toContain("No definition changed.");

    const list = await (await get("/coordinator/reports")).text();
    expect(list.indexOf(`/coordinator/reports/${second}`)).toBeLessThan(list.indexOf(`/coordinator/reports/${first}`));
    expect(list).toContain("Udruga Korak");
  });

  it("gives each of several submissions at the same moment its own version", async () => {
    const quarter = { from: "2026-01-01", to: "2026-03-31", scope };
    const responses = await Promise.all([1, 2, 3].map(() => submit({ ...quarter, note: "" })));
    expect(responses.map((r) => r.status)).toEqual([302, 302, 302]);
    const { OutcomeReportModel } = await import("~/outcomes/model.server.ts");
    const versions = await OutcomeReportModel.find({ periodKey: `${quarter.from}|${quarter.to}|${scope}` }).lean();
    expect(versions.map((r) => r.version).sort()).toEqual([1, 2, 3]);
  });

  it("refuses bad input on the form with its message and stores nothing", async () => {
    const before = await reportCount();
    for (const [fields, message] of [
      [{ ...period, scope, note: "x".repeat(501) }, "at most 500 characters"],
      [{ from: "not a day", to: period.to, scope, note: "" }, "date"],
      [{ ...period, scope: "organisation:ffffffffffffffffffffffff", note: "" }, "This is not one of the options"],
      [{ ...period, scope: "everything", note: "" }, "This is not one of the options"],
      [{ ...period, scope, note: "<script>alert(1)</script>" }, "characters"],
    ] as const) {
      const response = await submit(fields);
      expect(response.status, JSON.stringify(fields).slice(0, 80)).toBe(400);
      expect(await response.text()).toContain(message);
    }
    expect(await reportCount()).toBe(before);
    expect((await get(`/coordinator/reports/${"0".repeat(24)}`)).status).toBe(404);
    expect((await get(`/coordinator/reports/${first}/download?format=xml`)).status).toBe(400);
  });
});
