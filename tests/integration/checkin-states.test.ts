import { afterEach, describe, expect, it } from "vitest";
import type { SessionUser } from "~/accounts/session.server.ts";
import { addCheckin, cancelCheckin, checkinForMentor, checkinsOfMentor, endFollowUp, moveCheckin, recordCheckin } from "~/checkins/checkins.server.ts";
import { answerAsEmployer } from "~/checkins/employer.server.ts";
import { answerAsMentee } from "~/checkins/mentee.server.ts";
import { addDays, localToday } from "~/checkins/days.ts";
import { CheckinModel, CheckinStatesCopyModel, FollowUpModel, type Checkin } from "~/checkins/model.server.ts";
import { keepCheckinStatesApart, type KeptCheckinState } from "~/checkins/states.server.ts";
import { now, nowMs } from "~/clock/clock.ts";
import { moveClock, resetClock } from "~/clock/test-clock.server.ts";
import { IdListModel } from "~/db/id-lists.server.ts";
import { acceptedIntroduction, makeCoordinator, startToday, type Party } from "../support/follow-ups.ts";
import { respondToIntroduction } from "~/introductions/employer.server.ts";
import { giveConsent, startIntroduction } from "~/introductions/introductions.server.ts";
import { createPlacement } from "~/placements/placements.server.ts";
import { drainOutbox, placementInput } from "../support/placements.ts";
import { storeProposal } from "../support/proposals.ts";

// A mentor's start page and check-ins page read her follow-ups' copies of their check-ins' states
// (app/checkins/states.server.ts), not the check-ins. What she sees must be what the check-ins say,
// after every kind of change, for follow-ups started before the copies and after a writer that
// stopped half way.

afterEach(() => resetClock());

const DAY = 24 * 60 * 60_000;
const today = () => localToday(now(), "Europe/Zagreb");
const moveToDayOf = (checkin: Checkin, daysAfter = 0) => moveClock(checkin.dueDay.getTime() + daysAfter * DAY + 9 * 60 * 60_000 - nowMs());
const checkinsOf = async (followUpId: string) => new Map((await CheckinModel.find({ followUpId }).lean<Checkin[]>()).map((c) => [c.milestone, c]));
const mentorRecord = (part: { attended?: number; expected?: number; feeling?: number } = {}) => ({
  method: "phone" as const,
  contactDay: today(),
  ...part,
  goesWell: "",
  needsSupport: "",
  supportAgreed: [],
  nextStep: "",
  privateNote: "",
});

/** Her lists as the pages show them: from the copies, and (copies set aside) from the check-ins themselves. */
async function bothWays(mentor: SessionUser, menteeId: string) {
  const fromCopies = await checkinsOfMentor(mentor, { laterPage: 1 });
  const followUps = await FollowUpModel.find({ menteeId }).select("_id").lean();
  await CheckinStatesCopyModel.deleteMany({ _id: { $in: followUps.map((f) => f._id) } });
  const fromCheckins = await checkinsOfMentor(mentor, { laterPage: 1 });
  return { fromCopies, fromCheckins };
}

async function expectSameBothWays(party: Party) {
  const { fromCopies, fromCheckins } = await bothWays(party.mentor, party.menteeId);
  expect(fromCopies).toEqual(fromCheckins);
  return fromCopies;
}

/** The follow-up's copy as stored, by due day; null when it has none. */
async function keptOf(followUpId: string) {
  const copy = await CheckinStatesCopyModel.findById(followUpId).lean<{ states: KeptCheckinState[] }>();
  if (!copy) return null;
  return copy.states.sort((a, b) => a.dueDay.getTime() - b.dueDay.getTime());
}

describe("a mentor's lists read from the follow-ups' copies", () => {
  it("show what the check-ins say after every kind of change, by mentor, mentee and employer", async () => {
    const party = await acceptedIntroduction({ kind: "work_trial" });
    const followUpId = await startToday(party, 61);
    const { week1, week2, month1 } = Object.fromEntries(await checkinsOf(followUpId));
    expect((await keptOf(followUpId))?.map((s) => s.milestone)).toEqual(["week1", "week2", "month1", "plannedEnd", "month3", "month6"]);
    expect((await expectSameBothWays(party)).thisWeek.map((r) => r.milestone)).toEqual(["week1"]);

    moveToDayOf(week1, 2);
    const overdue = await expectSameBothWays(party);
    expect(overdue.thisWeek.find((r) => r.milestone === "week1")?.daysLate).toBe(2);

    expect(await answerAsEmployer(party.employer, { checkinId: String(week1._id), attended: 1, expected: 5, impression: "mixed", concern: "" })).toEqual({ ok: true });
    expect(await answerAsMentee(party.menteeUser, { checkinId: String(week1._id), feeling: 5, goesWell: "", needsSupport: "" })).toEqual({ ok: true });
    const lowAttendance = await expectSameBothWays(party);
    expect(lowAttendance.quiet.flatMap((q) => q.reasons).map((r) => r.rule)).toContain("lowAttendance");

    expect(await recordCheckin(party.mentor, String(week1._id), mentorRecord({ attended: 4, expected: 5 }))).toEqual({ ok: true });
    const recorded = await expectSameBothWays(party);
    expect(recorded.thisWeek.map((r) => r.milestone)).not.toContain("week1");
    expect(recorded.quiet.flatMap((q) => q.reasons).map((r) => r.rule)).not.toContain("lowAttendance");

    expect(await moveCheckin(party.mentor, String(week2._id), { dueDay: addDays(week2.dueDay, 3), reason: "Bolnica" })).toEqual({ ok: true });
    expect(await cancelCheckin(party.mentor, String(month1._id), { reason: "Godišnji" })).toEqual({ ok: true });
    const added = await addCheckin(party.mentor, followUpId, { dueDay: addDays(today(), 1), withWhom: "both", reason: "Razgovor" });
    expect(added.ok).toBe(true);
    const changed = await expectSameBothWays(party);
    expect(changed.thisWeek.map((r) => r.milestone)).toEqual(["extra"]);
    expect(changed.later.map((r) => [r.milestone, r.dueDay])).toContainEqual(["week2", addDays(week2.dueDay, 3).toISOString().slice(0, 10)]);
    expect(changed.later.map((r) => r.milestone)).not.toContain("month1");

    // Her answer two steps below the one before: the mentee's own feeling, kept sealed on the copy.
    moveToDayOf((await CheckinModel.findById(week2._id).lean<Checkin>())!, 1);
    expect(await answerAsMentee(party.menteeUser, { checkinId: String(week2._id), feeling: 2, goesWell: "", needsSupport: "" })).toEqual({ ok: true });
    const dropped = await expectSameBothWays(party);
    expect(dropped.quiet.flatMap((q) => q.reasons)).toContainEqual({ rule: "feelingDropped", from: 5, to: 2 });
    const copy = await FollowUpModel.findById(followUpId).lean();
    expect(JSON.stringify(copy)).not.toMatch(/"feeling(Sealed)?":\s*"?[25]"?[,}]/);

    expect(await endFollowUp(party.mentor, party.introductionId, { ending: "ended_early", endDay: today(), earlyEndReason: "health", contractType: undefined })).toEqual({ ok: true });
    expect((await keptOf(followUpId))?.filter((s) => s.status === "open")).toEqual([]);
    const ended = await expectSameBothWays(party);
    expect([...ended.thisWeek, ...ended.later, ...ended.quiet]).toEqual([]);
  });

  it("show what the check-ins say when a copy was undone by a racing writer, and when three people answer at once", async () => {
    const party = await acceptedIntroduction({ kind: "work_trial" });
    const followUpId = await startToday(party, 61);
    const { week1, week2 } = Object.fromEntries(await checkinsOf(followUpId));
    moveToDayOf(week1);
    // Renewals may land in either order: a slower one may put back the copy as it was before the
    // employer's answer.
    const before = (await CheckinStatesCopyModel.findById(followUpId).lean())!;
    const followUpBefore = await FollowUpModel.collection.findOne({ _id: week1.followUpId });
    expect(await answerAsEmployer(party.employer, { checkinId: String(week1._id), attended: 1, expected: 5, impression: "mixed", concern: "" })).toEqual({ ok: true });
    // Renewing the copy never writes the follow-up, so it cannot put back a status read before an ending.
    expect(await FollowUpModel.collection.findOne({ _id: week1.followUpId })).toEqual(followUpBefore);
    await CheckinStatesCopyModel.replaceOne({ _id: followUpId }, before);
    const lists = await checkinsOfMentor(party.mentor, { laterPage: 1 });
    expect(lists.quiet.flatMap((q) => q.reasons)).toContainEqual({ rule: "lowAttendance", attended: 1, expected: 5 });
    expect((await keptOf(followUpId))!.find((s) => s.milestone === "week1")).toMatchObject({ attended: 1, expected: 5 });

    moveToDayOf(week2);
    const [employer, mentee, mentor] = await Promise.all([
      answerAsEmployer(party.employer, { checkinId: String(week2._id), attended: 2, expected: 5, impression: "going_well", concern: "" }),
      answerAsMentee(party.menteeUser, { checkinId: String(week2._id), feeling: 3, goesWell: "", needsSupport: "" }),
      recordCheckin(party.mentor, String(week2._id), mentorRecord()),
    ]);
    // Each answer taken is kept: none put back what another had changed meanwhile.
    expect(mentor).toEqual({ ok: true });
    const written = (await CheckinModel.findById(week2._id).lean<Checkin>())!;
    expect(written.status).toBe("done");
    expect(Boolean(written.mentorPart)).toBe(true);
    expect(Boolean(written.employerPart)).toBe(employer.ok);
    expect(Boolean(written.menteePart)).toBe(mentee.ok);
    const atOnce = await expectSameBothWays(party);
    expect(atOnce.thisWeek.map((r) => r.milestone)).not.toContain("week2");
  });

  it("for a follow-up started before the copies: the migration fills its copy, which then follows its check-ins", async () => {
    const party = await acceptedIntroduction({ kind: "work_trial" });
    const followUpId = await startToday(party, 61);
    const { week1 } = Object.fromEntries(await checkinsOf(followUpId));
    moveToDayOf(week1, 3);
    expect(await answerAsEmployer(party.employer, { checkinId: String(week1._id), attended: 0, expected: 5, impression: "mixed", concern: "" })).toEqual({ ok: true });
    const asCopied = await checkinsOfMentor(party.mentor, { laterPage: 1 });
    expect(asCopied.quiet.flatMap((q) => q.reasons).map((r) => r.rule)).toEqual(expect.arrayContaining(["overdue", "lowAttendance"]));

    // As an earlier version stored it: on the follow-up itself, or (before that) nowhere.
    const earlierCopy = { c1: { dueDay: week1.dueDay, status: "open", milestone: "week1" } };
    await FollowUpModel.collection.updateOne({ _id: week1.followUpId }, { $set: { checkinStates: earlierCopy, checkinStatesAsOf: 0 } });
    await CheckinStatesCopyModel.deleteOne({ _id: followUpId });
    await IdListModel.deleteOne({ _id: "filled:checkin-states-apart" });
    expect(await keptOf(followUpId)).toBeNull();
    expect(await keepCheckinStatesApart()).toBeGreaterThanOrEqual(1);
    const migrated = await FollowUpModel.collection.findOne({ _id: week1.followUpId });
    expect(migrated).not.toHaveProperty("checkinStates");
    expect(migrated).not.toHaveProperty("checkinStatesAsOf");
    expect(await checkinsOfMentor(party.mentor, { laterPage: 1 })).toEqual(asCopied);
    expect(await recordCheckin(party.mentor, String(week1._id), mentorRecord({ attended: 0, expected: 5 }))).toEqual({ ok: true });
    const afterRecord = await checkinsOfMentor(party.mentor, { laterPage: 1 });
    expect(afterRecord.thisWeek.map((r) => r.milestone)).not.toContain("week1");

    expect((await keptOf(followUpId))?.map((s) => [s.milestone, s.status])).toEqual([
      ["week1", "done"],
      ["week2", "open"],
      ["month1", "open"],
      ["plannedEnd", "open"],
      ["month3", "open"],
      ["month6", "open"],
    ]);
    expect(await checkinsOfMentor(party.mentor, { laterPage: 1 })).toEqual(afterRecord);
    expect(await keepCheckinStatesApart()).toBe(0);
  });

  it("mend a copy a writer left behind when the mentor opens that check-in", async () => {
    const party = await acceptedIntroduction({ kind: "work_trial" });
    const followUpId = await startToday(party, 61);
    const { week1 } = Object.fromEntries(await checkinsOf(followUpId));
    // A request that died after writing the check-in and before copying it.
    await CheckinModel.updateOne({ _id: week1._id }, { $set: { status: "cancelled" } });
    expect((await checkinsOfMentor(party.mentor, "week")).thisWeek.map((r) => r.id)).toContain(String(week1._id));
    await checkinForMentor(party.mentor, String(week1._id));
    expect((await checkinsOfMentor(party.mentor, "week")).thisWeek.map((r) => r.id)).not.toContain(String(week1._id));
    await expectSameBothWays(party);
  });

  it("are gone with her check-ins when her record is erased", async () => {
    const party = await acceptedIntroduction({ kind: "work_trial" });
    const followUpId = await startToday(party, 61);
    const { week1 } = Object.fromEntries(await checkinsOf(followUpId));
    moveToDayOf(week1);
    expect(await answerAsMentee(party.menteeUser, { checkinId: String(week1._id), feeling: 1, goesWell: "", needsSupport: "" })).toEqual({ ok: true });
    const { eraseMentee } = await import("~/privacy/mentee-data.server.ts");
    expect(await eraseMentee(await makeCoordinator(), party.menteeId)).toBe(true);
    expect(await keptOf(followUpId)).toBeNull();
  });

  it("name the placement on her start page when a mentee has two started the same day, and only then", async () => {
    const party = await acceptedIntroduction({ kind: "work_trial" });
    await startToday(party, 61);
    const mentor = party.mentor;
    const week = async () => (await checkinsOfMentor(mentor, "week")).thisWeek.filter((r) => r.mentee === party.firstName);
    expect((await week()).map((r) => r.placement)).toEqual([""]);

    const second = await createPlacement(party.employer, placementInput({ title: `Skladište ${Date.now()}`, kind: "work_trial" }), { publish: true });
    if (!second.ok) throw new Error("placement");
    const proposal = await storeProposal({ menteeId: party.menteeId, placementId: second.id, mentorId: mentor._id, status: "interested" });
    const introduction = await startIntroduction(mentor, String(proposal._id));
    if (!introduction.ok) throw new Error("introduction");
    expect(await giveConsent(mentor, introduction.id, { fields: ["firstName"], note: "", method: "with_mentor" })).toEqual({ ok: true });
    expect(await respondToIntroduction(party.employer, introduction.id, { answer: "accepted" })).toEqual({ ok: true });
    await drainOutbox();
    await startToday({ ...party, introductionId: introduction.id }, 61);

    const rows = await week();
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.placement))).toEqual(new Set([expect.stringMatching(/^Pekara /), expect.stringMatching(/^Skladište /)]));
  });
});
