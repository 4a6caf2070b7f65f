import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { UserModel } from "~/accounts/model.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { addCheckin, cancelCheckin, checkinsOfMentor, moveCheckin, recordCheckin, startFollowUp } from "~/checkins/checkins.server.ts";
import { answerAsEmployer } from "~/checkins/employer.server.ts";
import { answerAsMentee } from "~/checkins/mentee.server.ts";
import type { QuietReason } from "~/checkins/quiet.ts";
import { addDays, dayFromIso, isoDay, localToday } from "~/checkins/days.ts";
import { CheckinModel, FollowUpModel, OutcomeEventModel, type Checkin } from "~/checkins/model.server.ts";
import { reminderKey } from "~/checkins/reminders.ts";
import { nowMs, now } from "~/clock/clock.ts";
import { moveClock, resetClock } from "~/clock/test-clock.server.ts";
import { ClaimModel } from "~/db/claims.server.ts";
import { IntroductionModel } from "~/introductions/model.server.ts";
import { OutboxModel } from "~/outbox/model.server.ts";
import { runOutboxOnce } from "~/outbox/outbox.server.ts";
import { startSmtp } from "../../server/services/smtp.ts";
import type { RunningService } from "../../server/services/processes.ts";
import { makeMentor } from "../support/mentees.ts";
import { drainOutbox } from "../support/placements.ts";
import { emailsTo } from "../support/mailbox.ts";
import { acceptedIntroduction as acceptedIntroductionFor, type Party } from "../support/follow-ups.ts";

// This file's own SMTP server, so that it can be stopped and started under the reminders.
const dataDir = mkdtempSync(join(process.env.SERVICES_DATA_DIR!, "checkins-"));
let smtp: { port: number; mailboxDir: string; service: RunningService } = await startSmtp(dataDir);
process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
process.env.OUTBOX_BACKOFF_BASE_MS = "50";
afterAll(async () => smtp.service.stop());
afterEach(() => resetClock());

const DAY = 24 * 60 * 60_000;
/** What a start is recorded on (tests/support/follow-ups.ts); the plans here are work trials unless a test says otherwise. */
const acceptedIntroduction = (options: { kind?: string; country?: "HR" | "SI" | "DK" } = {}) => acceptedIntroductionFor({ kind: "work_trial", ...options });

const today = () => localToday(now(), "Europe/Zagreb");

async function start(party: Party, plannedEndInDays: number | undefined = 61) {
  const startDay = today();
  const result = await startFollowUp(party.mentor, party.introductionId, {
    startDay,
    hoursPerWeek: 20,
    plannedEndDay: plannedEndInDays === undefined ? undefined : addDays(startDay, plannedEndInDays),
  });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.id;
}

/** Every worker pass there is to do now: two workers at once, as two server processes would. */
async function runTwoWorkers() {
  for (let round = 0; round < 50; round++) {
    const runs = await Promise.all([runOutboxOnce("worker-a", 200), runOutboxOnce("worker-b", 200)]);
    if (runs.every((r) => r.done + r.retry + r.failed + r.skipped === 0)) return;
  }
}

/** Moves the clock to just after this mentee's next pending outbox item; false when none is left before `until`. */
async function moveToNextItem(menteeId: string, until: number) {
  const next = await OutboxModel.findOne({ menteeId, status: "pending" }).sort({ nextAttemptAt: 1 }).lean();
  if (!next || next.nextAttemptAt.getTime() > until) return false;
  const target = next.nextAttemptAt.getTime() + 1000;
  if (target > nowMs()) moveClock(target - nowMs());
  return true;
}

/** Moves the clock on item by item until `until`, with both workers after every step. */
async function liveUntil(menteeId: string, until: number) {
  for (let step = 0; await moveToNextItem(menteeId, until); step++) {
    if (step > 3000) throw new Error("the outbox never settles");
    await runTwoWorkers();
  }
  if (until > nowMs()) moveClock(until - nowMs());
  await runTwoWorkers();
}

const reminders = async (to: string, path: string) => (await emailsTo(smtp.mailboxDir, to)).filter((m) => m.text.includes(path));

/** No two of these e-mails say the same (each names its check-in's day and kind). */
function expectEachOnce(messages: { subject: string; text: string }[]) {
  const contents = messages.map((m) => `${m.subject}\n${m.text}`);
  expect(new Set(contents).size, contents.join("\n---\n")).toBe(contents.length);
}

describe("recording a start", () => {
  it("places the introduction and opens the follow-up plan with its check-ins and reminders", async () => {
    const party = await acceptedIntroduction();
    const followUpId = await start(party);
    expect((await IntroductionModel.findById(party.introductionId).lean())?.status).toBe("placed");
    const checkins = await CheckinModel.find({ followUpId }).sort({ dueDay: 1 }).lean<Checkin[]>();
    expect(checkins.map((c) => c.milestone)).toEqual(["week1", "week2", "month1", "plannedEnd", "month3", "month6"]);
    expect(checkins.every((c) => c.status === "open" && c.withWhom === "both")).toBe(true);
    // Five reminders a check-in (mentor before, on the day, overdue; mentee; employer), each under its own key, at 9:00 in Zagreb.
    const items = await OutboxModel.find({ kind: "checkin-reminder", menteeId: party.menteeId }).lean();
    expect(items).toHaveLength(checkins.length * 5);
    const week1 = checkins[0];
    const due = items.find((i) => i.key === reminderKey(String(week1._id), 0, "mentor", "due"));
    expect(due?.dueAt?.toISOString().slice(0, 10)).toBe(isoDay(week1.dueDay));
    expect(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Zagreb", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(due!.dueAt!)).toBe("09:00");
    expect(await OutcomeEventModel.countDocuments({ followUpId, kind: "started" })).toBe(1);
  });

  it("opens one plan when submitted twice, and asks for the planned end of a work trial", async () => {
    const party = await acceptedIntroduction();
    const missingEnd = await startFollowUp(party.mentor, party.introductionId, { startDay: today(), hoursPerWeek: 20 });
    expect(missingEnd).toEqual({ ok: false, fieldErrors: { plannedEndDay: "errors.plannedEndRequired" } });
    expect(await FollowUpModel.countDocuments({ introductionId: party.introductionId })).toBe(0);
    expect((await IntroductionModel.findById(party.introductionId).lean())?.status).toBe("accepted");
    const [first, second] = await Promise.all([start(party), start(party)]);
    expect(second).toBe(first);
    expect(await FollowUpModel.countDocuments({ introductionId: party.introductionId })).toBe(1);
    expect(await CheckinModel.countDocuments({ followUpId: first })).toBe(6);
    expect(await OutboxModel.countDocuments({ kind: "checkin-reminder", menteeId: party.menteeId })).toBe(30);
  });

  it("refuses another mentor, and a start outside the allowed days, changing nothing", async () => {
    const party = await acceptedIntroduction();
    const stranger = await makeMentor();
    await expect(startFollowUp(stranger, party.introductionId, { startDay: today(), hoursPerWeek: 20, plannedEndDay: addDays(today(), 30) })).rejects.toMatchObject({ status: 403 });
    const tooEarly = await startFollowUp(party.mentor, party.introductionId, { startDay: addDays(today(), -200), hoursPerWeek: 20, plannedEndDay: addDays(today(), 30) });
    expect(tooEarly.ok).toBe(false);
    expect(await FollowUpModel.countDocuments({ introductionId: party.introductionId })).toBe(0);
  });
});

describe("reminders as the clock moves", () => {
  it("reach mentor, mentee and employer exactly once each over seven months, with two workers and SMTP down for a day", async () => {
    const party = await acceptedIntroduction();
    const followUpId = await start(party);
    const checkins = await CheckinModel.find({ followUpId }).sort({ dueDay: 1 }).lean<Checkin[]>();
    const month1 = checkins.find((c) => c.milestone === "month1")!;

    // Up to the day before month 1's reminders, with SMTP up.
    await liveUntil(party.menteeId, month1.dueDay.getTime() - 4 * DAY);
    // SMTP goes down for a day and a half across month 1's "before" reminder: nothing is lost.
    await smtp.service.stop();
    await liveUntil(party.menteeId, month1.dueDay.getTime() - 1 * DAY);
    const waiting = await OutboxModel.countDocuments({ kind: "email", menteeId: party.menteeId, status: "pending", lastError: { $exists: true } });
    expect(waiting).toBeGreaterThanOrEqual(1);
    smtp = await startSmtp(dataDir, { port: smtp.port });
    await liveUntil(party.menteeId, nowMs() + 7 * 31 * DAY);

    // The plan's check-ins were never recorded: every reminder, the overdue ones included.
    const toMentor = await reminders(party.mentor.email, "/mentor/checkins/");
    const toMentee = await reminders(party.menteeUser.email, "/me/checkins");
    const toEmployer = await reminders(party.employer.email, "/employer/placed");
    expect(toMentor).toHaveLength(checkins.length * 3);
    expect(toMentee).toHaveLength(checkins.length);
    expect(toEmployer).toHaveLength(checkins.length);
    for (const list of [toMentor, toMentee, toEmployer]) expectEachOnce(list);
    // In each person's language; the employer sees the first name the consent allows.
    expect(toMentee[0].subject).toMatch(/Kako Vam ide/);
    expect(toEmployer[0].text).toContain(`Ana`);
    const items = await OutboxModel.find({ menteeId: party.menteeId, kind: { $in: ["checkin-reminder", "email"] } }).lean();
    expect(items.filter((i) => i.status !== "sent").map((i) => `${i.kind} ${i.status} ${i.lastError}`)).toEqual([]);
    // Seven months of reminders, item by item, with two workers: 30 s on a quiet machine, four times that under load.
  }, 480_000);

  it("stop for the employer once the mentee withdraws her consent", async () => {
    const party = await acceptedIntroduction();
    const followUpId = await start(party);
    const { withdrawConsent } = await import("~/introductions/introductions.server.ts");
    expect(await withdrawConsent(party.menteeUser, party.introductionId)).toEqual({ ok: true });
    await drainOutbox();
    const week2 = (await CheckinModel.findOne({ followUpId, milestone: "week2" }).lean<Checkin>())!;
    await liveUntil(party.menteeId, week2.dueDay.getTime() + DAY);
    expect(await reminders(party.employer.email, "/employer/placed")).toHaveLength(0);
    expect(await reminders(party.mentor.email, "/mentor/checkins/")).not.toHaveLength(0);
    const employerItems = await OutboxModel.find({ kind: "checkin-reminder", menteeId: party.menteeId, key: /:employer:/ }).lean();
    expect(employerItems.filter((i) => i.status === "sent")).toHaveLength(0);
  });
});

describe("changing a check-in", () => {
  it("moved after its first reminder went out: that one is not sent again, the new day's are sent once, the old day's never", async () => {
    const party = await acceptedIntroduction({ country: "DK" });
    const followUpId = await start(party, undefined);
    const week1 = (await CheckinModel.findOne({ followUpId, milestone: "week1" }).lean<Checkin>())!;
    const beforeKey = reminderKey(String(week1._id), 0, "mentor", "before");
    const before = (await OutboxModel.findOne({ key: beforeKey }).lean())!;
    await liveUntil(party.menteeId, before.dueAt!.getTime() + 60_000);
    expect((await OutboxModel.findOne({ key: beforeKey }).lean())?.status).toBe("sent");
    expect(await reminders(party.mentor.email, "/mentor/checkins/")).toHaveLength(1);

    const newDay = addDays(week1.dueDay, 3);
    expect(await moveCheckin(party.mentor, String(week1._id), { dueDay: newDay, reason: "Ana is ill this week" })).toEqual({ ok: true });
    const moved = (await CheckinModel.findById(week1._id).lean<Checkin>())!;
    expect(isoDay(moved.dueDay)).toBe(isoDay(newDay));
    expect(moved.changes.at(-1)).toMatchObject({ kind: "moved", reason: "Ana is ill this week" });
    expect((await OutboxModel.findOne({ key: reminderKey(String(week1._id), 0, "mentor", "due") }).lean())?.status).toBe("cancelled");

    await liveUntil(party.menteeId, newDay.getTime() + DAY);
    const toMentor = (await reminders(party.mentor.email, "/mentor/checkins/")).filter((m) => m.text.includes(String(week1._id)));
    // Old day: "before" only. New day: "before" and "on the day".
    expect(toMentor).toHaveLength(3);
    expectEachOnce(toMentor);
    const toMentee = (await reminders(party.menteeUser.email, "/me/checkins")).length;
    expect(toMentee).toBe(1);
  });

  it("cancelled: none of its reminders go out; added: its reminders go out once", async () => {
    const party = await acceptedIntroduction({ country: "SI" });
    const followUpId = await start(party);
    const week1 = (await CheckinModel.findOne({ followUpId, milestone: "week1" }).lean<Checkin>())!;
    expect(await cancelCheckin(party.mentor, String(week1._id), { reason: "Agreed by phone instead" })).toEqual({ ok: true });
    expect(await cancelCheckin(party.mentor, String(week1._id), { reason: "Twice" })).toEqual({ ok: false, fieldErrors: { form: "errors.checkinClosed" } });
    const extraDay = addDays(today(), 6);
    const added = await addCheckin(party.mentor, followUpId, { dueDay: extraDay, withWhom: "mentee", reason: "A first talk after the first days" });
    if (!added.ok) throw new Error(JSON.stringify(added));
    // A second submit of the same form adds nothing.
    expect(await addCheckin(party.mentor, followUpId, { dueDay: extraDay, withWhom: "mentee", reason: "A first talk after the first days" })).toEqual(added);

    await liveUntil(party.menteeId, week1.dueDay.getTime() + 5 * DAY);
    const mentorMessages = await reminders(party.mentor.email, "/mentor/checkins/");
    expect(mentorMessages.filter((m) => m.text.includes(String(week1._id)))).toHaveLength(0);
    const aboutExtra = mentorMessages.filter((m) => m.text.includes(added.id));
    expect(aboutExtra).toHaveLength(3);
    expectEachOnce(aboutExtra);
    // The added check-in is with the mentee only: she is reminded, the employer is not.
    expect(await reminders(party.menteeUser.email, "/me/checkins")).toHaveLength(1);
    expect(await reminders(party.employer.email, "/employer/placed")).toHaveLength(0);
  });

  it("is not locked for good by a request that died between its claim and its write", async () => {
    const party = await acceptedIntroduction();
    const followUpId = await start(party);
    const week2 = (await CheckinModel.findOne({ followUpId, milestone: "week2" }).lean<Checkin>())!;
    // A request claimed this state of the check-in and its process went away before it wrote anything.
    await ClaimModel.create({ _id: `checkin-change:${week2._id}:0`, at: now() });
    const newDay = addDays(week2.dueDay, 2);
    const move = { dueDay: newDay, reason: "Ana starts later" };
    // While that request could still be under way, another change waits its turn.
    expect(await moveCheckin(party.mentor, String(week2._id), move)).toEqual({ ok: false, fieldErrors: { form: "errors.changedMeanwhile" } });
    moveClock(2 * 60_000);
    expect(await moveCheckin(party.mentor, String(week2._id), move)).toEqual({ ok: true });
    const after = (await CheckinModel.findById(week2._id).lean<Checkin>())!;
    expect(isoDay(after.dueDay)).toBe(isoDay(newDay));
    expect(await OutboxModel.countDocuments({ key: new RegExp(`^checkin-reminder:${week2._id}:1:`), status: "pending" })).toBeGreaterThan(0);
    expect(await OutboxModel.countDocuments({ key: new RegExp(`^checkin-reminder:${week2._id}:0:`), status: "pending" })).toBe(0);
  });

  it("refuses a day in the past and another mentor, changing nothing", async () => {
    const party = await acceptedIntroduction();
    const followUpId = await start(party);
    const week2 = (await CheckinModel.findOne({ followUpId, milestone: "week2" }).lean<Checkin>())!;
    const past = await moveCheckin(party.mentor, String(week2._id), { dueDay: addDays(today(), -1), reason: "Too late" });
    expect(past.ok).toBe(false);
    await expect(moveCheckin(await makeMentor(), String(week2._id), { dueDay: addDays(today(), 20), reason: "Not mine" })).rejects.toMatchObject({ status: 403 });
    const after = (await CheckinModel.findById(week2._id).lean<Checkin>())!;
    expect(isoDay(after.dueDay)).toBe(isoDay(week2.dueDay));
    expect(after.moves).toBe(0);
    expect(dayFromIso(isoDay(after.dueDay)).getTime()).toBe(week2.dueDay.getTime());
  });
});

describe("a follow-up over time", () => {
  it("moves with the mentee at a handover: her next reminders go to the new mentor, who alone may open her check-ins", async () => {
    const party = await acceptedIntroduction();
    const followUpId = await start(party);
    const newMentor = await makeMentor();
    const coordinator = (await UserModel.create({ email: `coordinator-${Date.now()}@example.test`, name: "Koordinatorica", role: "coordinator", passwordHash: "x", emailConfirmedAt: new Date() })).toObject() as SessionUser;
    const { handOverMentee } = await import("~/mentees/mentees.server.ts");
    expect(await handOverMentee(coordinator, party.menteeId, String(newMentor._id), { acrossConfirmed: true, reason: "Her mentor leaves the programme" })).toEqual({ ok: true });
    const week1 = (await CheckinModel.findOne({ followUpId, milestone: "week1" }).lean<Checkin>())!;
    await liveUntil(party.menteeId, week1.dueDay.getTime() + DAY / 2);
    expect(await reminders(newMentor.email, "/mentor/checkins/")).toHaveLength(2);
    expect(await reminders(party.mentor.email, "/mentor/checkins/")).toHaveLength(0);
    await expect(moveCheckin(party.mentor, String(week1._id), { dueDay: addDays(week1.dueDay, 2), reason: "Not mine any more" })).rejects.toMatchObject({ status: 403 });
    expect(await moveCheckin(newMentor, String(week1._id), { dueDay: addDays(week1.dueDay, 2), reason: "New mentor meets her first" })).toEqual({ ok: true });
  });

  it("records a check-in: its remaining reminders stop, and at month 1 whether she is still in work is a dated outcome", async () => {
    const party = await acceptedIntroduction();
    const followUpId = await start(party);
    const { recordCheckin } = await import("~/checkins/checkins.server.ts");
    const month1 = (await CheckinModel.findOne({ followUpId, milestone: "month1" }).lean<Checkin>())!;
    await liveUntil(party.menteeId, month1.dueDay.getTime() + DAY / 2);
    const record = { method: "in_person" as const, contactDay: month1.dueDay, attended: 4, expected: 5, feeling: 4, goesWell: "Voli rad s tijestom", needsSupport: "", supportAgreed: ["gradual_start" as const], nextStep: "", privateNote: "PRIVATE-NOTE-MARK", stillInWork: "yes" as const };
    expect(await recordCheckin(party.mentor, String(month1._id), record)).toEqual({ ok: true });
    expect(await recordCheckin(party.mentor, String(month1._id), record)).toEqual({ ok: false, fieldErrors: { form: "errors.checkinClosed" } });
    expect((await OutboxModel.findOne({ key: reminderKey(String(month1._id), 0, "mentor", "overdue") }).lean())?.status).toBe("cancelled");
    const events = await OutcomeEventModel.find({ followUpId, kind: "still_in_work" }).lean();
    expect(events.map((e) => isoDay(e.day))).toEqual([isoDay(month1.dueDay)]);
    // Sealed at rest.
    expect(JSON.stringify(await CheckinModel.findById(month1._id).lean())).not.toContain("PRIVATE-NOTE-MARK");
  });

  it("ended early: the ending is a dated event with its reason, and no reminder of the plan goes out any more", async () => {
    const party = await acceptedIntroduction();
    const followUpId = await start(party);
    const { endFollowUp } = await import("~/checkins/checkins.server.ts");
    expect(await endFollowUp(party.mentor, party.introductionId, { ending: "ended_early", endDay: today(), earlyEndReason: "transport" })).toEqual({ ok: true });
    expect(await endFollowUp(party.mentor, party.introductionId, { ending: "completed", endDay: today() })).toMatchObject({ ok: false });
    const event = await OutcomeEventModel.findOne({ followUpId, kind: "ended_early" }).lean();
    expect(event).toMatchObject({ reason: "transport" });
    await liveUntil(party.menteeId, nowMs() + 200 * DAY);
    expect(await reminders(party.mentor.email, "/mentor/checkins/")).toHaveLength(0);
    expect(await CheckinModel.countDocuments({ followUpId, status: "open" })).toBe(0);
  });

  it("an ending whose request died half way is completed, as first recorded, by the next one", async () => {
    const party = await acceptedIntroduction();
    const followUpId = await start(party);
    const { endFollowUp } = await import("~/checkins/checkins.server.ts");
    // A request claimed the ending and recorded its event (health), then its process went away.
    await ClaimModel.create({ _id: `follow-up-end:${followUpId}`, at: now() });
    await OutcomeEventModel.create({ menteeId: party.menteeId, followUpId, kind: "ended_early", reason: "health", day: today(), key: `ended:${followUpId}`, recordedAt: now(), recordedBy: party.mentor._id });
    moveClock(2 * 60_000);
    expect(await endFollowUp(party.mentor, party.introductionId, { ending: "completed", endDay: today() })).toEqual({ ok: true });
    expect(await FollowUpModel.findById(followUpId).lean()).toMatchObject({ status: "ended", ending: "ended_early" });
    expect(await CheckinModel.countDocuments({ followUpId, status: "open" })).toBe(0);
    expect(await OutboxModel.countDocuments({ menteeId: party.menteeId, kind: "checkin-reminder", status: "pending" })).toBe(0);
    expect(await OutcomeEventModel.countDocuments({ followUpId, key: `ended:${followUpId}` })).toBe(1);
  });

  it("hired: the follow-up goes on with its check-ins, which now follow the job", async () => {
    const party = await acceptedIntroduction();
    const followUpId = await start(party);
    const { endFollowUp } = await import("~/checkins/checkins.server.ts");
    expect(await endFollowUp(party.mentor, party.introductionId, { ending: "hired", endDay: today(), contractType: "fixed_term" })).toEqual({ ok: true });
    expect(await OutcomeEventModel.findOne({ followUpId, kind: "hired" }).lean()).toMatchObject({ contractType: "fixed_term" });
    expect(await CheckinModel.countDocuments({ followUpId, status: "open" })).toBe(6);
    const week1 = (await CheckinModel.findOne({ followUpId, milestone: "week1" }).lean<Checkin>())!;
    await liveUntil(party.menteeId, week1.dueDay.getTime() + DAY / 2);
    expect(await reminders(party.mentor.email, "/mentor/checkins/")).toHaveLength(2);
  });

  it("is in the mentee's data download, and erasure deletes her check-ins and their pending reminders", async () => {
    const party = await acceptedIntroduction();
    const followUpId = await start(party);
    const { exportMenteeData, eraseMentee } = await import("~/privacy/mentee-data.server.ts");
    const data = await exportMenteeData(party.menteeUser);
    expect((data as { checkins: unknown[] }).checkins).toHaveLength(6);
    expect((data as { followUps: unknown[] }).followUps).toHaveLength(1);
    const coordinator = (await UserModel.create({ email: `coordinator-e-${Date.now()}@example.test`, name: "Koordinatorica", role: "coordinator", passwordHash: "x", emailConfirmedAt: new Date() })).toObject() as SessionUser;
    expect(await eraseMentee(coordinator, party.menteeId)).toBe(true);
    expect(await CheckinModel.countDocuments({ followUpId })).toBe(0);
    expect(await OutboxModel.countDocuments({ menteeId: party.menteeId })).toBe(0);
    // The start stays as a dated fact of the programme, tied to no one once the record is emptied.
    expect(await OutcomeEventModel.countDocuments({ followUpId, kind: "started" })).toBe(1);
  });
});

describe("going quiet, as the mentor and the coordinator see it", () => {
  it("an overdue check-in shows on the mentor's list at once, on the coordinator's after 7 days, and leaves both once recorded", async () => {
    const party = await acceptedIntroduction();
    const followUpId = await start(party, undefined);
    const { checkinsOfMentor, overdueForCoordinator, recordCheckin } = await import("~/checkins/checkins.server.ts");
    const coordinator = (await UserModel.create({ email: `coordinator-q-${Date.now()}@example.test`, name: "Koordinatorica", role: "coordinator", passwordHash: "x", emailConfirmedAt: new Date() })).toObject() as SessionUser;
    const week1 = (await CheckinModel.findOne({ followUpId, milestone: "week1" }).lean<Checkin>())!;
    // Each reason as "rule" or "overdue:<check-in>".
    const reasonsAt = async () => (await checkinsOfMentor(party.mentor, { laterPage: 1 })).quiet.flatMap((q) => q.reasons.map((r) => (r.rule === "overdue" ? `overdue:${r.checkinId}` : r.rule)));
    const atCoordinator = async () => (await overdueForCoordinator(coordinator, 100_000)).rows.filter((r) => r.menteeId === party.menteeId);

    expect(await reasonsAt()).toEqual([]);
    moveClock(week1.dueDay.getTime() + 2 * DAY - nowMs());
    expect(await reasonsAt()).toContain(`overdue:${week1._id}`);
    expect(await atCoordinator()).toEqual([]);
    moveClock(6 * DAY);
    expect((await atCoordinator()).map((r) => r.id)).toEqual([String(week1._id)]);
    expect((await atCoordinator())[0]).toMatchObject({ mentor: party.mentor.name, daysLate: 8 });
    // A mentee in several placements has a row for each: the row names its placement and employer.
    const followUp = (await FollowUpModel.findById(followUpId).lean())!;
    const { PlacementModel } = await import("~/placements/model.server.ts");
    const { OrganisationModel } = await import("~/organisations/model.server.ts");
    const [placement, organisation] = [await PlacementModel.findById(followUp.placementId).lean(), await OrganisationModel.findById(followUp.organisationId).lean()];
    expect((await atCoordinator())[0]).toMatchObject({ placement: placement!.title, organisation: organisation!.name });

    const contactDay = localToday(now(), "Europe/Zagreb");
    expect(await recordCheckin(party.mentor, String(week1._id), { method: "phone", contactDay, goesWell: "", needsSupport: "", supportAgreed: [], nextStep: "", privateNote: "" })).toEqual({ ok: true });
    expect(await atCoordinator()).toEqual([]);
    expect(await reasonsAt()).not.toContain(`overdue:${week1._id}`);
  });

  it("the coordinator's overdue check-ins come a page at a time, the longest due first, each page continuing where the one before ended, every mentee shown audited", async () => {
    const parties = [await acceptedIntroduction(), await acceptedIntroduction({ country: "SI" }), await acceptedIntroduction()];
    for (const party of parties) await start(party, undefined);
    const { overdueForCoordinator, parseOverdueAfter } = await import("~/checkins/checkins.server.ts");
    const { AuditEntryModel } = await import("~/mentees/model.server.ts");
    const coordinator = (await UserModel.create({ email: `coordinator-p-${Date.now()}@example.test`, name: "Koordinatorica", role: "coordinator", passwordHash: "x", emailConfirmedAt: new Date() })).toObject() as SessionUser;
    // Two months on: several check-ins of each of them overdue by a week and more.
    moveClock(62 * DAY);
    const all = await overdueForCoordinator(coordinator, 100_000);
    expect(all.next).toBeNull();
    const ours = all.rows.filter((r) => parties.some((p) => p.menteeId === r.menteeId));
    expect(ours.length).toBeGreaterThan(parties.length);
    expect(all.rows.map((r) => r.dueDay)).toEqual(all.rows.map((r) => r.dueDay).sort());

    // Pages of two: the same rows in the same order, none twice, and the same total on every page.
    await AuditEntryModel.deleteMany({ actorId: coordinator._id });
    const paged: typeof all.rows = [];
    let after: string | null = null;
    for (let page = 0; page < 1000; page++) {
      const { rows, total, next } = await overdueForCoordinator(coordinator, 2, parseOverdueAfter(after));
      expect(rows.length).toBeLessThanOrEqual(2);
      expect(total).toBe(all.total);
      paged.push(...rows);
      if (!next) break;
      after = next;
    }
    expect(paged.map((r) => r.id)).toEqual(all.rows.map((r) => r.id));
    expect(paged[0]).toMatchObject(all.rows[0]);
    // Every mentee whose check-in was shown has an entry of this coordinator's reading.
    const audited = new Set((await AuditEntryModel.find({ actorId: coordinator._id, part: "checkins" }).lean()).map((e) => String(e.menteeId)));
    expect([...new Set(paged.map((r) => r.menteeId))].every((id) => audited.has(id))).toBe(true);
    // A made-up or broken continuation is the first page.
    for (const bad of ["", "2026-13-01", "abc_def", `${isoDay(today())}_zz`]) expect(parseOverdueAfter(bad)).toBeUndefined();
  });

  /** This mentee's reasons under one rule on her mentor's going-quiet list (/mentor and /mentor/checkins). */
  const quietFor = async (party: Party, rule: QuietReason["rule"]) =>
    (await checkinsOfMentor(party.mentor, { laterPage: 1 })).quiet
      .filter((q) => q.menteeId === party.menteeId)
      .flatMap((q) => q.reasons)
      .filter((r) => r.rule === rule);
  const checkinsOf = async (followUpId: string) => new Map((await CheckinModel.find({ followUpId }).lean<Checkin[]>()).map((c) => [c.milestone, c]));
  /** The clock to mid-morning in Zagreb, `daysAfter` days after this check-in's day. */
  const moveToDayOf = (checkin: Checkin, daysAfter = 0) => moveClock(checkin.dueDay.getTime() + daysAfter * DAY + 9 * 60 * 60_000 - nowMs());
  const mentorRecord = (attendance: { attended?: number; expected?: number } = {}) => ({
    method: "phone" as const,
    contactDay: today(),
    ...attendance,
    goesWell: "",
    needsSupport: "",
    supportAgreed: [],
    nextStep: "",
    privateNote: "",
  });

  it("two missed check-ins in a row show once the second one's day has passed, and clear once one of them is recorded", async () => {
    const party = await acceptedIntroduction();
    const followUpId = await start(party, undefined);
    const { week1, week2 } = Object.fromEntries(await checkinsOf(followUpId));

    moveToDayOf(week1, 1);
    expect(await quietFor(party, "missedInARow")).toEqual([]);
    moveToDayOf(week2);
    expect(await quietFor(party, "missedInARow")).toEqual([]);
    moveToDayOf(week2, 1);
    expect(await quietFor(party, "missedInARow")).toEqual([{ rule: "missedInARow", count: 2 }]);

    expect(await recordCheckin(party.mentor, String(week2._id), mentorRecord())).toEqual({ ok: true });
    expect(await quietFor(party, "missedInARow")).toEqual([]);
  });

  it("attendance under half, in the mentor's record or the employer's answer, shows until a later one is at half or more", async () => {
    const party = await acceptedIntroduction();
    const followUpId = await start(party, undefined);
    const { week1, week2, month1, month3 } = Object.fromEntries(await checkinsOf(followUpId));
    const answer = (checkin: Checkin, attended: number, expected: number) => answerAsEmployer(party.employer, { checkinId: String(checkin._id), attended, expected, impression: "mixed", concern: "" });

    moveToDayOf(week1);
    expect(await answer(week1, 2, 5)).toEqual({ ok: true });
    expect(await quietFor(party, "lowAttendance")).toEqual([{ rule: "lowAttendance", attended: 2, expected: 5 }]);
    moveToDayOf(week2);
    expect(await recordCheckin(party.mentor, String(week2._id), mentorRecord({ attended: 2, expected: 4 }))).toEqual({ ok: true });
    expect(await quietFor(party, "lowAttendance")).toEqual([]);

    moveToDayOf(month1);
    expect(await recordCheckin(party.mentor, String(month1._id), mentorRecord({ attended: 1, expected: 3 }))).toEqual({ ok: true });
    expect(await quietFor(party, "lowAttendance")).toEqual([{ rule: "lowAttendance", attended: 1, expected: 3 }]);
    moveToDayOf(month3);
    expect(await answer(month3, 3, 5)).toEqual({ ok: true });
    expect(await quietFor(party, "lowAttendance")).toEqual([]);
  });

  it("the mentee's own answer two steps below her answer before shows, one step does not, and a better answer clears it", async () => {
    const party = await acceptedIntroduction();
    const followUpId = await start(party, undefined);
    const { week1, week2, month1, month3 } = Object.fromEntries(await checkinsOf(followUpId));
    const answer = (checkin: Checkin, feeling: number) => answerAsMentee(party.menteeUser, { checkinId: String(checkin._id), feeling, goesWell: "", needsSupport: "" });

    moveToDayOf(week1);
    expect(await answer(week1, 4)).toEqual({ ok: true });
    moveToDayOf(week2);
    expect(await answer(week2, 3)).toEqual({ ok: true });
    expect(await quietFor(party, "feelingDropped")).toEqual([]);
    moveToDayOf(month1);
    expect(await answer(month1, 1)).toEqual({ ok: true });
    expect(await quietFor(party, "feelingDropped")).toEqual([{ rule: "feelingDropped", from: 3, to: 1 }]);

    moveToDayOf(month3);
    expect(await answer(month3, 3)).toEqual({ ok: true });
    expect(await quietFor(party, "feelingDropped")).toEqual([]);
  });
});
