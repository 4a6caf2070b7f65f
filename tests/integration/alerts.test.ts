import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/accounts/session.server.ts";
import { alertStateFor, parseAlertForm, recordMatchesView, saveAlert } from "~/alerts/alerts.server.ts";
import { runDigests } from "~/alerts/digest.server.ts";
import { AlertDigestModel, SavedSearchModel, UnsubscribeTokenModel } from "~/alerts/model.server.ts";
import { addDays, atLocalHour, dayFromIso, isoDay, localToday } from "~/checkins/days.ts";
import { now, nowMs } from "~/clock/clock.ts";
import { moveClock, resetClock } from "~/clock/test-clock.server.ts";
import { readMailbox, type MailboxMessage } from "~/email/mailbox.server.ts";
import { createMentee, getMenteePlan, updateMenteePlan } from "~/mentees/mentees.server.ts";
import { OutboxModel } from "~/outbox/model.server.ts";
import { createPlacement } from "~/placements/placements.server.ts";
import { makeMentor, menteeInput } from "../support/mentees.ts";
import { drainOutbox, makeEmployer, placementInput } from "../support/placements.ts";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";
import { linkIn } from "../support/mailbox.ts";

// Saved searches and the morning digest over a moved clock, with the e-mails read from the real
// SMTP mailbox; then the unsubscribe link and the save form through a running portal.

const ZONE = "Europe/Zagreb";
const mailboxDir = process.env.MAILBOX_DIR!;
afterEach(() => resetClock());

/** A Tuesday `weeks` weeks ahead in Zagreb: each test lives in its own week, so that one test's runs are not another's. */
function tuesday(weeks: number): string {
  let day = addDays(localToday(new Date(), ZONE), 7 * weeks);
  while (day.getUTCDay() !== 2) day = addDays(day, 1);
  return isoDay(day);
}
const plusDays = (day: string, days: number) => isoDay(addDays(dayFromIso(day), days));

/** Moves this process's clock to hour:minute on the day in Zagreb. */
function moveTo(day: string, hour: number, minute = 0) {
  moveClock(atLocalHour(dayFromIso(day), hour, ZONE).getTime() + minute * 60_000 - nowMs());
}

async function mentorWithMentee(overrides: Record<string, unknown> = {}) {
  const mentor = await makeMentor();
  const created = await createMentee(mentor, menteeInput({ firstName: "Ana", ...overrides }));
  if (!created.ok) throw new Error("mentee not created");
  return { mentor, menteeId: created.id };
}

async function save(mentor: SessionUser, menteeId: string, cadence: "daily" | "weekly" | "none") {
  const input = parseAlertForm({ cadence });
  if (!input.ok) throw new Error("form");
  await saveAlert(mentor, await getMenteePlan(mentor, menteeId, "matches"), input.value);
}

let employer: SessionUser;
let counter = 0;
async function publish(title: string, overrides: Record<string, unknown> = {}) {
  const created = await createPlacement(employer, placementInput({ title: `${title} ${counter++}`, ...overrides }), { publish: true });
  if (!created.ok) throw new Error("placement not created");
  await drainOutbox();
  return { id: created.id, title: `${title} ${counter - 1}` };
}

async function digestsTo(email: string): Promise<MailboxMessage[]> {
  return (await readMailbox(mailboxDir)).filter((m) => m.to.includes(email.toLowerCase()) && m.headers["list-unsubscribe"]);
}

/** Waits until the mailbox holds `count` digests to this address (the outbox has sent them), and a moment more for any extra one. */
async function expectDigests(email: string, count: number): Promise<MailboxMessage[]> {
  const deadline = Date.now() + 30_000;
  let found = await digestsTo(email);
  while (found.length < count && Date.now() < deadline) {
    await drainOutbox();
    await new Promise((r) => setTimeout(r, 100));
    found = await digestsTo(email);
  }
  await drainOutbox();
  found = await digestsTo(email);
  expect(found, found.map((m) => m.subject).join("\n")).toHaveLength(count);
  return found;
}

beforeAll(async () => {
  employer = await makeEmployer();
});

describe("the digest", () => {
  it("brings a placement published at 10:00 in the next morning's e-mail, once, with an unsubscribe link and header", async () => {
    const day = tuesday(1);
    moveTo(day, 6);
    const { mentor, menteeId } = await mentorWithMentee();
    await save(mentor, menteeId, "daily");
    const run = await OutboxModel.findOne({ kind: "alerts-run", key: `alerts-run:${ZONE}:${day}` }).lean();
    expect(run?.dueAt?.getTime()).toBe(atLocalHour(dayFromIso(day), 7, ZONE).getTime());

    moveTo(day, 10);
    const fits = await publish("Kuhinja Ana");
    const elsewhere = await publish("Skladište", { support: ["onsite_buddy"] });
    await drainOutbox();
    // That morning's run came before the placement: nothing to tell yet.
    expect(await digestsTo(mentor.email)).toHaveLength(0);

    moveTo(plusDays(day, 1), 7, 1);
    const [digest] = await expectDigests(mentor.email, 1);
    expect(digest.text).toContain(fits.title);
    expect(digest.text).not.toContain(elsewhere.title);
    expect(digest.text).toContain("Ana");
    expect(digest.text).not.toContain("Marić");
    expect(digest.headers["list-unsubscribe"]).toMatch(/^<https?:\/\/\S+\/alerts\/unsubscribe\/[\w-]+>$/);
    expect(digest.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const link = linkIn(digest, `/mentor/mentees/${menteeId}/matches`);
    expect(link).toContain("since=");
    // Only the token's hash is stored.
    const token = digest.headers["list-unsubscribe"].match(/unsubscribe\/([\w-]+)>/)![1];
    expect(await UnsubscribeTokenModel.countDocuments({ tokenHash: token })).toBe(0);
    expect(await UnsubscribeTokenModel.countDocuments({ mentorId: mentor._id })).toBe(1);

    // The next mornings: nothing new, no e-mail, and the placement never again.
    moveTo(plusDays(day, 2), 7, 1);
    await drainOutbox();
    moveTo(plusDays(day, 3), 7, 1);
    await drainOutbox();
    await expectDigests(mentor.email, 1);
  });

  it("sends one e-mail a day for all of a mentor's searches, however often the day's run is repeated", async () => {
    const day = tuesday(3);
    moveTo(day, 6);
    const { mentor, menteeId } = await mentorWithMentee({ firstName: "Ana" });
    const second = await createMentee(mentor, menteeInput({ firstName: "Marta", fullName: "Marta Horvat" }));
    if (!second.ok) throw new Error("second mentee");
    await save(mentor, menteeId, "daily");
    await save(mentor, second.id, "daily");
    moveTo(day, 10);
    const placement = await publish("Pekara");
    moveTo(plusDays(day, 1), 7, 1);
    await drainOutbox();
    // A retried run, and a placement published after it, the same day.
    await runDigests(ZONE);
    await publish("Vrtlarija");
    await runDigests(ZONE);
    const [digest] = await expectDigests(mentor.email, 1);
    expect(digest.text).toContain("Ana");
    expect(digest.text).toContain("Marta");
    expect(digest.text.split(placement.title)).toHaveLength(3);
    // The one published after the morning's run reaches the next morning's e-mail.
    moveTo(plusDays(day, 2), 7, 1);
    const later = await expectDigests(mentor.email, 2);
    expect(later[1].text).toContain("Vrtlarija");
    expect(later[1].subject).not.toBe("");
    expect(later[1].text).not.toContain(placement.title);
  });

  it("tells a weekly search on Mondays only", async () => {
    const day = tuesday(5);
    moveTo(day, 6);
    const { mentor, menteeId } = await mentorWithMentee();
    await save(mentor, menteeId, "weekly");
    moveTo(day, 10);
    const placement = await publish("Tjedna kuhinja");
    for (let n = 1; n <= 5; n++) {
      moveTo(plusDays(day, n), 7, 1);
      await drainOutbox();
    }
    expect(await digestsTo(mentor.email)).toHaveLength(0);
    // Tuesday + 6 days: Monday.
    moveTo(plusDays(day, 6), 7, 1);
    const [digest] = await expectDigests(mentor.email, 1);
    expect(digest.text).toContain(placement.title);
    expect(new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, weekday: "long" }).format(now())).toBe("Monday");
  });

  it("pauses a search whose plan changed, and tells nothing for it until it is saved again", async () => {
    const day = tuesday(7);
    moveTo(day, 6);
    const { mentor, menteeId } = await mentorWithMentee();
    await save(mentor, menteeId, "daily");
    moveTo(day, 10);
    await updateMenteePlan(mentor, menteeId, menteeInput({ travelKm: "40", supportNeeded: ["gradual_start", "onsite_buddy"] }));
    const placement = await publish("Pauzirana kuhinja");
    moveTo(plusDays(day, 1), 7, 1);
    await drainOutbox();
    expect(await digestsTo(mentor.email)).toHaveLength(0);
    expect((await SavedSearchModel.findOne({ mentorId: mentor._id }).lean())?.status).toBe("paused");
    const plan = await getMenteePlan(mentor, menteeId, "matches");
    expect((await alertStateFor(mentor, plan))?.paused).toBe(true);
    // Saved again: from now on; what was published before is not "new" to this search.
    await save(mentor, menteeId, "daily");
    expect((await alertStateFor(mentor, plan))?.paused).toBe(false);
    moveTo(plusDays(day, 1), 11);
    const after = await publish("Nova kuhinja");
    moveTo(plusDays(day, 2), 7, 1);
    const [digest] = await expectDigests(mentor.email, 1);
    expect(digest.text).toContain(after.title);
    expect(digest.text).not.toContain(placement.title);
  });

  it("tells nothing of a mentee handed over to another mentor", async () => {
    const day = tuesday(9);
    moveTo(day, 6);
    const { mentor, menteeId } = await mentorWithMentee();
    await save(mentor, menteeId, "daily");
    const { MenteeModel } = await import("~/mentees/model.server.ts");
    const other = await makeMentor();
    await MenteeModel.updateOne({ _id: menteeId }, { $set: { mentorId: other._id } });
    moveTo(day, 10);
    await publish("Predana kuhinja");
    moveTo(plusDays(day, 1), 7, 1);
    await drainOutbox();
    expect(await digestsTo(mentor.email)).toHaveLength(0);
    expect(await SavedSearchModel.countDocuments({ mentorId: mentor._id })).toBe(0);
    expect(await AlertDigestModel.countDocuments({ mentorId: mentor._id })).toBe(0);
  });

  it("keeps nothing of an erased mentee: her search, her looks and her lines in stored digests go", async () => {
    const day = tuesday(13);
    moveTo(day, 6);
    const { mentor, menteeId } = await mentorWithMentee();
    await save(mentor, menteeId, "daily");
    await recordMatchesView(mentor, menteeId);
    moveTo(day, 10);
    await publish("Obrisana kuhinja");
    moveTo(plusDays(day, 1), 7, 1);
    await expectDigests(mentor.email, 1);
    expect(await AlertDigestModel.countDocuments({ "entries.menteeId": menteeId })).toBe(1);
    const { UserModel } = await import("~/accounts/model.server.ts");
    const coordinator = (await UserModel.create({ email: `coordinator-${Date.now()}@example.test`, name: "Koordinatorica", role: "coordinator", approval: "approved", passwordHash: "x", emailConfirmedAt: new Date() })).toObject();
    const { eraseMentee } = await import("~/privacy/mentee-data.server.ts");
    expect(await eraseMentee(coordinator, menteeId)).toBe(true);
    const { MatchesViewModel } = await import("~/alerts/model.server.ts");
    expect(await SavedSearchModel.countDocuments({ menteeId })).toBe(0);
    expect(await MatchesViewModel.countDocuments({ menteeId })).toBe(0);
    expect(await AlertDigestModel.countDocuments({ "entries.menteeId": menteeId })).toBe(0);
  });
});

describe("new since you last looked", () => {
  it("is what was published after the look before this sitting", async () => {
    const day = tuesday(11);
    moveTo(day, 9);
    const { mentor, menteeId } = await mentorWithMentee();
    expect(await recordMatchesView(mentor, menteeId)).toBeNull();
    const first = now();
    moveTo(day, 9, 10);
    const second = nowMs();
    // The same sitting: still nothing before it.
    expect(await recordMatchesView(mentor, menteeId)).toBeNull();
    moveTo(day, 14);
    const previous = (await recordMatchesView(mentor, menteeId))!.getTime();
    expect(previous).toBeGreaterThanOrEqual(second);
    expect(previous).toBeLessThan(first.getTime() + 11 * 60_000);
  });
});

describe("the pages", () => {
  let portal: RunningPortal;
  let cookie = "";
  let anaId = "";
  const mentorEmail = "mentor.hr@demo.placements.test";

  beforeAll(async () => {
    portal = await startPortal({ OUTBOX_POLL_MS: "60000" }, { seed: true });
    const response = await postForm(portal, "/login", { email: mentorEmail, password: "demo-placements-2026" });
    cookie = response.headers.get("set-cookie")!.split(";")[0];
    const { MenteeModel } = await import("~/mentees/model.server.ts");
    anaId = String((await MenteeModel.findOne({ key: "mentee-ana" }).lean())!._id);
  }, 240_000);
  afterAll(async () => portal?.stop());

  const get = (path: string) => fetch(`${portal.url}${path}`, { redirect: "manual", headers: { Cookie: cookie, "Accept-Language": "en" } });

  it("saves the search from the matches page, and refuses a bad cadence with a localised error, saving nothing", async () => {
    const path = `/mentor/mentees/${anaId}/matches`;
    const page = await (await get(path)).text();
    expect(page).toContain('name="cadence"');
    const bad = await postForm(portal, path, { intent: "saveAlert", cadence: "hourly" }, { Cookie: cookie });
    expect(bad.status).toBe(400);
    // The demo mentor reads Croatian.
    expect(await bad.text()).toContain("Odaberite koliko često želite e-poruku");
    expect(await SavedSearchModel.countDocuments({ menteeId: anaId })).toBe(0);
    const saved = await postForm(portal, path, { intent: "saveAlert", cadence: "weekly", distance: "1" }, { Cookie: cookie });
    expect(saved.status).toBe(302);
    const search = await SavedSearchModel.findOne({ menteeId: anaId }).lean();
    expect(search?.cadence).toBe("weekly");
    expect(search?.relax?.distance).toBe(true);
    // Saving again updates the one search.
    await postForm(portal, path, { intent: "saveAlert", cadence: "daily" }, { Cookie: cookie });
    expect(await SavedSearchModel.countDocuments({ menteeId: anaId })).toBe(1);
    expect((await SavedSearchModel.findOne({ menteeId: anaId }).lean())?.cadence).toBe("daily");
  });

  it("takes saves sent at the same moment (a double click, two tabs) as one save, never an error", async () => {
    const path = `/mentor/mentees/${anaId}/matches`;
    await SavedSearchModel.deleteMany({ menteeId: anaId });
    const answers = await Promise.all(Array.from({ length: 4 }, () => postForm(portal, path, { intent: "saveAlert", cadence: "weekly" }, { Cookie: cookie })));
    expect(answers.map((answer) => answer.status)).toEqual([302, 302, 302, 302]);
    expect(await SavedSearchModel.countDocuments({ menteeId: anaId })).toBe(1);
    expect((await SavedSearchModel.findOne({ menteeId: anaId }).lean())?.cadence).toBe("weekly");
  });

  it("unsubscribes with one button and no login: opening the link changes nothing, the button stops the e-mails, a used link says so", async () => {
    const { UserModel } = await import("~/accounts/model.server.ts");
    const mentor = (await UserModel.findOne({ email: mentorEmail }).lean())!;
    await SavedSearchModel.updateOne({ menteeId: anaId }, { $set: { cadence: "daily" } });
    const { randomToken, hashToken } = await import("~/security/tokens.server.ts");
    const token = randomToken();
    await UnsubscribeTokenModel.create({ tokenHash: hashToken(token), mentorId: mentor._id, createdAt: new Date() });
    const path = `/alerts/unsubscribe/${token}`;
    for (let i = 0; i < 3; i++) {
      const opened = await fetch(`${portal.url}${path}`, { headers: { "Accept-Language": "sl" } });
      expect(opened.status).toBe(200);
      expect(await opened.text()).toContain("Ustavi ta sporočila");
    }
    expect((await SavedSearchModel.findOne({ menteeId: anaId }).lean())?.cadence).toBe("daily");
    // As a mail program's one-click request (RFC 8058): no cookie, no Origin.
    const clicked = await fetch(`${portal.url}${path}`, { method: "POST", redirect: "manual", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) });
    expect(clicked.status).toBe(302);
    expect((await SavedSearchModel.findOne({ menteeId: anaId }).lean())?.cadence).toBe("none");
    const done = await fetch(`${portal.url}${clicked.headers.get("location")}`, { headers: { "Accept-Language": "da" } });
    expect(await done.text()).toMatch(/role="status">Færdig\. Du får ikke flere e-mails om nye pladser/);
    const again = await postForm(portal, path, {});
    expect(again.status).toBe(404);
    expect(await again.text()).toContain("link");
    const made = await fetch(`${portal.url}/alerts/unsubscribe/not-a-token`, { headers: { "Accept-Language": "hr" } });
    expect(made.status).toBe(404);
    expect(await made.text()).toContain("Ova poveznica ne radi");
    // Only a link that was used says it is done: a made-up one with "?done" does not.
    const madeDone = await fetch(`${portal.url}/alerts/unsubscribe/not-a-token?done`, { headers: { "Accept-Language": "da" } });
    expect(madeDone.status).toBe(404);
    expect(await madeDone.text()).not.toMatch(/role="status">Færdig/);
  });
});
