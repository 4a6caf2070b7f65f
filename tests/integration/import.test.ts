import { describe, expect, it } from "vitest";
import type { SessionUser } from "~/accounts/session.server.ts";
import { makeEmployer, placementInput, drainOutbox, pendingOutbox } from "../support/placements.ts";
import { makeMentor, menteeInput } from "../support/mentees.ts";
import { until } from "../support/until.ts";

// The import engine against the real database and Meilisearch: what a file does to the records.
const engine = () => import("~/import/import.server.ts");
const exporter = () => import("~/import/export.server.ts");
const models = async () => ({
  ...(await import("~/organisations/model.server.ts")),
  ...(await import("~/placements/model.server.ts")),
  ...(await import("~/mentees/model.server.ts")),
  ...(await import("~/accounts/model.server.ts")),
  ...(await import("~/outbox/model.server.ts")),
});

let n = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${n++}`;
const bytes = (text: string) => new TextEncoder().encode(text);
const json = (data: unknown) => bytes(JSON.stringify(data));
const coordinator = { _id: "0000000000000000000000c0" as unknown, role: "coordinator", approval: "approved", name: "Coordinator", email: "c@example.test" } as SessionUser;

function placementRow(key: string, organisation: string, overrides: Record<string, unknown> = {}) {
  return {
    key,
    organisation,
    title: `Kitchen helper ${key}`,
    description: "You help the cooks, wash dishes and keep the kitchen tidy; a buddy shows you everything.",
    language: "hr",
    kind: "work_trial",
    sector: "hospitality",
    town: "Varaždin",
    country: "HR",
    hoursMin: 10,
    hoursMax: 20,
    readiness: "activity_ready",
    languages: ["hr"],
    support: ["onsite_buddy", "gradual_start"],
    skills: ["dishwashing", "cleaning"],
    physicalDemands: "medium",
    status: "published",
    ...overrides,
  };
}

/** A file with one of each kind, all referring to each other by key. */
function programmeFile(tag: string) {
  const employer = `${tag}-employer`;
  const mentorOrganisation = `${tag}-csw`;
  return {
    organisations: [
      { key: employer, name: `Pekara ${tag}`, kind: "employer", town: "Varaždin", country: "HR", contactEmail: `info-${tag}@example.test`, verified: true },
      { key: mentorOrganisation, name: `CZSS ${tag}`, kind: "mentor_organisation", mentorOrganisationType: "centre_for_social_care", town: "Varaždin", country: "HR", verified: true },
    ],
    mentors: [{ key: `${tag}-mentor`, email: `mentor-${tag}@example.test`, name: "Marko Mentor", organisation: mentorOrganisation, language: "hr" }],
    placements: [placementRow(`${tag}-p1`, employer), placementRow(`${tag}-p2`, employer, { kind: "job", readiness: "job_ready", status: "draft" })],
    mentees: [
      {
        key: `${tag}-m1`,
        mentor: `${tag}-mentor`,
        firstName: "Ivana",
        readiness: "activity_ready",
        town: "Varaždin",
        country: "HR",
        travelKm: 20,
        hoursMin: 8,
        hoursMax: 20,
        languages: ["hr"],
        interests: ["kuhanje"],
        skills: [],
        supportNeeded: ["gradual_start"],
        goals: "Raditi u kuhinji",
        notes: "Tajna bilješka o zdravlju",
      },
    ],
  };
}

async function counts() {
  const m = await models();
  return {
    organisations: await m.OrganisationModel.countDocuments(),
    users: await m.UserModel.countDocuments(),
    placements: await m.PlacementModel.countDocuments(),
    mentees: await m.MenteeModel.countDocuments(),
    planChanges: await m.PlanChangeModel.countDocuments(),
    outbox: await m.OutboxModel.countDocuments(),
  };
}

describe("importing a file", () => {
  it("reports a dry run row by row and writes nothing", async () => {
    const { importFile } = await engine();
    const before = await counts();
    const report = await importFile(coordinator, json(programmeFile(unique("dry"))), { dryRun: true });
    expect(report.fileProblems).toEqual([]);
    expect(report.rows.map((r) => `${r.kind}:${r.action}`)).toEqual([
      "organisations:create",
      "organisations:create",
      "mentors:create",
      "placements:create",
      "placements:create",
      "mentees:create",
    ]);
    expect(report.written).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it("imports once; the same file again changes nothing", async () => {
    const { importFile } = await engine();
    const m = await models();
    const file = json(programmeFile(unique("idem")));
    const first = await importFile(coordinator, file, { dryRun: false });
    expect(first.counts).toEqual({ create: 6, update: 0, unchanged: 0, reject: 0 });
    const after = await counts();
    const stamps = (await m.PlacementModel.find({}).select("updatedAt").lean()).map((p) => p.updatedAt.getTime()).sort();

    const again = await importFile(coordinator, file, { dryRun: false });
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 6, reject: 0 });
    expect(await counts()).toEqual(after);
    expect((await m.PlacementModel.find({}).select("updatedAt").lean()).map((p) => p.updatedAt.getTime()).sort()).toEqual(stamps);
  });

  it("updates only the record whose row changed, and names the changed fields", async () => {
    const { importFile } = await engine();
    const m = await models();
    const tag = unique("upd");
    const file = programmeFile(tag);
    await importFile(coordinator, json(file), { dryRun: false });
    const before = await m.PlacementModel.find({ key: { $in: [`${tag}-p1`, `${tag}-p2`] } }).lean();
    // From now on, a record written again would carry a later time than it has.
    const latest = Math.max(...before.map((p) => p.updatedAt.getTime()));
    await until("the clock has moved past the import", () => Date.now() > latest);

    file.placements[1]!.title = "Warehouse job with a buddy";
    file.placements[1]!.hoursMax = 30;
    const report = await importFile(coordinator, json(file), { dryRun: false });
    const changedRows = report.rows.filter((r) => r.action !== "unchanged");
    expect(changedRows).toEqual([expect.objectContaining({ kind: "placements", key: `${tag}-p2`, action: "update", changed: ["title", "hoursMax"] })]);
    const after = await m.PlacementModel.find({ key: { $in: [`${tag}-p1`, `${tag}-p2`] } }).lean();
    const byKey = (list: typeof after, key: string) => list.find((p) => p.key === key)!;
    expect(byKey(after, `${tag}-p2`).title).toBe("Warehouse job with a buddy");
    expect(byKey(after, `${tag}-p2`).hoursMax).toBe(30);
    expect(byKey(after, `${tag}-p1`).updatedAt).toEqual(byKey(before, `${tag}-p1`).updatedAt);
  });

  it("keeps the value of a column the file leaves out, and clears a cell left empty", async () => {
    const { importFile } = await engine();
    const { PlacementModel, OrganisationModel } = await models();
    const tag = unique("partial");
    const file = programmeFile(tag);
    file.placements[0] = { ...file.placements[0]!, supportNotes: "Kolega vas čeka na ulazu." } as never;
    await importFile(coordinator, json(file), { dryRun: false });
    // A coordinator's short list: no status, supportNotes, languages or coordinates; support emptied.
    const csv = [
      "key,organisation,title,description,language,kind,sector,town,country,hoursMin,hoursMax,readiness,physicalDemands,support",
      `${tag}-p1,${tag}-employer,Kitchen helper (mornings),"You help the cooks, wash dishes and keep the kitchen tidy; a buddy shows you everything.",hr,work_trial,hospitality,Varaždin,HR,10,20,activity_ready,medium,`,
    ].join("\n");
    const report = await importFile(coordinator, bytes(csv), { dryRun: false });
    expect(report.rows).toEqual([expect.objectContaining({ action: "update", changed: ["title", "support"] })]);
    const stored = await PlacementModel.findOne({ key: `${tag}-p1` }).lean();
    expect(stored).toMatchObject({ title: "Kitchen helper (mornings)", status: "published", supportNotes: "Kolega vas čeka na ulazu.", languages: ["hr"], support: [] });

    const organisations = await importFile(coordinator, bytes(`key,contactEmail\n${tag}-employer,`), { dryRun: false, kind: "organisations" });
    expect(organisations.rows[0]).toMatchObject({ action: "update", changed: ["contactEmail"] });
    expect((await OrganisationModel.findOne({ key: `${tag}-employer` }).lean())!.contactEmail ?? null).toBeNull();
  });

  it("looks up the new town when an exported row moves a placement but keeps the old coordinates", async () => {
    const { importFile } = await engine();
    const { exportData, toCsv } = await exporter();
    const { PlacementModel } = await models();
    const employer = await makeEmployer();
    const { createPlacement } = await import("~/placements/placements.server.ts");
    await createPlacement(employer, placementInput({ town: "Varaždin" }), { publish: false });
    const exported = (await exportData(employer, ["placements"])).placements!;
    const moved = toCsv("placements", exported.map((row) => ({ ...row, town: "Zagreb" })));
    const report = await importFile(employer, bytes(moved), { dryRun: false });
    expect(report.rows[0]).toMatchObject({ action: "update", changed: ["town", "lat", "lng"] });
    const stored = await PlacementModel.findOne({ organisationId: employer.organisationId }).lean();
    expect(stored).toMatchObject({ town: "Zagreb" });
    expect(stored!.lat).toBeCloseTo(45.81, 1);
  });

  it("refuses a date that does not exist and reads Croatian decimal commas in coordinates", async () => {
    const { importFile } = await engine();
    const report = await importFile(coordinator, json({ placements: [placementRow("d1", "nowhere", { startDate: "2026-02-30" }), placementRow("d2", "nowhere", { lat: "45,5", lng: "16,1" })] }), { dryRun: true });
    expect(report.rows[0]!.problems).toContainEqual({ field: "startDate", message: "errors.date" });
    expect(report.rows[1]!.problems).toEqual([{ field: "organisation", message: "import.errors.unknownOrganisation" }]);
  });

  it("checks an organisation's town against the gazetteer, as registration does", async () => {
    const { importFile } = await engine();
    const { OrganisationModel } = await models();
    const tag = unique("town");
    const report = await importFile(
      coordinator,
      json({
        organisations: [
          { key: `${tag}-a`, name: `Atlantida ${tag}`, kind: "employer", town: "Atlantida", country: "HR" },
          { key: `${tag}-b`, name: `Varazdin ${tag}`, kind: "employer", town: "varazdin", country: "HR" },
        ],
      }),
      { dryRun: false },
    );
    expect(report.rows.map((r) => [r.action, r.problems])).toEqual([
      ["reject", [{ field: "town", message: "errors.unknownTown" }]],
      ["create", []],
    ]);
    expect(await OrganisationModel.exists({ key: `${tag}-a` })).toBeNull();
    expect((await OrganisationModel.findOne({ key: `${tag}-b` }).lean())?.town).toBe("Varaždin");
  });

  it("refuses a new start date in the past, and keeps the date of a placement that has started", async () => {
    const { importFile } = await engine();
    const { PlacementModel } = await models();
    const tag = unique("past");
    await importFile(coordinator, json({ organisations: programmeFile(tag).organisations }), { dryRun: false });
    const refused = await importFile(coordinator, json({ placements: [placementRow(`${tag}-1`, `${tag}-employer`, { startDate: "2024-01-15" })] }), { dryRun: true });
    expect(refused.rows[0]!.problems).toEqual([{ field: "startDate", message: "errors.startDateInPast", params: { earliestDate: new Date().toLocaleDateString("sv", { timeZone: "Europe/Zagreb" }) } }]);
    // One that started (in the database from before the check): exported and imported again with its date, changed otherwise.
    await importFile(coordinator, json({ placements: [placementRow(`${tag}-2`, `${tag}-employer`, { startDate: "2099-01-15" })] }), { dryRun: false });
    await PlacementModel.updateOne({ key: `${tag}-2` }, { $set: { startDate: new Date("2024-01-15T00:00:00Z") } });
    const kept = await importFile(coordinator, json({ placements: [placementRow(`${tag}-2`, `${tag}-employer`, { startDate: "2024-01-15", title: "Still running" })] }), { dryRun: false });
    expect(kept.rows[0]).toMatchObject({ action: "update", problems: [], changed: ["title"] });
  });

  it("neither lifts nor sets a coordinator's take-down, but lets the employer change and close the placement", async () => {
    const { importFile } = await engine();
    const { PlacementModel } = await models();
    const { takeDownPlacement } = await import("~/placements/placements.server.ts");
    const tag = unique("down");
    await importFile(coordinator, json({ organisations: programmeFile(tag).organisations, placements: [placementRow(`${tag}-1`, `${tag}-employer`)] }), { dryRun: false });
    const placement = (await PlacementModel.findOne({ key: `${tag}-1` }).lean())!;
    expect(await takeDownPlacement(coordinator, String(placement._id), "The wage is missing")).toBe(true);
    const republished = await importFile(coordinator, json({ placements: [placementRow(`${tag}-1`, `${tag}-employer`, { status: "published" })] }), { dryRun: false });
    expect(republished.rows[0]!.problems).toEqual([{ field: "status", message: "errors.takenDown" }]);
    expect((await PlacementModel.findById(placement._id).lean())?.status).toBe("taken_down");
    const newOne = await importFile(coordinator, json({ placements: [placementRow(`${tag}-2`, `${tag}-employer`, { status: "taken_down" })] }), { dryRun: true });
    expect(newOne.rows[0]!.problems).toEqual([{ field: "status", message: "errors.takeDownOnlyOnPage" }]);
    const edited = await importFile(coordinator, json({ placements: [placementRow(`${tag}-1`, `${tag}-employer`, { status: "taken_down", title: "With the wage" })] }), { dryRun: false });
    expect(edited.rows[0]).toMatchObject({ action: "update", changed: ["title"] });
    expect(await PlacementModel.findById(placement._id).lean()).toMatchObject({ status: "taken_down", title: "With the wage", moderationReason: "The wage is missing" });
    expect((await PlacementModel.findById(placement._id).lean())?.editedAfterTakeDownAt).toBeInstanceOf(Date);
    const closed = await importFile(coordinator, json({ placements: [placementRow(`${tag}-1`, `${tag}-employer`, { status: "closed", title: "With the wage" })] }), { dryRun: false });
    expect(closed.rows[0]).toMatchObject({ action: "update", changed: ["status"] });
  });

  it("reports exactly the one bad row of a CSV file and still imports the good ones", async () => {
    const { importFile } = await engine();
    const { PlacementModel } = await models();
    const tag = unique("csv");
    await importFile(coordinator, json({ organisations: [{ key: tag, name: `Zrno ${tag}`, kind: "employer", town: "Zagreb", country: "HR", verified: true }] }), { dryRun: false });
    const header = "key,organisation,title,description,language,kind,sector,town,country,hoursMin,hoursMax,readiness,languages,support,skills,physicalDemands,status";
    const line = (i: number, hoursMin = "10") =>
      `${tag}-${i},${tag},Baker's helper ${i},"You knead dough, bake bread and clean the trays, with a buddy.",hr,work_trial,food_production,Zagreb,HR,${hoursMin},20,activity_ready,hr;en,onsite_buddy;gradual_start,baking;cleaning,medium,published`;
    const csv = [header, line(1), line(2), line(3, "ten"), line(4)].join("\n");
    const report = await importFile(coordinator, bytes(csv), { dryRun: false });
    expect(report.rows.filter((r) => r.action === "reject")).toEqual([
      { kind: "placements", row: 4, key: `${tag}-3`, action: "reject", problems: [{ field: "hoursMin", message: "errors.hoursBetween", params: { min: "1", max: "60" } }], changed: [] },
    ]);
    expect(report.counts.create).toBe(3);
    const stored = await PlacementModel.find({ key: { $in: [`${tag}-1`, `${tag}-2`, `${tag}-3`, `${tag}-4`] } }).lean();
    expect(stored.map((p) => p.key).sort()).toEqual([`${tag}-1`, `${tag}-2`, `${tag}-4`]);
    expect(stored[0]!.languages).toEqual(["hr", "en"]);
    expect(stored[0]!.skills).toEqual(["baking", "cleaning"]);
  });

  it("makes each record once when the same file is imported twice at the same moment", async () => {
    const { importFile } = await engine();
    const { PlacementModel } = await models();
    const tag = unique("race");
    await importFile(coordinator, json({ organisations: programmeFile(tag).organisations }), { dryRun: false });
    const file = json({ placements: [placementRow(`${tag}-1`, `${tag}-employer`), placementRow(`${tag}-2`, `${tag}-employer`)] });
    const reports = await Promise.all([importFile(coordinator, file, { dryRun: false }), importFile(coordinator, file, { dryRun: false })]);
    expect(await PlacementModel.countDocuments({ key: { $in: [`${tag}-1`, `${tag}-2`] } })).toBe(2);
    const outcomes = reports.flatMap((r) => r.rows.map((row) => row.action));
    expect(outcomes.filter((a) => a === "create")).toHaveLength(2);
    for (const row of reports.flatMap((r) => r.rows).filter((r) => r.action === "reject")) expect(row.problems).toEqual([{ field: "key", message: "import.errors.keyTaken" }]);
  });

  it("writes nothing under all-or-nothing when a row is refused", async () => {
    const { importFile } = await engine();
    const file = programmeFile(unique("aon"));
    file.placements[0]!.kind = "internship";
    const before = await counts();
    const report = await importFile(coordinator, json(file), { dryRun: false, allOrNothing: true });
    expect(report.rows.find((r) => r.action === "reject")).toMatchObject({ kind: "placements", row: 1, problems: [{ field: "kind", message: "import.errors.choiceOf", params: { value: "internship", allowed: "job, work_trial, practicum, social_enterprise, training, volunteering" } }] });
    expect(report.written).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it("brings imported published placements into search through the outbox", async () => {
    const { importFile } = await engine();
    const tag = unique("idx");
    const file = programmeFile(tag);
    file.placements[0]!.title = `Searchable ${tag}`;
    await importFile(coordinator, json(file), { dryRun: false });
    expect(await pendingOutbox("placement-sync")).toBeGreaterThan(0);
    await drainOutbox();
    const { searchPlacements } = await import("~/placements/search.server.ts");
    const { searchQuerySchema } = await import("~/placements/schema.server.ts");
    const result = await searchPlacements(searchQuerySchema.parse({ q: `Searchable ${tag}` }));
    expect(result.mode).toBe("search");
    expect(result.hits.map((h) => h.title)).toContain(`Searchable ${tag}`);
  });

  it("stores imported mentees as if typed into the plan: sealed, with a history, and their mentor invited", async () => {
    const { importFile } = await engine();
    const m = await models();
    const tag = unique("sealed");
    await importFile(coordinator, json(programmeFile(tag)), { dryRun: false });
    const mentee = await m.MenteeModel.findOne({ key: `${tag}-m1` }).lean();
    expect(mentee!.notesSealed).not.toContain("Tajna");
    expect(mentee!.notesSealed.length).toBeGreaterThan(20);
    const { toPlan } = await import("~/mentees/mentees.server.ts");
    expect(toPlan(mentee!).notes).toBe("Tajna bilješka o zdravlju");
    expect(toPlan(mentee!).supportNeeded).toEqual(["gradual_start"]);
    expect((await m.PlanChangeModel.findOne({ menteeId: mentee!._id }).lean())!.fields).toEqual(["imported"]);
    const mentor = await m.UserModel.findOne({ key: `${tag}-mentor` }).lean();
    expect(mentor).toMatchObject({ role: "mentor", approval: "approved", email: `mentor-${tag}@example.test` });
    expect(String(mentee!.mentorId)).toBe(String(mentor!._id));
    const invitation = await m.OutboxModel.findOne({ kind: "email", "payload.to": `mentor-${tag}@example.test` }).lean();
    expect((invitation!.payload as { template: string }).template).toBe("mentorInvitation");
  });
});

/** A calendar day as RFC 3339 writes it ("full-date"): 2027-02-30 is none. */
function isFullDate(value: string) {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/**
 * The published JSON Schema, compiled by a validator the portal itself does not use. Ajv knows
 * no formats by itself (it would warn "unknown format" and let anything through), so it is told
 * the two the schema uses.
 */
async function publishedSchema() {
  const { readFileSync } = await import("node:fs");
  const { Ajv2020 } = await import("ajv/dist/2020.js");
  const ajv = new Ajv2020({ allErrors: true, strict: false, formats: { date: isFullDate, email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ } });
  return ajv.compile(JSON.parse(readFileSync("docs/import.schema.json", "utf8")));
}

describe("exporting and importing again", () => {
  it("writes JSON exports that the published JSON Schema accepts", async () => {
    const { exportData, toJson } = await exporter();
    const { importFile } = await engine();
    const { createPlacement } = await import("~/placements/placements.server.ts");
    const { createMentee } = await import("~/mentees/mentees.server.ts");
    await importFile(coordinator, json(programmeFile(unique("schema"))), { dryRun: false });
    const employer = await makeEmployer();
    await createPlacement(employer, placementInput({ startDate: "2027-03-01" }), { publish: false });
    await createMentee(await makeMentor(), menteeInput({ email: "" }));
    const validate = await publishedSchema();
    const everything = JSON.parse(toJson(await exportData(coordinator, ["organisations", "mentors", "placements", "mentees"])));
    expect(everything.placements.length).toBeGreaterThan(0);
    expect(validate(everything), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(validate({ placements: [{ key: "x", title: "No description" }] })).toBe(false);
    // The formats are checked too: a day that does not exist, an address without a domain.
    const withBadDate = structuredClone(everything);
    withBadDate.placements.find((p: { startDate: string | null }) => p.startDate).startDate = "2027-02-30";
    expect(validate(withBadDate)).toBe(false);
    const withBadEmail = structuredClone(everything);
    withBadEmail.mentors[0].email = "ivana.kovacevic";
    expect(validate(withBadEmail)).toBe(false);
  });

  it("round-trips an employer's placements through CSV and JSON without losing anything", async () => {
    const { createPlacement } = await import("~/placements/placements.server.ts");
    const { exportData, toCsv, toJson } = await exporter();
    const { importFile } = await engine();
    const { PlacementModel } = await models();
    const employer = await makeEmployer();
    const formula = '=HYPERLINK("http://evil.test","Click")';
    await createPlacement(employer, placementInput({ title: formula, supportNotes: "- a buddy\n- quiet room", startDate: "2027-02-01", durationWeeks: "12" }), { publish: true });
    await createPlacement(employer, placementInput({ title: "Dishwasher", languages: [], support: [], skills: "" }), { publish: false });

    const exported = await exportData(employer, ["placements"]);
    const csv = toCsv("placements", exported.placements!);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.test"",""Click"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);

    for (const file of [bytes(csv), bytes(toJson(exported))]) {
      const report = await importFile(employer, file, { dryRun: false });
      expect(report.counts).toEqual({ create: 0, update: 0, unchanged: 2, reject: 0 });
    }

    // What an import brings back is exactly what was exported.
    await PlacementModel.updateMany({ organisationId: employer.organisationId }, { $set: { title: "Changed meanwhile", hoursMax: 40 } });
    const restored = await importFile(employer, bytes(csv), { dryRun: false });
    expect(restored.counts.update).toBe(2);
    expect((await exportData(employer, ["placements"])).placements).toEqual(exported.placements);
  });

  it("round-trips a mentor's caseload, sealed parts included, and audits the export", async () => {
    const { createMentee } = await import("~/mentees/mentees.server.ts");
    const { exportData, toCsv } = await exporter();
    const { importFile } = await engine();
    const m = await models();
    const mentor = await makeMentor();
    const created = await createMentee(mentor, menteeInput({ notes: "Voli rano ustajati; boji se liftova.", barriers: "Dugo bez posla", interests: "kuhanje; pečenje" }));
    if (!created.ok) throw new Error("not created");

    const exported = await exportData(mentor, ["mentees"]);
    expect(exported.mentees).toHaveLength(1);
    expect(exported.mentees![0]).toMatchObject({ notes: "Voli rano ustajati; boji se liftova.", mentor: mentor.email, supportNeeded: ["gradual_start"] });
    expect(await m.AuditEntryModel.countDocuments({ menteeId: created.id, part: "export", actorId: mentor._id })).toBe(1);

    const csv = toCsv("mentees", exported.mentees!);
    await m.MenteeModel.deleteOne({ _id: created.id });
    const report = await importFile(mentor, bytes(csv), { dryRun: false });
    expect(report.counts).toEqual({ create: 1, update: 0, unchanged: 0, reject: 0 });
    const again = await exportData(mentor, ["mentees"]);
    expect(again.mentees).toEqual(exported.mentees);
  });
});

describe("who may import what", () => {
  it("refuses mentee rows from an employer and writes none", async () => {
    const { importFile } = await engine();
    const employer = await makeEmployer();
    const file = programmeFile(unique("emp"));
    const before = await counts();
    const report = await importFile(employer, json({ mentees: file.mentees }), { dryRun: false });
    expect(report.rows).toEqual([expect.objectContaining({ kind: "mentees", action: "reject", problems: [{ field: "row", message: "import.errors.notAllowed" }] })]);
    expect(await counts()).toEqual(before);
  });

  it("keeps a mentor to their own caseload", async () => {
    const { importFile } = await engine();
    const { createMentee } = await import("~/mentees/mentees.server.ts");
    const { MenteeModel } = await models();
    const mentor = await makeMentor();
    const other = await makeMentor();
    const theirs = await createMentee(other, menteeInput({ firstName: "Petra" }));
    if (!theirs.ok) throw new Error("not created");
    await MenteeModel.updateOne({ _id: theirs.id }, { $set: { key: "their-mentee" } });
    const row = programmeFile("x").mentees[0]!;

    const report = await importFile(mentor, json({ mentees: [{ ...row, key: unique("mine"), mentor: other.email }, { ...row, key: "their-mentee", mentor: "" }] }), { dryRun: false });
    expect(report.rows.map((r) => [r.action, r.problems[0]?.message])).toEqual([
      ["reject", "import.errors.notYourCaseload"],
      ["reject", "import.errors.keyTaken"],
    ]);
    expect((await MenteeModel.findById(theirs.id).lean())!.firstName).toBe("Petra");
    expect(await MenteeModel.countDocuments({ mentorId: mentor._id })).toBe(0);
  });

  it("keeps an employer to their own organisation's placements", async () => {
    const { importFile } = await engine();
    const employer = await makeEmployer();
    const tag = unique("own");
    await importFile(coordinator, json({ organisations: [{ key: tag, name: `Other ${tag}`, kind: "employer", town: "Zagreb", country: "HR", verified: true }], placements: [placementRow(`${tag}-p`, tag)] }), { dryRun: false });
    const report = await importFile(employer, json({ placements: [placementRow(unique("a"), tag), placementRow(`${tag}-p`, "", { title: "Taken over" })] }), { dryRun: false });
    expect(report.rows.map((r) => r.problems.map((p) => p.message))).toEqual([["import.errors.notYourOrganisation"], ["import.errors.keyTaken"]]);
  });
});

describe("hostile files", () => {
  const header = "key,organisation,title,description,language,kind,sector,town,country,hoursMin,hoursMax,readiness,physicalDemands,status";
  const good = (key: string, title = "Helper") => `${key},nowhere,${title},"A good long description of the work, more than twenty characters.",hr,job,retail,Zagreb,HR,10,20,job_ready,low,draft`;

  it.each([
    ["Windows-1250 text", new Uint8Array([...bytes(`${header}\n`), 0x8a, 0x9e, 0xe8, 0x0a]), "import.errors.encoding"],
    ["an Excel workbook", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "import.errors.spreadsheetFile"],
    ["an empty file", new Uint8Array(), "import.errors.empty"],
    ["a file over the limit", new Uint8Array(20 * 1024 * 1024 + 1).fill(0x41), "import.errors.tooLarge"],
    ["an unknown column", bytes(`${header},salary\n${good("a")},1000`), "import.errors.unknownColumns"],
    ["a broken quote", bytes(`${header}\n${good("a")}\n"b,unclosed`), "import.errors.csv"],
    ["broken JSON", bytes('{"placements": [ {"key": '), "import.errors.json"],
    ["an unknown JSON list", bytes('{"salaries": []}'), "import.errors.unknownSection"],
  ])("refuses %s with a reason and writes nothing", async (_label, file, message) => {
    const { importFile } = await engine();
    const before = await counts();
    const report = await importFile(coordinator, file, { dryRun: false });
    expect(report.fileProblems[0]?.message).toBe(message);
    expect(report.written).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it("refuses formulas, unknown fields and repeated keys row by row", async () => {
    const { importFile } = await engine();
    const csv = [header, good("f1", '"=HYPERLINK(""http://evil.test"",""x"")"'), good("dup"), good("dup"), good("ok")].join("\n");
    const report = await importFile(coordinator, bytes(csv), { dryRun: true });
    const problems = Object.fromEntries(report.rows.map((r) => [r.row, r.problems.map((p) => `${p.field}:${p.message}`)]));
    expect(problems[2]).toContain("title:import.errors.formula");
    expect(problems[3]).toContain("key:import.errors.repeatedKey");
    expect(problems[4]).toContain("key:import.errors.repeatedKey");
    expect(problems[5]).toEqual(["organisation:import.errors.unknownOrganisation"]);

    const fromJson = await importFile(coordinator, json({ placements: [{ ...placementRow("j1", "nowhere"), salary: 1000 }] }), { dryRun: true });
    expect(fromJson.rows[0]!.problems).toContainEqual({ field: "salary", message: "import.errors.unknownField" });
  });

  it("ignores the empty columns and separator-only lines a spreadsheet leaves, and knows an employer's file is placements", async () => {
    const { importFile } = await engine();
    const employer = await makeEmployer();
    const csv = `key;title;description;;\nk1;Pomoćnik;Kratki opis posla koji je dovoljno dug.;;\n;;;;\n`;
    const report = await importFile(employer, bytes(csv), { dryRun: true });
    expect(report.fileProblems).toEqual([]);
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]!.kind).toBe("placements");
  });

  it("reads Excel's semicolon CSV and UTF-16 text", async () => {
    const { importFile } = await engine();
    const semicolons = [header.replaceAll(",", ";"), good("s1").replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, ";")].join("\r\n");
    const report = await importFile(coordinator, bytes(`\uFEFF${semicolons}`), { dryRun: true });
    expect(report.fileProblems).toEqual([]);
    expect(report.rows[0]!.problems).toEqual([{ field: "organisation", message: "import.errors.unknownOrganisation" }]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...`${header}\n${good("u1", "Čistač")}`].map((c) => c.charCodeAt(0))).buffer)]);
    const fromUtf16 = await importFile(coordinator, utf16, { dryRun: true });
    expect(fromUtf16.fileProblems).toEqual([]);
    expect(fromUtf16.rows[0]!.key).toBe("u1");
  });
});
