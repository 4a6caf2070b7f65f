import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/accounts/session.server.ts";
import { ConsentModel } from "~/consent/model.server.ts";
import { giveConsent, startIntroduction } from "~/introductions/introductions.server.ts";
import { visibleProfileFor } from "~/introductions/visible-profile.server.ts";
import { ProposalModel } from "~/matching/model.server.ts";
import { createMentee } from "~/mentees/mentees.server.ts";
import { createPlacement } from "~/placements/placements.server.ts";
import { migrate } from "../../server/migrate.ts";
import { UserModel } from "~/accounts/model.server.ts";
import { countMenteesWithInactiveMentor } from "~/mentees/mentors.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { listPendingVerifications } from "~/organisations/verification.server.ts";
import { makeMentor, menteeInput } from "../support/mentees.ts";
import { drainOutbox, makeEmployer, placementInput } from "../support/placements.ts";
import { startPortal, type RunningPortal } from "../support/portal.ts";

let employer: SessionUser;
let mentor: SessionUser;
let menteeId = "";
let portal: RunningPortal | undefined;

beforeAll(async () => {
  employer = await makeEmployer();
  mentor = await makeMentor();
  const mentee = await createMentee(mentor, menteeInput({ firstName: "Vesna" }));
  if (!mentee.ok) throw new Error("mentee");
  menteeId = mentee.id;
});
afterAll(async () => portal?.stop());

/** An introduction the mentee consented to (her first name), as the portal records it today. */
async function consentedIntroduction(): Promise<string> {
  const placement = await createPlacement(employer, placementInput({ title: `Migration ${Math.random()}` }), { publish: true });
  if (!placement.ok) throw new Error("placement");
  const proposal = await ProposalModel.create({ menteeId, placementId: placement.id, mentorId: mentor._id, status: "interested" });
  const started = await startIntroduction(mentor, String(proposal._id));
  if (!started.ok) throw new Error("introduction");
  expect(await giveConsent(mentor, started.id, { fields: ["firstName"], note: "", method: "with_mentor" })).toEqual({ ok: true });
  await drainOutbox();
  return started.id;
}

/** The stored record itself, as the database holds it (no schema in between). */
async function storedConsent(introductionId: string) {
  return ConsentModel.collection.findOne({ introductionId: new mongoose.Types.ObjectId(introductionId) });
}

/** Makes the consent look as if it was written without a purpose (by hand, or restored from before purposes counted). */
async function writtenWithoutPurpose(introductionId: string) {
  const record = (await storedConsent(introductionId))!;
  await ConsentModel.collection.updateOne({ _id: record._id }, { $unset: { purpose: "" } });
  return record;
}

describe("the start's lists of what waits for a coordinator", () => {
  it("lists organisations and mentors waiting, their registrants, the decisions and the mentors who left, as stored before the lists", async () => {
    const coordinator = { _id: new mongoose.Types.ObjectId(), role: "coordinator" } as unknown as SessionUser;
    const at = (day: number) => new Date(Date.UTC(2025, 0, day));
    const [waitingLater, waitingEarlier] = await OrganisationModel.insertMany([
      { name: "Later Ltd", kind: "employer", town: "Split", country: "HR", status: "pending", createdAt: at(5) },
      { name: "Earlier Ltd", kind: "employer", town: "Split", country: "HR", status: "pending", createdAt: at(2) },
      { name: "Verified Ltd", kind: "employer", town: "Split", country: "HR", status: "verified", decidedAt: at(3) },
      { name: "Rejected Ltd", kind: "employer", town: "Split", country: "HR", status: "rejected", decidedAt: at(4) },
    ]);
    await UserModel.create({ email: "registrant.earlier@example.test", name: "Registrant", role: "employer", organisationId: waitingEarlier._id, passwordHash: "x" });
    const pendingMentor = await makeMentor("pending");
    const left = await makeMentor();
    await UserModel.updateOne({ _id: left._id }, { $set: { deactivatedAt: at(6) } });
    expect((await createMentee(left, menteeInput({ firstName: "Lana" }))).ok).toBe(true);

    await migrate();
    const pending = await listPendingVerifications(coordinator);
    expect(pending.organisations.map((o) => o.id)).toEqual([String(waitingEarlier._id), String(waitingLater._id)]);
    expect(pending.organisations[0].registrants).toEqual([{ name: "Registrant", email: "registrant.earlier@example.test", confirmed: false }]);
    expect(pending.mentors.map((m) => m.id)).toEqual([String(pendingMentor._id)]);
    expect(pending.recent.map((o) => o.name)).toEqual(["Rejected Ltd", "Verified Ltd"]);
    expect(await countMenteesWithInactiveMentor(coordinator)).toBe(1);
  });
});

describe("the start's migration of consent records", () => {
  it("makes a consent without a purpose an introduction consent again, so the employer keeps seeing what it names", async () => {
    const introductionId = await consentedIntroduction();
    const original = await writtenWithoutPurpose(introductionId);
    // visibleProfileFor reads introduction consents only: without the migration she would vanish from the employer's page.
    expect((await visibleProfileFor(employer.organisationId, introductionId))?.withdrawn).toBe(true);

    // Two processes starting at once, and a later start: the same outcome, once.
    await Promise.all([migrate(), migrate()]);
    await migrate();

    expect(await storedConsent(introductionId)).toEqual({ ...original, purpose: "introduction" });
    const profile = await visibleProfileFor(employer.organisationId, introductionId);
    expect(profile?.withdrawn).toBe(false);
    expect(profile?.firstName).toBe("Vesna");
  });

  it("leaves a consent that has its purpose exactly as it was", async () => {
    const introductionId = await consentedIntroduction();
    const before = await storedConsent(introductionId);
    await migrate();
    expect(await storedConsent(introductionId)).toEqual(before);
  });

  it("leaves a story publication consent as it was, beside introduction consents that read as before", async () => {
    const introductionId = await consentedIntroduction();
    await writtenWithoutPurpose(introductionId);
    const story = await ConsentModel.create({
      menteeId, purpose: "story_publication", storyId: new mongoose.Types.ObjectId(), storyVersion: 2, channels: ["portal"], expiresAt: new Date(Date.now() + 365 * 24 * 60 * 60_000),
      text: "Pristajem da se ova priča o meni objavi", textVersion: "story-x-v2", language: "hr", givenAt: new Date(), method: "link", recordedBy: mentor._id,
    });
    const storedStory = () => ConsentModel.collection.findOne({ _id: story._id });
    const before = await storedStory();
    await migrate();
    expect(await storedStory()).toEqual(before);
    // The introduction's consent is found as one again, and the employer sees what it names.
    const profile = await visibleProfileFor(employer.organisationId, introductionId);
    expect(profile?.withdrawn).toBe(false);
    expect(profile?.firstName).toBe("Vesna");
  });

  it("runs when the portal starts", async () => {
    const introductionId = await consentedIntroduction();
    await writtenWithoutPurpose(introductionId);
    portal = await startPortal({ OUTBOX_POLL_MS: "60000" });
    expect((await storedConsent(introductionId))?.purpose).toBe("introduction");
    expect(portal.output()).toContain("Migration: consents without a purpose are introduction consents: 1 changed.");
  });
});


describe("the start's migration of placements waiting for a review", () => {
  it("counts on the coordinator's placements page those asked for before the count was kept, once", async () => {
    const { IdListEntryModel, IdListModel } = await import("~/db/id-lists.server.ts");
    const { PlacementModel } = await import("~/placements/model.server.ts");
    const { listAllPlacements } = await import("~/placements/placements.server.ts");
    const { UserModel } = await import("~/accounts/model.server.ts");
    const coordinator = (await UserModel.create({ email: `coordinator-${Date.now()}@example.test`, name: "Coordinator", role: "coordinator", approval: "approved", passwordHash: "x", emailConfirmedAt: new Date() })).toObject() as SessionUser;
    const placement = await createPlacement(employer, placementInput({ title: "Asked before the count" }), { publish: true });
    if (!placement.ok) throw new Error("placement");
    // As an earlier version left it: taken down, a review asked for, no count kept.
    await PlacementModel.collection.updateOne({ _id: new mongoose.Types.ObjectId(placement.id) }, { $set: { status: "taken_down", moderationReason: "No hours.", takenDownAt: new Date(), reviewRequestedAt: new Date() } });
    await IdListEntryModel.deleteMany({ _id: /^placements-review-(asked|answered)#/ });
    await IdListModel.deleteMany({ _id: { $in: ["placements-review-asked", "placements-review-answered", "filled:placements-review-asked"] } });
    const waiting = await PlacementModel.countDocuments({ status: "taken_down", reviewRequestedAt: { $exists: true } });
    expect(waiting).toBeGreaterThan(0);

    await migrate();
    expect((await listAllPlacements(coordinator, { page: 1 })).waitingForReview).toBe(waiting);
    await migrate();
    expect((await listAllPlacements(coordinator, { page: 1 })).waitingForReview).toBe(waiting);
  });
});

describe("the start's migration of sessions", () => {
  it("keeps a person signed in whose session was opened before sessions were found by _id, and her logout still ends it", async () => {
    const { SessionModel } = await import("~/accounts/model.server.ts");
    const { createSession, destroySession, getUser } = await import("~/accounts/session.server.ts");
    const cookie = (await createSession(mentor._id)).split(";")[0];
    const request = () => new Request("http://localhost/mentor", { headers: { Cookie: cookie } });
    // As an earlier version stored it: an ObjectId of its own, found by idHash.
    const stored = (await SessionModel.collection.findOne({ userId: mentor._id, _id: { $type: "string" } }))!;
    await SessionModel.collection.deleteOne({ _id: stored._id });
    await SessionModel.collection.insertOne({ ...stored, _id: new mongoose.Types.ObjectId() });
    expect(await getUser(request())).toBeNull();

    await migrate();
    await migrate();
    expect((await getUser(request()))?.email).toBe(mentor.email);
    expect(await SessionModel.collection.countDocuments({ idHash: stored.idHash })).toBe(1);
    await destroySession(request());
    expect(await getUser(request())).toBeNull();
  });
});

describe("the start's migration of outbox items", () => {
  it("gives a pending item queued before due days existed the day it is looked for on, and is sent on that day by a worker that keeps up", async () => {
    const { enqueueEmail, runOutboxOnce } = await import("~/outbox/outbox.server.ts").then(async (o) => ({ ...o, ...(await import("~/email/queue.server.ts")) }));
    const { OutboxModel } = await import("~/outbox/model.server.ts");
    const { moveClock, resetClock } = await import("~/clock/test-clock.server.ts");
    const { nowMs } = await import("~/clock/clock.ts");
    try {
      await runOutboxOnce("test", 200);
      const dueAt = new Date(nowMs() + 2 * 24 * 60 * 60_000);
      const id = await enqueueEmail({ to: `old.${Date.now()}@example.test`, language: "hr", template: "resetPassword", params: { name: "Ivo", link: "http://localhost/reset-password?token=m" }, about: null, dueAt });
      // As an earlier version wrote it.
      await OutboxModel.collection.updateOne({ _id: new mongoose.Types.ObjectId(id) }, { $unset: { dueDay: "" } });
      await Promise.all([migrate(), migrate()]);
      expect((await OutboxModel.findById(id).lean())?.dueDay).toBe(dueAt.toISOString().slice(0, 10));

      moveClock(24 * 60 * 60_000);
      await runOutboxOnce("test", 200);
      moveClock(24 * 60 * 60_000 + 60_000);
      await runOutboxOnce("test", 200);
      expect((await OutboxModel.findById(id).lean())?.status).toBe("sent");
    } finally {
      resetClock();
    }
  });
});

describe("the start's derivation of the ledger from records kept before it", () => {
  it("records each mentee's joining, handover, proposal, introduction, answer, start, still-in-work answer, ending and check-ins once, and counts them", async () => {
    const { LedgerEventModel, LedgerMarkModel, RecentLedgerEventModel } = await import("~/ledger/model.server.ts");
    const { MenteeModel, AuditEntryModel } = await import("~/mentees/model.server.ts");
    const { IntroductionModel } = await import("~/introductions/model.server.ts");
    const { FollowUpModel, CheckinModel, OutcomeEventModel } = await import("~/checkins/model.server.ts");
    const { countFigures } = await import("~/outcomes/figures.ts");
    const { factOf } = await import("~/ledger/ledger.server.ts");
    // A database as an earlier version left it: records, and no ledger.
    await LedgerEventModel.deleteMany({});
    await LedgerMarkModel.deleteMany({});
    await RecentLedgerEventModel.deleteMany({});
    const second = await makeMentor();
    const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
    const mentee = await MenteeModel.create({ mentorId: mentor._id, firstName: "Old", town: "Zagreb", country: "HR", lat: 45.8, lng: 15.97, travelKm: 10, hoursMin: 10, hoursMax: 20, readiness: "job_ready", readinessChangedAt: day("2026-01-05"), createdAt: day("2026-01-05") });
    await AuditEntryModel.create({ actorId: mentor._id, actorRole: "coordinator", menteeId: mentee._id, part: "handover", at: day("2026-03-01"), handover: { fromMentorId: mentor._id, toMentorId: second._id, reason: "moved" } });
    const proposal = await ProposalModel.create({ menteeId: mentee._id, placementId: new mongoose.Types.ObjectId(), mentorId: mentor._id, status: "interested", createdAt: day("2026-02-01") });
    const introduction = await IntroductionModel.create({
      menteeId: mentee._id, proposalId: proposal._id, placementId: proposal.placementId, organisationId: new mongoose.Types.ObjectId(), mentorId: mentor._id, status: "placed",
      history: [{ status: "introduced", at: day("2026-02-03"), byRole: "system" }, { status: "accepted", at: day("2026-02-10"), byRole: "employer" }, { status: "placed", at: day("2026-03-02"), byRole: "mentor" }],
    });
    const followUp = await FollowUpModel.create({ introductionId: introduction._id, menteeId: mentee._id, placementId: proposal.placementId, organisationId: introduction.organisationId, placementKind: "job", country: "HR", startDay: day("2026-03-02"), hoursPerWeek: 20, startedBy: second._id });
    const month1 = await CheckinModel.create({ followUpId: followUp._id, menteeId: mentee._id, organisationId: introduction.organisationId, introductionId: introduction._id, key: `${followUp._id}:month1`, milestone: "month1", dueDay: day("2026-04-02"), status: "done", mentorPart: { method: "phone", contactDay: day("2026-04-03"), recordedAt: day("2026-04-03"), recordedBy: second._id, stillInWork: true } });
    await OutcomeEventModel.create({ menteeId: mentee._id, followUpId: followUp._id, kind: "still_in_work", checkinId: month1._id, day: day("2026-04-03"), recordedAt: day("2026-04-03"), recordedBy: second._id });
    await OutcomeEventModel.create({ menteeId: mentee._id, followUpId: followUp._id, kind: "ended_early", reason: "transport", day: day("2026-05-20"), recordedAt: day("2026-05-20"), recordedBy: second._id });

    await migrate();
    await migrate();

    const facts = (await LedgerEventModel.find({ menteeId: mentee._id }).sort({ _id: 1 }).lean()).map((doc) => factOf(doc as never));
    expect(facts.map((f) => `${f.day} ${f.kind}${f.status ? ` ${f.status}` : ""}`)).toEqual([
      "2026-01-05 joined",
      "2026-02-01 proposed",
      "2026-02-03 introduced introduced",
      "2026-02-10 answered accepted",
      "2026-03-01 handover",
      "2026-03-02 started job",
      "2026-04-02 checkin_due",
      "2026-04-03 in_work yes",
      "2026-04-03 checkin_done",
      "2026-05-20 ended ended_early",
    ]);
    // Before the handover the first mentor was the lead, after it the second.
    expect(facts.find((f) => f.kind === "proposed")?.mentorId).toBe(String(mentor._id));
    expect(facts.find((f) => f.kind === "started")?.mentorId).toBe(String(second._id));
    const all = (await LedgerEventModel.find({}).sort({ _id: 1 }).lean()).map((doc) => factOf(doc as never));
    const { figures } = countFigures(all, { from: "2026-01-01", to: "2026-12-31", today: "2026-12-31", scope: { kind: "mentor", id: String(second._id) } });
    expect(figures.funnel.started.value).toBe(1);
    expect(figures.funnel.in_work_1.value).toBe(1);
    expect(figures.funnel.proposed.value).toBe(0);
    expect(figures.endedEarly).toEqual([{ reason: "transport", placements: { value: 1, people: 1 } }]);
  });
});

describe("the start's migration of what her own pages read by _id", () => {
  it("lists the proposals stored before each mentee's list of them, so her mentor's page and her offers show them, each once", async () => {
    const { IdListModel } = await import("~/db/id-lists.server.ts");
    const { proposalsForMentee } = await import("~/matching/proposals.server.ts");
    const placement = await createPlacement(employer, placementInput({ title: `Earlier offer ${Math.random()}` }), { publish: true });
    if (!placement.ok) throw new Error("placement");
    // Written as a version before the lists wrote it: the record alone.
    const proposal = await ProposalModel.create({ menteeId, placementId: placement.id, mentorId: mentor._id, status: "proposed" });
    const shown = async () => (await proposalsForMentee(mentor, menteeId)).map((p) => p.id).filter((id) => id === String(proposal._id));
    expect(await shown()).toEqual([]);

    await IdListModel.deleteOne({ _id: "filled:proposals" });
    await Promise.all([migrate(), migrate()]);
    await migrate();
    expect(await shown()).toEqual([String(proposal._id)]);
  });

  it("lists each mentee record linked to an account before, so her pages find it by _id", async () => {
    const { IdListModel, wholeList } = await import("~/db/id-lists.server.ts");
    const { menteeOfAccount } = await import("~/mentees/lists.server.ts");
    const { MenteeModel } = await import("~/mentees/model.server.ts");
    const created = await createMentee(mentor, menteeInput({ firstName: "Lidija" }));
    if (!created.ok) throw new Error("mentee");
    // Linked as a version before the lists linked her: the record alone.
    const account = await UserModel.create({ email: `lidija-${Date.now()}@example.test`, name: "Lidija", role: "mentee", passwordHash: "x" });
    await MenteeModel.updateOne({ _id: created.id }, { $set: { userId: account._id } });
    const listed = () => wholeList(`mentee-of-account:${String(account._id)}`);
    expect(await listed()).toEqual([]);

    await IdListModel.deleteOne({ _id: "filled:mentee-accounts" });
    await Promise.all([migrate(), migrate()]);
    await migrate();
    expect(await listed()).toEqual([created.id]);
    expect(String((await menteeOfAccount(account._id))?._id)).toBe(created.id);
  });
});
