import mongoose from "mongoose";
import { describe, expect, it } from "vitest";
import { UserModel } from "~/accounts/model.server.ts";
import { IdListModel, appendToList, wholeLists } from "~/db/id-lists.server.ts";
import { addDays } from "~/checkins/days.ts";
import { listCheckinOnDay, listClosedCheckins, listNewCheckin, openCheckinsDueBy } from "~/checkins/lists.server.ts";
import { CheckinModel } from "~/checkins/model.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { createMentee, findProgrammeMenteesByName, handOverMentee, listCaseload, listProgrammeMentees, updateMenteePlan } from "~/mentees/mentees.server.ts";
import { countMenteesWithInactiveMentor, menteesWithInactiveMentor, mentorsOfProgramme } from "~/mentees/mentors.server.ts";
import { deactivateMentor, reactivateMentor } from "~/accounts/activation.server.ts";
import { registerMentor, registerOrganisation } from "~/accounts/registration.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { updateOrganisationRecord } from "~/organisations/organisations.server.ts";
import { decideMentor, decideOrganisation, listPendingVerifications, withdrawVerification } from "~/organisations/verification.server.ts";
import { eraseMentee } from "~/privacy/mentee-data.server.ts";
import { changePlacementStatus, createPlacement, listAllPlacements, listOwnPlacements, requestReview, restorePlacement, takeDownPlacement } from "~/placements/placements.server.ts";
import { makeMentor, menteeInput } from "../support/mentees.ts";
import { makeEmployer, placementInput } from "../support/placements.ts";

// The lists read pages of id lists by _id (docs/decisions/020-lists.md): what a coordinator,
// employer or mentor sees must be what the records say, also when writers race.

async function makeCoordinator(): Promise<SessionUser> {
  return (await UserModel.create({ email: `coordinator-${Date.now()}-${Math.random()}@example.test`, name: "Coordinator", role: "coordinator", approval: "approved", passwordHash: "x", emailConfirmedAt: new Date() })).toObject();
}

describe("lists on the embedded database", () => {
  it("show every placement once, newest first, when two employers publish at the same moment", async () => {
    const coordinator = await makeCoordinator();
    const [first, second] = await Promise.all([makeEmployer(), makeEmployer()]);
    const before = (await listAllPlacements(coordinator, { page: 1 })).total;
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, n) => createPlacement(n % 2 ? first : second, placementInput({ title: `Race ${n}` }), { publish: true })),
    );
    const ids = created.map((c) => (c.ok ? c.id : ""));
    const page = await listAllPlacements(coordinator, { page: 1 });
    const shown = page.placements.map((p) => String(p._id));
    expect(page.total).toBe(before + 12);
    expect(new Set(shown).size).toBe(shown.length);
    expect(ids.every((id) => shown.includes(id))).toBe(true);
    // Each employer sees its own six, and only those.
    const own = (await listOwnPlacements(first)).placements.map((p) => String(p._id));
    expect(own.sort()).toEqual(ids.filter((_, n) => n % 2).sort());
  });

  it("move a placement taken down and put back between the status lists, and page by number", async () => {
    const coordinator = await makeCoordinator();
    const employer = await makeEmployer();
    const created = await createPlacement(employer, placementInput({ title: "Taken down and back" }), { publish: true });
    const id = created.ok ? created.id : "";
    const takenDown = async () => (await listAllPlacements(coordinator, { status: "taken_down", page: 1 })).placements.map((p) => String(p._id));
    const published = async () => (await listAllPlacements(coordinator, { status: "published", page: 1 })).placements.map((p) => String(p._id));

    expect(await takeDownPlacement(coordinator, id, "The description names no hours.")).toBe(true);
    expect(await takenDown()).toContain(id);
    expect(await published()).not.toContain(id);

    expect(await restorePlacement(coordinator, id)).toBe(true);
    expect(await takenDown()).not.toContain(id);
    expect(await published()).toContain(id);

    // A page past the end shows the last page, never "page 10000 of 1".
    const last = await listAllPlacements(coordinator, { page: 10_000 });
    expect(last.page).toBe(last.pages);
    expect(last.placements.length).toBeGreaterThan(0);
    expect(last.placements.map((p) => String(p._id))).toEqual((await listAllPlacements(coordinator, { page: last.pages })).placements.map((p) => String(p._id)));
    const publishedPastTheEnd = await listAllPlacements(coordinator, { status: "published", page: 7 });
    expect(publishedPastTheEnd.page).toBe(publishedPastTheEnd.pages);
    expect(publishedPastTheEnd.placements.map((p) => String(p._id))).toContain(id);
  });

  it("count the placements waiting for a review through requests, a second take-down, putting back and closing", async () => {
    const coordinator = await makeCoordinator();
    const employer = await makeEmployer();
    const waiting = async () => (await listAllPlacements(coordinator, { page: 1 })).waitingForReview;
    const ids = [];
    for (const title of ["Review one", "Review two"]) {
      const created = await createPlacement(employer, placementInput({ title }), { publish: true });
      ids.push(created.ok ? created.id : "");
    }
    const before = await waiting();
    for (const id of ids) expect(await takeDownPlacement(coordinator, id, "The description names no hours.")).toBe(true);
    expect(await waiting()).toBe(before);

    expect(await requestReview(employer, ids[0])).toEqual({ ok: true });
    expect(await requestReview(employer, ids[1])).toEqual({ ok: true });
    // Asked twice: once.
    expect((await requestReview(employer, ids[0])).ok).toBe(false);
    expect(await waiting()).toBe(before + 2);
    // Taken down again with a new reason: answered, until the employer asks again.
    expect(await takeDownPlacement(coordinator, ids[0], "Still no hours.")).toBe(true);
    expect(await waiting()).toBe(before + 1);
    expect(await requestReview(employer, ids[0])).toEqual({ ok: true });
    expect(await waiting()).toBe(before + 2);
    // Put back; and the other closed by its employer instead.
    expect(await restorePlacement(coordinator, ids[0])).toBe(true);
    expect(await restorePlacement(coordinator, ids[0])).toBe(false);
    expect(await changePlacementStatus(employer, ids[1], "closed")).toEqual({ ok: true });
    expect(await waiting()).toBe(before);
  });

  it("keep a mentor's caseload her own, by first name, and page the programme's newest first", async () => {
    const coordinator = await makeCoordinator();
    const [mentor, other] = await Promise.all([makeMentor(), makeMentor()]);
    for (const firstName of ["Zora", "Ana", "Mira"]) expect((await createMentee(mentor, menteeInput({ firstName, fullName: firstName }))).ok).toBe(true);
    expect((await createMentee(other, menteeInput({ firstName: "Iva", fullName: "Iva" }))).ok).toBe(true);
    expect((await listCaseload(mentor)).map((m) => m.name)).toEqual(["Ana", "Mira", "Zora"]);
    const programme = await listProgrammeMentees(coordinator, 1);
    expect(programme.page).toBe(1);
    expect(programme.mentees[0].name).toBe("Iva");
    expect(programme.mentees.slice(1, 4).map((m) => m.name)).toEqual(["Mira", "Ana", "Zora"]);
    // A page past the end shows the last page, never "page 99999 of 1" over an empty list.
    const pastTheEnd = await listProgrammeMentees(coordinator, 99_999);
    expect(pastTheEnd.page).toBe(pastTheEnd.pages);
    expect(pastTheEnd.mentees.length).toBeGreaterThan(0);
    expect(pastTheEnd.mentees.map((m) => m.id)).toEqual((await listProgrammeMentees(coordinator, pastTheEnd.pages)).mentees.map((m) => m.id));
  });

  it("let a coordinator find a mentee by the beginning of any word of her name, accents or not, and not by a name she no longer has", async () => {
    const coordinator = await makeCoordinator();
    const mentor = await makeMentor();
    const tag = Date.now().toString(36).replace(/[0-9]/g, "x");
    const made = async (firstName: string, fullName: string) => {
      const created = await createMentee(mentor, menteeInput({ firstName, fullName }));
      return created.ok ? created.id : "";
    };
    const durdica = await made("Đurđica", `Đurđica Kovačević${tag}`);
    const sren = await made("Søren", `Søren Kovač${tag}`);
    const names = async (query: string) => (await findProgrammeMenteesByName(coordinator, query)).mentees.map((m) => m.name);

    expect(await names(`kovač${tag}`)).toEqual([`Søren Kovač${tag}`]);
    expect(await names(`KOVAC${tag}`)).toEqual([`Søren Kovač${tag}`]);
    expect((await names(`kova`)).filter((n) => n.endsWith(tag)).sort()).toEqual([`Søren Kovač${tag}`, `Đurđica Kovačević${tag}`].sort());
    expect(await names(`durd kovacevic${tag}`)).toEqual([`Đurđica Kovačević${tag}`]);
    expect(await names(`soren kovac${tag}`)).toEqual([`Søren Kovač${tag}`]);
    expect(await names(`ana kovac${tag}`)).toEqual([]);
    expect(await names("  ,;  ")).toEqual([]);

    // Renamed: found by the new name only; erased: found no more.
    expect((await updateMenteePlan(mentor, sren, menteeInput({ firstName: "Søren", fullName: `Søren Lund${tag}` }))).ok).toBe(true);
    expect(await names(`kovač${tag}`)).toEqual([]);
    expect(await names(`lund${tag}`)).toEqual([`Søren Lund${tag}`]);
    expect(await eraseMentee(coordinator, durdica)).toBe(true);
    expect(await names(`kovačević${tag}`)).toEqual([]);
  });

  it("count each mentor's caseload on the mentors page through handovers, back and forth and sent twice", async () => {
    const coordinator = await makeCoordinator();
    const [first, second] = await Promise.all([makeMentor(), makeMentor()]);
    const ids = [];
    for (const firstName of ["Lea", "Tin", "Ema"]) {
      const created = await createMentee(first, menteeInput({ firstName, fullName: firstName }));
      ids.push(created.ok ? created.id : "");
    }
    const sizes = async () => {
      const { mentors } = await mentorsOfProgramme(coordinator, { pageSize: 2000 });
      return [first, second].map((m) => mentors.find((row) => row.id === String(m._id))?.mentees);
    };
    expect(await sizes()).toEqual([3, 0]);
    const handover = (id: string, to: SessionUser) => handOverMentee(coordinator, id, String(to._id), { acrossConfirmed: true, reason: "Moving" });
    expect((await handover(ids[0], second)).ok).toBe(true);
    expect(await sizes()).toEqual([2, 1]);
    // The same form sent again changes nothing, and counts nothing twice.
    expect((await handover(ids[0], second)).ok).toBe(false);
    expect(await sizes()).toEqual([2, 1]);
    expect((await handover(ids[0], first)).ok).toBe(true);
    expect((await handover(ids[1], second)).ok).toBe(true);
    expect(await sizes()).toEqual([2, 1]);
    expect((await listCaseload(second)).map((m) => m.name)).toEqual(["Tin"]);
  });

  it("show what waits for verification oldest first until it is decided, with who registered it, and the latest decisions newest first", async () => {
    const coordinator = await makeCoordinator();
    const tag = Math.random().toString(36).slice(2, 8);
    const password = "a password long enough 2026";
    for (const n of [1, 2, 3]) {
      const registered = await registerOrganisation(
        { organisationName: `Waiting ${tag} ${n}`, organisationKind: "employer", town: "Varaždin", country: "HR", email: `waiting-${tag}-${n}@example.test`, name: `Registrant ${tag} ${n}`, password, language: "hr" },
        `192.0.2.${n}`,
      );
      expect(registered).toEqual({ ok: true });
    }
    const mentorOrganisation = (await makeMentor()).organisationId;
    expect(await registerMentor({ organisationId: String(mentorOrganisation), email: `waiting-mentor-${tag}@example.test`, name: `Mentor ${tag}`, password, language: "hr" }, "192.0.2.9")).toEqual({ ok: true });
    const waiting = async () => {
      const pending = await listPendingVerifications(coordinator);
      return {
        organisations: pending.organisations.filter((o) => o.name.includes(tag)),
        mentors: pending.mentors.filter((m) => m.name.includes(tag)),
        recent: pending.recent.filter((o) => o.name.includes(tag)).map((o) => `${o.name.slice(-1)} ${o.status}`),
      };
    };
    const before = await waiting();
    expect(before.organisations.map((o) => o.name)).toEqual([1, 2, 3].map((n) => `Waiting ${tag} ${n}`));
    expect(before.organisations[0].registrants).toEqual([{ name: `Registrant ${tag} 1`, email: `waiting-${tag}-1@example.test`, confirmed: false }]);
    expect(before.mentors).toMatchObject([{ email: `waiting-mentor-${tag}@example.test` }]);
    expect(before.mentors[0].organisation).toBe((await OrganisationModel.findById(mentorOrganisation).lean())!.name);
    expect(before.recent).toEqual([]);

    const [first, second, third] = before.organisations.map((o) => o.id);
    expect(await decideOrganisation(coordinator, first, { verdict: "verify" })).toBe(true);
    expect(await decideOrganisation(coordinator, third, { verdict: "reject", reason: "Not an employer" })).toBe(true);
    // A second coordinator's click finds it decided: no decision more.
    expect(await decideOrganisation(coordinator, first, { verdict: "reject", reason: "Late" })).toBe(false);
    expect(await decideMentor(coordinator, before.mentors[0].id, { verdict: "verify" })).toBe(true);
    const after = await waiting();
    expect(after.organisations.map((o) => o.id)).toEqual([second]);
    expect(after.mentors).toEqual([]);
    expect(after.recent).toEqual(["3 rejected", "1 verified"]);

    // A verification withdrawn is the latest decision; an organisation set back to waiting (an import) waits again, and leaves the decisions.
    expect(await withdrawVerification(coordinator, first, "Closed")).toBe(true);
    const current = (await OrganisationModel.findById(third).lean())!;
    await updateOrganisationRecord(coordinator, current, { key: `waiting-${tag}-3`, name: current.name, kind: current.kind, mentorOrganisationType: null, town: current.town, country: current.country, contactEmail: null, status: "pending" });
    const again = await waiting();
    expect(again.organisations.map((o) => o.id)).toEqual([second, third]);
    expect(again.recent).toEqual(["1 rejected"]);
  });

  it("page the programme's mentors, active first, and count the caseloads of the page's mentors", async () => {
    const coordinator = await makeCoordinator();
    await Promise.all([makeMentor(), makeMentor(), makeMentor()]);
    const { mentors: all, pages: one } = await mentorsOfProgramme(coordinator, { pageSize: 2000 });
    expect(one).toBe(1);
    const paged = [];
    const { pages } = await mentorsOfProgramme(coordinator, { pageSize: 2 });
    expect(pages).toBe(Math.ceil(all.length / 2));
    for (let page = 1; page <= pages; page++) paged.push(...(await mentorsOfProgramme(coordinator, { page, pageSize: 2 })).mentors);
    expect(paged).toEqual(all);
    // Past the last page: the last page.
    expect((await mentorsOfProgramme(coordinator, { page: pages + 5, pageSize: 2 })).page).toBe(pages);

    // Those who left, oldest deactivation first, their mentees by first name, paged across caseloads.
    const [earlier, later] = await Promise.all([makeMentor(), makeMentor()]);
    for (const [mentor, names] of [[earlier, ["Vida", "Ana", "Mia"]], [later, ["Tea", "Bea"]]] as const) {
      for (const firstName of names) expect((await createMentee(mentor, menteeInput({ firstName, fullName: firstName }))).ok).toBe(true);
    }
    expect(await deactivateMentor(coordinator, String(earlier._id))).toBe(true);
    expect(await deactivateMentor(coordinator, String(later._id))).toBe(true);
    const whole = await menteesWithInactiveMentor(coordinator, { pageSize: 2000 });
    expect(whole.waiting.map((m) => m.firstName)).toEqual(["Ana", "Mia", "Vida", "Bea", "Tea"]);
    expect(await countMenteesWithInactiveMentor(coordinator)).toBe(5);
    const waitingPages = [];
    for (let page = 1; page <= 3; page++) waitingPages.push((await menteesWithInactiveMentor(coordinator, { page, pageSize: 2 })).waiting.map((m) => m.firstName));
    expect(waitingPages).toEqual([["Ana", "Mia"], ["Vida", "Bea"], ["Tea"]]);
    // Reactivated, she is no longer one who left.
    expect(await reactivateMentor(coordinator, String(earlier._id))).toBe(true);
    expect((await menteesWithInactiveMentor(coordinator)).waiting.map((m) => m.firstName)).toEqual(["Bea", "Tea"]);
  });

  it("find the open check-ins due by a day, the longest due first, and count them all from the lists of each day, through records, moves and late additions", async () => {
    // Days far in the past, so no other test's check-ins share them.
    const lastDay = new Date(Date.UTC(2001, 0, 1 + Math.floor(Math.random() * 300)));
    const day = (n: number) => addDays(lastDay, -n);
    const newCheckin = async (dueDay: Date) => {
      const _id = new mongoose.Types.ObjectId();
      const ids = { followUpId: new mongoose.Types.ObjectId(), menteeId: new mongoose.Types.ObjectId(), organisationId: new mongoose.Types.ObjectId(), introductionId: new mongoose.Types.ObjectId() };
      await listNewCheckin({ _id, followUpId: ids.followUpId, dueDay });
      await CheckinModel.create({ _id, ...ids, key: `${_id}:week1`, milestone: "week1", dueDay });
      return String(_id);
    };
    // As the portal closes one: the record first, then the day's list of closed ones.
    const record = async (id: string) => {
      const checkin = (await CheckinModel.findOneAndUpdate({ _id: id }, { $set: { status: "done" } }).lean())!;
      await listClosedCheckins([checkin]);
    };
    const move = async (id: string, to: Date) => {
      await listCheckinOnDay(id, to);
      const checkin = (await CheckinModel.findOneAndUpdate({ _id: id }, { $set: { dueDay: to } }).lean())!;
      await listClosedCheckins([checkin]);
    };
    const openBy = async (last: Date, wanted?: number) => {
      const { checkins, total } = await openCheckinsDueBy(last, wanted);
      return { ids: checkins.map((c) => String(c._id)), total };
    };

    const done = await newCheckin(day(10));
    await record(done);
    const open = await newCheckin(day(20));
    const later = await newCheckin(addDays(lastDay, 1));
    expect(await openBy(lastDay)).toEqual({ ids: [open], total: 1 });
    // A start recorded late adds a check-in to a day whose check-ins were all recorded.
    const added = await newCheckin(day(10));
    expect(await openBy(lastDay)).toEqual({ ids: [open, added], total: 2 });
    // Asked for one: the longest due comes first, and the count is still of all.
    const first = await openBy(lastDay, 1);
    expect([first.ids[0], first.total]).toEqual([open, 2]);
    // Recorded: it goes; moved to another past day: found once, on its new day.
    await record(added);
    await move(open, day(30));
    expect(await openBy(lastDay)).toEqual({ ids: [open], total: 1 });
    expect(await openBy(day(25))).toEqual({ ids: [open], total: 1 });
    expect(await openBy(day(31))).toEqual({ ids: [], total: 0 });
    expect(await openBy(addDays(lastDay, 1))).toEqual({ ids: [open, later], total: 2 });
  });

  it("read many lists whole at once, also a list whose head a racing writer left behind", async () => {
    const name = `whole-${Date.now()}`;
    const ids = Array.from({ length: 6 }, () => new mongoose.Types.ObjectId());
    await appendToList(`${name}-a`, ids.slice(0, 4));
    await appendToList(`${name}-b`, [ids[4], ids[4], ids[5]]);
    // A writer that took positions 2–4 of list a and stopped before moving its head.
    await IdListModel.updateOne({ _id: `${name}-a` }, { $set: { top: 1 } });
    const lists = await wholeLists([`${name}-a`, `${name}-b`, `${name}-none`, `${name}-b`]);
    expect(Object.fromEntries(lists)).toEqual({
      [`${name}-a`]: ids.slice(0, 4).reverse().map(String),
      [`${name}-b`]: [ids[5], ids[4]].map(String),
      [`${name}-none`]: [],
    });
    // At most the newest `limit` entries of each.
    expect((await wholeLists([`${name}-a`], 2)).get(`${name}-a`)).toEqual([ids[3], ids[2]].map(String));
  });

  it("find records by a list of ids exactly as the database's own filter would (FerretDB's patched _id $in)", async () => {
    const collection = mongoose.connection.collection<{ _id: mongoose.Types.ObjectId | string | number; n: number; touched?: boolean }>(`ids_in_${Date.now()}`);
    const objectIds = Array.from({ length: 5 }, () => new mongoose.Types.ObjectId());
    await collection.insertMany([
      ...objectIds.map((_id, n) => ({ _id, n })),
      { _id: "text-a", n: 10 },
      { _id: "text-b", n: 11 },
      { _id: 7, n: 12 },
    ]);
    const found = async (filter: Parameters<typeof collection.find>[0]) => (await collection.find(filter).toArray()).map((d) => d.n).sort((a, b) => a - b);
    // Strings and ObjectIds together, an id that is missing, one asked twice.
    expect(await found({ _id: { $in: [objectIds[1], "text-b", objectIds[3], new mongoose.Types.ObjectId(), objectIds[1]] } })).toEqual([1, 3, 11]);
    // FerretDB (as the portal builds it) answers that from its _id index; MongoDB always did.
    const explained = await collection.find({ _id: { $in: [objectIds[1], "text-b"] } }).explain();
    const plan = JSON.stringify(explained);
    if ("filterPushdown" in explained) expect({ pushedDown: explained.filterPushdown, plan }).toMatchObject({ pushedDown: true, plan: expect.stringMatching(/USING INDEX/) });
    // A number among them is filtered by FerretDB itself, as before.
    expect(await found({ _id: { $in: [7, "text-a"] } })).toEqual([10, 12]);
    expect(await found({ _id: { $in: [] } })).toEqual([]);
    // More ids than the patch sends to SQLite, and a filter with a second condition.
    const many = [...Array.from({ length: 1200 }, () => new mongoose.Types.ObjectId()), objectIds[4]];
    expect(await found({ _id: { $in: many } })).toEqual([4]);
    expect(await found({ _id: { $in: objectIds }, n: { $gte: 2 } })).toEqual([2, 3, 4]);
    expect(await found({ _id: { $nin: objectIds } })).toEqual([10, 11, 12]);
    // Updates and deletes go through the same query.
    await collection.updateMany({ _id: { $in: [objectIds[0], "text-a"] } }, { $set: { touched: true } });
    expect((await collection.find({ touched: true }).toArray()).map((d) => d.n).sort()).toEqual([0, 10]);
    await collection.deleteMany({ _id: { $in: [objectIds[2], "text-b"] } });
    expect(await found({})).toEqual([0, 1, 3, 4, 10, 12]);
    await collection.drop();
  });
});
