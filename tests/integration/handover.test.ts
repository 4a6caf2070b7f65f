import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { deactivateMentor, reactivateMentor } from "~/accounts/activation.server.ts";
import { UserModel } from "~/accounts/model.server.ts";
import { hashPassword } from "~/accounts/password.server.ts";
import { authenticate } from "~/accounts/registration.server.ts";
import { createSession, getUser } from "~/accounts/session.server.ts";
import { checkinsOfMentor } from "~/checkins/checkins.server.ts";
import { CheckinModel, type Checkin } from "~/checkins/model.server.ts";
import { introductionsForLeadMentor } from "~/introductions/mentor.server.ts";
import { nowMs } from "~/clock/clock.ts";
import { moveClock, resetClock } from "~/clock/test-clock.server.ts";
import { handOverMentee, listApprovedMentors } from "~/mentees/mentees.server.ts";
import { menteesWithInactiveMentor } from "~/mentees/mentors.server.ts";
import { AuditEntryModel, MenteeModel } from "~/mentees/model.server.ts";
import { OutboxModel } from "~/outbox/model.server.ts";
import { runOutboxOnce } from "~/outbox/outbox.server.ts";
import { startSmtp } from "../../server/services/smtp.ts";
import type { RunningService } from "../../server/services/processes.ts";
import { acceptedIntroduction, makeCoordinator, startToday } from "../support/follow-ups.ts";
import { emailsTo, waitForEmail } from "../support/mailbox.ts";
import { makeMentor } from "../support/mentees.ts";
import { drainOutbox } from "../support/placements.ts";

// A handover moves a mentee's open check-ins and pending reminders to the new mentor in one step,
// with a reason, an audit entry and an e-mail to the new mentor; a deactivated mentor cannot sign
// in, gets no reminders, and their mentees wait on the coordinator's list. Reminders are counted
// in this file's own SMTP server's mailbox.

const dataDir = mkdtempSync(join(process.env.SERVICES_DATA_DIR!, "handover-"));
const smtp: { port: number; mailboxDir: string; service: RunningService } = await startSmtp(dataDir);
process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
process.env.OUTBOX_BACKOFF_BASE_MS = "50";
afterAll(async () => smtp.service.stop());
afterEach(() => resetClock());

const DAY = 24 * 60 * 60_000;

async function runWorkers() {
  for (let round = 0; round < 50; round++) {
    const runs = await Promise.all([runOutboxOnce("worker-a", 200), runOutboxOnce("worker-b", 200)]);
    if (runs.every((r) => r.done + r.retry + r.failed + r.skipped === 0)) return;
  }
}

/** Moves the clock on item by item until `until`, with two workers after every step. */
async function liveUntil(menteeId: string, until: number) {
  for (let step = 0; ; step++) {
    if (step > 3000) throw new Error("the outbox never settles");
    const next = await OutboxModel.findOne({ menteeId, status: "pending" }).sort({ nextAttemptAt: 1 }).lean();
    if (!next || next.nextAttemptAt.getTime() > until) break;
    const target = next.nextAttemptAt.getTime() + 1000;
    if (target > nowMs()) moveClock(target - nowMs());
    await runWorkers();
  }
  if (until > nowMs()) moveClock(until - nowMs());
  await runWorkers();
}

const mentorReminders = async (email: string) => (await emailsTo(smtp.mailboxDir, email)).filter((m) => m.text.includes("/mentor/checkins/"));
/** How many mentor reminders of this mentee the outbox carried out (each one e-mail to the lead mentor of the moment). */
const mentorRemindersSent = async (menteeId: string) => OutboxModel.countDocuments({ kind: "checkin-reminder", menteeId, status: "sent", "payload.recipient": "mentor" });

describe("a handover", () => {
  it("moves every open check-in and pending reminder: from then on the mentor's reminders reach the new mentor only", async () => {
    const party = await acceptedIntroduction({ kind: "work_trial" });
    const followUpId = await startToday(party, 61);
    const newMentor = await makeMentor();
    const coordinator = await makeCoordinator();
    const open = await CheckinModel.countDocuments({ followUpId, status: "open" });
    const pending = await OutboxModel.countDocuments({ menteeId: party.menteeId, kind: "checkin-reminder", status: "pending" });
    expect(open).toBe(6);

    expect(await handOverMentee(coordinator, party.menteeId, String(newMentor._id), { acrossConfirmed: true, reason: "Her mentor leaves the programme" })).toEqual({ ok: true });
    // Nothing was cancelled or copied: the check-ins and reminders are the mentee's, and she has a new lead.
    expect(await CheckinModel.countDocuments({ followUpId, status: "open" })).toBe(open);
    expect(await OutboxModel.countDocuments({ menteeId: party.menteeId, kind: "checkin-reminder", status: "pending" })).toBe(pending);

    const month1 = (await CheckinModel.findOne({ followUpId, milestone: "month1" }).lean<Checkin>())!;
    await liveUntil(party.menteeId, month1.dueDay.getTime() + DAY / 2);
    const sent = await mentorRemindersSent(party.menteeId);
    // Week 1, week 2 and month 1: before, on the day, and (week 1 and 2) three days late.
    expect(sent).toBe(8);
    expect(await mentorReminders(newMentor.email)).toHaveLength(sent);
    expect(await mentorReminders(party.mentor.email)).toHaveLength(0);
  });

  it("moves her check-ins and introductions from the old mentor's pages to the new mentor's", async () => {
    const party = await acceptedIntroduction();
    await startToday(party);
    const newMentor = await makeMentor();
    const coordinator = await makeCoordinator();
    const checkinMentees = async (mentor: typeof newMentor) => {
      const { thisWeek, later, quiet } = await checkinsOfMentor(mentor, { laterPage: 1 });
      return new Set([...thisWeek, ...later, ...quiet].map((r) => r.mentee));
    };
    const pages = async (mentor: typeof newMentor) => ({
      checkins: await checkinMentees(mentor),
      introductions: (await introductionsForLeadMentor(mentor)).map((i) => i.mentee),
    });
    expect(await pages(party.mentor)).toEqual({ checkins: new Set([party.firstName]), introductions: [party.firstName] });
    expect(await pages(newMentor)).toEqual({ checkins: new Set(), introductions: [] });

    expect(await handOverMentee(coordinator, party.menteeId, String(newMentor._id), { acrossConfirmed: true, reason: "Her mentor leaves the programme" })).toEqual({ ok: true });
    expect(await pages(party.mentor)).toEqual({ checkins: new Set(), introductions: [] });
    expect(await pages(newMentor)).toEqual({ checkins: new Set([party.firstName]), introductions: [party.firstName] });
  });

  it("needs a reason: without one nothing changes, nothing is audited and nobody is told", async () => {
    const party = await acceptedIntroduction();
    await startToday(party);
    const newMentor = await makeMentor();
    const coordinator = await makeCoordinator();
    expect(await handOverMentee(coordinator, party.menteeId, String(newMentor._id), { acrossConfirmed: true, reason: "  " })).toEqual({ ok: false, fieldErrors: { reason: "errors.required" } });
    expect(String((await MenteeModel.findById(party.menteeId).lean())?.mentorId)).toBe(String(party.mentor._id));
    expect(await AuditEntryModel.countDocuments({ menteeId: party.menteeId, part: "handover" })).toBe(0);
    expect(await OutboxModel.countDocuments({ menteeId: party.menteeId, "payload.template": "menteeHandedOver" })).toBe(0);
  });

  it("is audited (who, from, to, why) and tells the new mentor in their language whom they lead and how many open check-ins came along", async () => {
    const party = await acceptedIntroduction({ kind: "work_trial" });
    await startToday(party, 61);
    const newMentor = await makeMentor();
    await UserModel.updateOne({ _id: newMentor._id }, { $set: { language: "da" } });
    const coordinator = await makeCoordinator();
    expect(await handOverMentee(coordinator, party.menteeId, String(newMentor._id), { acrossConfirmed: true, reason: "Ivana går på pension" })).toEqual({ ok: true });
    const entry = await AuditEntryModel.findOne({ menteeId: party.menteeId, part: "handover" }).lean();
    expect(entry).toMatchObject({ actorId: coordinator._id, actorRole: "coordinator", handover: { fromMentorId: party.mentor._id, toMentorId: newMentor._id, reason: "Ivana går på pension" } });

    await drainOutbox();
    const email = await waitForEmail(smtp.mailboxDir, newMentor.email, (m) => m.subject.includes(party.firstName));
    expect(email.subject).toBe(`${party.firstName} er nu blandt dine mentees`);
    expect(email.text).toContain(`Åbne opfølgninger, der fulgte med ${party.firstName}: 6.`);
    expect(email.text).toContain(party.mentor.name);
    expect(email.text).toContain(`/mentor/mentees/${party.menteeId}`);
    // First name only; nothing from the plan, and not the coordinator's reason.
    for (const withheld of ["Marić", "pension", "gradual", "Raditi s ljudima"]) expect(email.text).not.toContain(withheld);
  });
});

describe("a deactivated mentor", () => {
  it("cannot sign in, loses every session, is no handover target, gets no reminders, and their mentees wait on the coordinator's list until handed over", async () => {
    const password = "a long enough password";
    const mentor = await makeMentor();
    await UserModel.updateOne({ _id: mentor._id }, { $set: { passwordHash: await hashPassword(password) } });
    const party = await acceptedIntroduction({ mentor });
    const followUpId = await startToday(party);
    const coordinator = await makeCoordinator();
    const signedIn = (await createSession(mentor._id)).split(";")[0];
    const asMentor = () => new Request("http://portal.test/mentor", { headers: { Cookie: signedIn } });
    expect(String((await getUser(asMentor()))?._id)).toBe(String(mentor._id));
    const client = { address: "203.0.113.70", deviceId: null };

    expect(await deactivateMentor(coordinator, String(mentor._id))).toBe(true);
    expect(await deactivateMentor(coordinator, String(mentor._id))).toBe(false);
    expect(await getUser(asMentor())).toBeNull();
    // A sign-in that raced the deactivation and got its session written after it: refused all the same.
    const raced = (await createSession(mentor._id)).split(";")[0];
    expect(await getUser(new Request("http://portal.test/mentor", { headers: { Cookie: raced } }))).toBeNull();
    expect(await authenticate(mentor.email, password, client)).toEqual({ ok: false, fieldErrors: { form: "errors.accountDeactivated" } });
    expect((await listApprovedMentors()).map((m) => m.id)).not.toContain(String(mentor._id));
    const other = await acceptedIntroduction();
    expect(await handOverMentee(coordinator, other.menteeId, String(mentor._id), { acrossConfirmed: true, reason: "Try the one who left" })).toEqual({ ok: false, fieldErrors: { mentorId: "errors.choice" } });
    expect((await menteesWithInactiveMentor(coordinator, { pageSize: 2000 })).waiting).toContainEqual(expect.objectContaining({ id: party.menteeId, mentor: mentor.name, openCheckins: 5 }));

    // While she waits, the week-1 reminders to the mentor who left are not sent; hers is.
    const week1 = (await CheckinModel.findOne({ followUpId, milestone: "week1" }).lean<Checkin>())!;
    await liveUntil(party.menteeId, week1.dueDay.getTime() + DAY / 2);
    expect(await mentorReminders(mentor.email)).toHaveLength(0);
    expect(await OutboxModel.countDocuments({ kind: "checkin-reminder", menteeId: party.menteeId, status: "cancelled", "payload.recipient": "mentor" })).toBe(2);
    expect((await emailsTo(smtp.mailboxDir, party.menteeUser.email)).filter((m) => m.text.includes("/me/checkins"))).toHaveLength(1);

    // Handed over from the list: she leaves it, and the reminders still ahead reach the new mentor.
    const newMentor = await makeMentor();
    expect(await handOverMentee(coordinator, party.menteeId, String(newMentor._id), { acrossConfirmed: true, reason: "Her mentor left" })).toEqual({ ok: true });
    expect((await menteesWithInactiveMentor(coordinator, { pageSize: 2000 })).waiting.map((m) => m.id)).not.toContain(party.menteeId);
    const week2 = (await CheckinModel.findOne({ followUpId, milestone: "week2" }).lean<Checkin>())!;
    await liveUntil(party.menteeId, week2.dueDay.getTime() + DAY / 2);
    // Week 1 three days late, week 2 before and on the day.
    expect(await mentorReminders(newMentor.email)).toHaveLength(3);
    expect(await mentorReminders(mentor.email)).toHaveLength(0);

    expect(await reactivateMentor(coordinator, String(mentor._id))).toBe(true);
    expect(await authenticate(mentor.email, password, client)).toMatchObject({ ok: true });
  });
});
