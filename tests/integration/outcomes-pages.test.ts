import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";

// The outcomes pages of a running portal: a history appended to the ledger (six starts in one month
// in Croatia, one in Denmark, two placements ended early, five steps of readiness) and what the
// coordinator (reading Croatian), the Croatian mentor and the Danish mentor then see. The events
// count for two mentor organisations of this test's own, so that the demo's generated history (in
// the demo's organisations) does not change the numbers asked of them.

let portal: RunningPortal;
const cookies: Record<string, string> = {};
const logins = { coordinator: "coordinator@demo.placements.test", mentor: "mentor.hr@demo.placements.test", otherMentor: "mentor.da@demo.placements.test", employer: "employer.hr@demo.placements.test", mentee: "mentee@demo.placements.test" };
const newNames = ["Lucija Babić", "Petra Kovač", "Tomislav Jurić", "Goran Novak", "Sanja Perić"];
let period = { from: "", to: "" };
let cohortStart = "";
const programmes = { hr: "", dk: "" };

beforeAll(async () => {
  portal = await startPortal({ OUTBOX_POLL_MS: "60000" }, { seed: true });
  for (const [who, email] of Object.entries(logins)) {
    const response = await postForm(portal, "/login", { email, password: "demo-placements-2026" });
    cookies[who] = response.headers.get("set-cookie")!.split(";")[0];
  }
  const { MenteeModel } = await import("~/mentees/model.server.ts");
  const { UserModel } = await import("~/accounts/model.server.ts");
  const { appendLedgerFacts } = await import("~/ledger/ledger.server.ts");
  const { programmeToday } = await import("~/i18n/dates.ts");
  const { addMonths } = await import("~/outcomes/figures.ts");
  const mentor = (await UserModel.findOne({ email: logins.mentor }).lean())!;
  const otherMentor = (await UserModel.findOne({ email: logins.otherMentor }).lean())!;
  await UserModel.updateOne({ email: logins.coordinator }, { $set: { language: "hr" } });
  const ivan = (await MenteeModel.findOne({ key: "mentee-ivan" }).lean())!;
  const ahmed = (await MenteeModel.findOne({ key: "mentee-ahmed" }).lean())!;
  // Five more of the Croatian mentor's mentees, so that a figure can reach 5.
  const { _id: _ivanId, key: _ivanKey, ...ivanFields } = ivan;
  const added = await MenteeModel.insertMany(newNames.map((fullName, i) => ({ ...ivanFields, _id: new Types.ObjectId(), key: `outcomes-test-${i}`, firstName: fullName.split(" ")[0], fullName })));

  const today = programmeToday();
  const thisMonth = `${today.slice(0, 7)}-01`;
  cohortStart = addMonths(thisMonth, -5);
  period = { from: addMonths(thisMonth, -6), to: today };
  const day = (offset: number) => new Date(Date.parse(`${cohortStart}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const { OrganisationModel } = await import("~/organisations/model.server.ts");
  const [hrProgramme, dkProgramme] = await OrganisationModel.insertMany([
    { name: "Ishodi Zagreb", kind: "mentor_organisation", town: "Zagreb", country: "HR", status: "verified" },
    { name: "Udfald Aarhus", kind: "mentor_organisation", town: "Aarhus", country: "DK", status: "verified" },
  ]);
  programmes.hr = `organisation:${String(hrProgramme._id)}`;
  programmes.dk = `organisation:${String(dkProgramme._id)}`;
  const hr = { mentorId: String(mentor._id), organisationId: String(hrProgramme._id), country: "HR" };
  const starters = [ivan._id, ...added.map((m) => m._id)].map(String);
  const facts = [
    ...added.map((m) => ({ kind: "joined" as const, day: day(-30), menteeId: String(m._id), to: "activity_ready", ...hr })),
    ...added.map((m) => ({ kind: "readiness" as const, day: day(-10), menteeId: String(m._id), from: "activity_ready", to: "job_ready", ...hr })),
    ...starters.flatMap((menteeId, i) => {
      const ref = String(new Types.ObjectId());
      return [
        { kind: "started" as const, day: day(2), menteeId, ref, status: "job", ...hr },
        { kind: "in_work" as const, day: day(35), menteeId, ref, milestone: "month1", status: "yes", ...hr },
        // Two still in work at three months, one no longer: fewer than 5 each.
        ...(i < 3 ? [{ kind: "in_work" as const, day: day(95), menteeId, ref, milestone: "month3", status: i < 2 ? "yes" : "no", ...hr }] : []),
        ...(i >= 4 ? [{ kind: "ended" as const, day: day(50), menteeId, ref, status: "ended_early", reason: "health", ...hr }] : []),
      ];
    }),
    { kind: "started" as const, day: day(3), menteeId: String(ahmed._id), ref: String(new Types.ObjectId()), status: "job", mentorId: String(otherMentor._id), organisationId: String(dkProgramme._id), country: "DK" },
  ];
  await appendLedgerFacts(facts);
}, 240_000);
afterAll(async () => portal?.stop());

const get = (who: string, path: string) => fetch(`${portal.url}${path}`, { redirect: "manual", headers: { Cookie: cookies[who] ?? "" } });
const outcomes = (params: Record<string, string>) => `/coordinator/outcomes?${new URLSearchParams(params)}`;
/** The text of the link to the list behind a figure (a count, or "fewer than 5"). */
const shown = (html: string, figure: string) => html.match(new RegExp(`figure=${figure.replace(/[.>]/g, (c) => (c === ">" ? "%3E" : "\\."))}"[^>]*>([^<]*)<`))?.[1];

describe("the coordinator's outcomes page", () => {
  it("shows the period's figures in Croatian, small ones as “manje od 5”, each with how it is counted", async () => {
    const { definitionOf } = await import("~/outcomes/definitions.ts");
    const response = await get("coordinator", outcomes({ ...period, scope: programmes.hr }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(shown(html, "funnel.started")).toBe("6");
    expect(shown(html, "funnel.in_work_1")).toBe("6");
    expect(shown(html, "funnel.in_work_3")).toBe("manje od 5");
    expect(shown(html, "endedEarly.health")).toBe("manje od 5");
    expect(shown(html, "readiness.activity_ready>job_ready")).toBe("5");
    expect(shown(html, `retention.${cohortStart.slice(0, 7)}.1.inWork`)).toBe("6");
    expect(shown(html, `retention.${cohortStart.slice(0, 7)}.3.notInWork`)).toBe("manje od 5");
    // Nothing says how many stand behind a small figure, not even the chart's description.
    expect(html).not.toMatch(/Rade nakon 3 mjeseca: 2/);
    for (const id of ["started", "in_work", "endings", "readiness_steps", "small_numbers"] as const) expect(html).toContain(definitionOf(id).text.hr.replace(/"/g, "&quot;"));
    expect(html).toContain("Rezultati programa");
    expect(html).toMatch(/<svg role="img" aria-labelledby="funnel-chart-title funnel-chart-desc"/);
  });

  it("counts only the chosen programme: the Danish programme leaves out the starts in Croatia, the whole programme counts both", async () => {
    const danish = await (await get("coordinator", outcomes({ ...period, scope: programmes.dk }))).text();
    expect(shown(danish, "funnel.started")).toBe("manje od 5");
    const everyone = await (await get("coordinator", outcomes({ ...period, scope: "all" }))).text();
    expect(Number(shown(everyone, "funnel.started"))).toBeGreaterThanOrEqual(7);
    const croatia = await (await get("coordinator", outcomes({ ...period, scope: "country:HR" }))).text();
    expect(Number(shown(croatia, "funnel.started"))).toBeGreaterThanOrEqual(6);
    expect(Number(shown(croatia, "funnel.started"))).toBeLessThan(Number(shown(everyone, "funnel.started")));
  });

  it("lists the people behind a figure by name, also behind one shown as “fewer than 5”", async () => {
    const started = await (await get("coordinator", `/coordinator/outcomes/people?${new URLSearchParams({ ...period, scope: "country:HR", figure: "funnel.started" })}`)).text();
    for (const name of ["Ivan Horvat", ...newNames]) expect(started).toContain(name);
    expect(started).not.toContain("Ahmed");
    expect(started).toMatch(/href="\/coordinator\/mentees\/[a-f0-9]{24}"/);
    const early = await (await get("coordinator", `/coordinator/outcomes/people?${new URLSearchParams({ ...period, scope: "all", figure: "endedEarly.health" })}`)).text();
    expect(early).toContain("Goran Novak");
    expect(early).toContain("Sanja Perić");
    expect(early).not.toContain("Lucija Babić");
  });

  it("answers a bad period with its error in Croatian on the form, and the default period's figures", async () => {
    const backwards = await get("coordinator", outcomes({ from: "2026-05-01", to: "2026-01-01", scope: "all" }));
    expect(backwards.status).toBe(400);
    const html = await backwards.text();
    expect(html).toContain("Kraj razdoblja ne smije biti prije početka razdoblja.");
    expect(html).toContain('aria-invalid="true"');
    expect(shown(html, "funnel.caseload")).toBeDefined();
    // An organisation that is not one of the choices (a stale bookmark) is an error, not "the whole programme".
    const unknown = await get("coordinator", outcomes({ ...period, scope: "organisation:000000000000000000000000" }));
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('aria-invalid="true"');
    for (const query of [{ from: "yesterday" }, { to: "2026-02-30" }, { scope: "organisation:nope" }, { from: "1990-01-01", to: "2026-01-01" }] as Record<string, string>[]) {
      const response = await get("coordinator", outcomes(query));
      expect(response.status, JSON.stringify(query)).toBe(400);
    }
    const badPeriod = await get("coordinator", `/coordinator/outcomes/people?from=2027-05-01&to=2027-01-01&figure=funnel.started`);
    expect(badPeriod.status).toBe(400);
    // The page names the problem with the period, not "please try again in a moment".
    const { getT } = await import("~/i18n/i18n.server.ts");
    const coordinatorT = getT((await badPeriod.text()).match(/<html lang="(\w+)"/)![1] as "hr");
    expect(await (await get("coordinator", `/coordinator/outcomes/people?from=2027-05-01&to=2027-01-01&figure=funnel.started`)).text()).toContain(`<p>${coordinatorT("errors.periodEndBeforeStart")}</p>`);
    expect((await get("coordinator", `/coordinator/outcomes/people?from=x&figure=funnel.started`)).status).toBe(400);
    expect((await get("coordinator", `/coordinator/outcomes/people?figure=funnel.nothing`)).status).toBe(404);
  });
});

describe("a mentor's own figures", () => {
  it("show her caseload's figures on /mentor unsuppressed, linked to her own list", async () => {
    const html = await (await get("mentor", "/mentor")).text();
    expect(html).toContain("Podaci vaše mentorske skupine (zadnjih 12 mjeseci)");
    expect(shown(html, "funnel.started")).toBe("6");
    expect(shown(html, "funnel.in_work_3")).toBe("2");
    expect(html).toMatch(/href="\/mentor\/outcomes\/people\?[^"]*figure=funnel\.in_work_3"/);
    const list = await (await get("mentor", `/mentor/outcomes/people?${new URLSearchParams({ ...period, figure: "funnel.in_work_3" })}`)).text();
    expect(list).toContain("Ivan Horvat");
    expect(list).toContain("Lucija Babić");
    expect(list).toMatch(/href="\/mentor\/mentees\/[a-f0-9]{24}"/);
  });

  it("cannot open another scope: another mentor's people stay out of her list, and the programme's page is refused", async () => {
    const asked = await (await get("otherMentor", `/mentor/outcomes/people?${new URLSearchParams({ ...period, scope: "country:HR", figure: "funnel.started" })}`)).text();
    expect(asked).not.toContain("Ivan Horvat");
    expect(asked).not.toContain("Lucija");
    expect(asked).toContain("Ahmed");
    expect((await get("mentor", outcomes(period))).status).toBe(403);
    expect((await get("mentor", "/coordinator/outcomes/people?figure=funnel.started")).status).toBe(403);
    for (const who of ["employer", "mentee"]) expect((await get(who, "/mentor/outcomes/people?figure=funnel.started")).status).toBe(403);
    expect((await get("anonymous", "/coordinator/outcomes")).status).toBe(302);
  });
});
