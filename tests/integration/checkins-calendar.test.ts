import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";
import { INTERNALS } from "../support/routes.ts";
import { storeProposal } from "../support/proposals.ts";

// The mentor's calendar feed on a running portal: the secret address made on her check-ins page,
// read without a session as a calendar app does, and what it holds as the follow-up changes: only
// first names, milestones and days of the open check-ins of the mentees she leads now.

let portal: RunningPortal;
const cookies: Record<string, string> = {};
const logins = {
  mentor: "mentor.hr@demo.placements.test",
  otherMentor: "mentor.da@demo.placements.test",
  mentee: "mentee@demo.placements.test",
  employer: "employer.hr@demo.placements.test",
  coordinator: "coordinator@demo.placements.test",
};
let anaId = "";
let followUpId = "";
const feeds: Record<string, string> = {};

// What Ana, the employer and the mentor write into the check-ins: none of it may reach a calendar.
const secrets = { menteeGoesWell: "Kolege su dragi", menteeNeedsSupport: "Rano ustajanje", concern: "Kasni ujutro", privateNote: "Boji se noćne smjene", goesWell: "Dobro se snalazi", nextStep: "Razgovor s poslodavcem" };

beforeAll(async () => {
  portal = await startPortal({ OUTBOX_POLL_MS: "60000" }, { seed: true });
  for (const [who, email] of Object.entries(logins)) {
    const response = await postForm(portal, "/login", { email, password: "demo-placements-2026" });
    cookies[who] = response.headers.get("set-cookie")!.split(";")[0];
  }
  // Ana placed with Pekara Zrno ten days ago: her follow-up plan is open.
  const { MenteeModel } = await import("~/mentees/model.server.ts");
  const { OrganisationModel } = await import("~/organisations/model.server.ts");
  const { PlacementModel } = await import("~/placements/model.server.ts");
  const { UserModel } = await import("~/accounts/model.server.ts");
  const { startIntroduction, giveConsent } = await import("~/introductions/introductions.server.ts");
  const { respondToIntroduction } = await import("~/introductions/employer.server.ts");
  const { startFollowUp, todayIn } = await import("~/checkins/checkins.server.ts");
  const { addDays } = await import("~/checkins/days.ts");
  const ana = (await MenteeModel.findOne({ key: "mentee-ana" }).lean())!;
  anaId = String(ana._id);
  const mentor = (await UserModel.findOne({ email: logins.mentor }).lean())!;
  const employer = (await UserModel.findOne({ email: logins.employer }).lean())!;
  const pekara = (await OrganisationModel.findOne({ key: "pekara-zrno" }).lean())!;
  const placement = (await PlacementModel.findOne({ organisationId: pekara._id, status: "published" }).lean())!;
  const proposal = await storeProposal({ menteeId: ana._id, placementId: placement._id, mentorId: mentor._id, status: "interested" });
  const introduction = await startIntroduction(mentor as never, String(proposal._id));
  if (!introduction.ok) throw new Error("introduction");
  if (!(await giveConsent(mentor as never, introduction.id, { fields: ["firstName"], note: "", method: "with_mentor" })).ok) throw new Error("consent");
  if (!(await respondToIntroduction(employer as never, introduction.id, { answer: "accepted" })).ok) throw new Error("accept");
  const today = todayIn("HR");
  const started = await startFollowUp(mentor as never, introduction.id, { startDay: addDays(today, -10), hoursPerWeek: 20, plannedEndDay: addDays(today, 60) });
  if (!started.ok) throw new Error("start");
  followUpId = started.id;
}, 240_000);
afterAll(async () => portal?.stop());

const get = (who: string, path: string) => fetch(`${portal.url}${path}`, { redirect: "manual", headers: { Cookie: cookies[who] } });
const post = (who: string, path: string, fields: Record<string, string | string[]>) => postForm(portal, path, fields, { Cookie: cookies[who] });
/** A calendar app: no cookie, no language. */
const readFeed = (url: string) => fetch(url, { redirect: "manual" });
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const icsDay = (day: Date) => day.toISOString().slice(0, 10).replace(/-/g, "");

async function checkins() {
  const { CheckinModel } = await import("~/checkins/model.server.ts");
  return CheckinModel.find({ followUpId }).sort({ dueDay: 1 }).lean();
}

/** The feed's events, read from the text as a calendar app would (lines unfolded). */
function eventsOf(ics: string) {
  const unfolded = ics.replace(/\r\n[ \t]/g, "");
  return unfolded
    .split("BEGIN:VEVENT")
    .slice(1)
    .map((block) => {
      const field = (name: string) => block.match(new RegExp(`\\r\\n${name}[:;]([^\\r\\n]*)`))?.[1] ?? "";
      return { uid: field("UID"), start: field("DTSTART"), sequence: field("SEQUENCE"), summary: field("SUMMARY"), url: field("URL") };
    });
}

async function newFeedAddress(who: string): Promise<string> {
  const response = await post(who, "/mentor/checkins?index", { intent: "renewCalendar" });
  expect(response.status).toBe(200);
  const address = (await response.text()).match(/http:\/\/localhost:\d+\/calendar\/[A-Za-z0-9_-]{43}\.ics/)?.[0];
  expect(address, "the page shows the new address").toBeTruthy();
  return address!;
}

async function feedOf(url: string) {
  const response = await readFeed(url);
  expect(response.status).toBe(200);
  const text = await response.text();
  return { response, text, events: eventsOf(text) };
}

describe("the mentor's calendar feed", () => {
  it("is made on her check-ins page and shown once; only its hash is stored", async () => {
    const page = await (await get("mentor", "/mentor/checkins")).text();
    // The demo mentor reads Croatian.
    expect(page).toContain("Izradi adresu kalendara");
    feeds.mentor = await newFeedAddress("mentor");
    const token = feeds.mentor.match(/calendar\/(.+)\.ics$/)![1];
    const again = await (await get("mentor", "/mentor/checkins")).text();
    expect(again, "the address is not shown again").not.toContain(token);
    expect(again).toContain("Obnovi adresu kalendara");
    const { CalendarFeedModel } = await import("~/checkins/model.server.ts");
    const { UserModel } = await import("~/accounts/model.server.ts");
    const mentor = (await UserModel.findOne({ email: logins.mentor }).lean())!;
    const stored = (await CalendarFeedModel.findById(mentor._id).lean())!;
    expect(stored.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(await CalendarFeedModel.find({}).lean())).not.toContain(token);
  });

  it("lists her open check-ins to a calendar app without a session: all-day, by first name and milestone, in her language", async () => {
    const { response, events } = await feedOf(feeds.mentor);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    // The same data as Remix's own data request: no cache keeps it either.
    const asData = await readFeed(`${feeds.mentor}.data`);
    await asData.arrayBuffer();
    expect(asData.headers.get("cache-control")).toBe("private, no-store");
    const open = (await checkins()).filter((c) => c.status === "open");
    expect(open.length).toBeGreaterThanOrEqual(5);
    expect(events).toHaveLength(open.length);
    for (const c of open) {
      const event = events.find((e) => e.uid === `checkin-${c._id}@localhost`);
      expect(event, `check-in ${c.milestone}`).toBeTruthy();
      expect(event!.start).toBe(`VALUE=DATE:${icsDay(c.dueDay)}`);
      expect(event!.url).toContain(`/mentor/checkins/${c._id}`);
    }
    expect(events.map((e) => e.summary)).toContain("Razgovor praćenja: Ana (1. tjedan)");
  });

  it("keeps an open check-in overdue for two months: the one the mentor must not lose", async () => {
    const { CheckinModel } = await import("~/checkins/model.server.ts");
    const week1 = (await checkins())[0];
    const twoMonthsAgo = new Date(`${iso(-61)}T00:00:00.000Z`);
    await CheckinModel.updateOne({ _id: week1._id }, { $set: { dueDay: twoMonthsAgo } });
    try {
      const { events } = await feedOf(feeds.mentor);
      const event = events.find((e) => e.uid === `checkin-${week1._id}@localhost`);
      expect(event?.start).toBe(`VALUE=DATE:${icsDay(twoMonthsAgo)}`);
    } finally {
      await CheckinModel.updateOne({ _id: week1._id }, { $set: { dueDay: week1.dueDay } });
    }
  });

  it("never carries a surname, an answer, a concern, a private note, a feeling or the placement", async () => {
    const list = await checkins();
    const week1 = list.find((c) => c.milestone === "week1")!;
    const month1 = list.find((c) => c.milestone === "month1")!;
    // Ana and the employer answer the week-1 check-in, which stays open for the mentor.
    expect((await post("mentee", "/me/checkins", { checkinId: String(week1._id), feeling: "2", goesWell: secrets.menteeGoesWell, needsSupport: secrets.menteeNeedsSupport })).status).toBe(302);
    expect((await post("employer", "/employer/placed", { checkinId: String(week1._id), attended: "2", expected: "5", impression: "mixed", concern: secrets.concern })).status).toBe(302);
    // The mentor records the month-1 check-in early, with a private note and a feeling.
    const recorded = await post("mentor", `/mentor/checkins/${month1._id}`, { intent: "record", method: "phone", contactDay: iso(0), attended: "", expected: "", feeling: "1", goesWell: secrets.goesWell, needsSupport: "", nextStep: secrets.nextStep, privateNote: secrets.privateNote });
    expect(recorded.status).toBe(302);

    const { text, events } = await feedOf(feeds.mentor);
    const unfolded = text.replace(/\r\n[ \t]/g, "");
    for (const secret of [...Object.values(secrets), "Marić", "Pekara", "Zrno", "Nije dobro", "Jako loše"]) expect(unfolded, secret).not.toContain(secret);
    const { PlacementModel } = await import("~/placements/model.server.ts");
    const { FollowUpModel } = await import("~/checkins/model.server.ts");
    const placement = (await PlacementModel.findById((await FollowUpModel.findById(followUpId).lean())!.placementId).lean())!;
    expect(unfolded).not.toContain(placement.title);
    // The answered check-in is still there; the recorded one is gone.
    expect(events.map((e) => e.uid)).toContain(`checkin-${week1._id}@localhost`);
    expect(events.map((e) => e.uid)).not.toContain(`checkin-${month1._id}@localhost`);
  });

  it("moves a moved check-in: the same event, a later revision, the new day", async () => {
    const week2 = (await checkins()).find((c) => c.milestone === "week2")!;
    expect((await post("mentor", `/mentor/checkins/${week2._id}`, { intent: "move", dueDay: iso(9), reason: "Bolovanje" })).status).toBe(302);
    const { events } = await feedOf(feeds.mentor);
    const moved = events.filter((e) => e.uid === `checkin-${week2._id}@localhost`);
    expect(moved).toHaveLength(1);
    expect(moved[0].start).toBe(`VALUE=DATE:${iso(9).replace(/-/g, "")}`);
    expect(Number(moved[0].sequence)).toBe(week2.moves + 1);
  });

  it("records the reads in Ana's access log once a day, not once per read", async () => {
    const { AuditEntryModel } = await import("~/mentees/model.server.ts");
    for (let i = 0; i < 3; i++) await feedOf(feeds.mentor);
    const entries = await AuditEntryModel.find({ menteeId: anaId, part: "calendar" }).lean();
    expect(entries).toHaveLength(1);
    expect(entries[0].actorRole).toBe("mentor");
    const page = await (await get("mentee", "/me/data")).text();
    expect(page).toContain("Vaše ime i dani razgovora, u kalendaru Vašeg mentora");
  });

  it("shows another mentor none of Ana's check-ins on her own feed", async () => {
    feeds.otherMentor = await newFeedAddress("otherMentor");
    expect(feeds.otherMentor).not.toBe(feeds.mentor);
    const { text } = await feedOf(feeds.otherMentor);
    expect(text).not.toContain("Ana");
    for (const c of await checkins()) expect(text).not.toContain(String(c._id));
  });

  it("answers 404 at the old address as soon as the mentor renews it", async () => {
    const old = feeds.mentor;
    feeds.mentor = await newFeedAddress("mentor");
    expect(feeds.mentor).not.toBe(old);
    const refused = await readFeed(old);
    expect(refused.status).toBe(404);
    expect(refused.headers.get("content-type")).not.toContain("text/calendar");
    expect((await feedOf(feeds.mentor)).events.length).toBeGreaterThan(0);
  });

  it("lets Ana's check-ins follow her to her new mentor after a handover", async () => {
    const { UserModel } = await import("~/accounts/model.server.ts");
    const newMentor = (await UserModel.findOne({ email: logins.otherMentor }).lean())!;
    const handover = await post("coordinator", `/coordinator/mentees/${anaId}`, { intent: "handover", mentorId: String(newMentor._id), confirmAcross: "yes", reason: "Ivana is on long leave" });
    expect(handover.status).toBe(302);
    const open = (await checkins()).filter((c) => c.status === "open");
    const before = await feedOf(feeds.mentor);
    for (const c of open) expect(before.text).not.toContain(String(c._id));
    const after = await feedOf(feeds.otherMentor);
    expect(after.events).toHaveLength(open.length);
    // The new mentor reads Danish.
    expect(after.events.map((e) => e.summary)).toContain("Opfølgning: Ana (Uge 1)");
  });

  it("answers 404 without a trace of the inside for addresses that are not a feed's", async () => {
    const base = `${portal.url}/calendar`;
    for (const path of ["/nope.ics", `/${"A".repeat(43)}.ics`, `/${feeds.otherMentor.match(/calendar\/(.+)\.ics$/)![1]}`, "/%00.ics", "/..%2f..%2fetc%2fpasswd.ics", `/${"x".repeat(5000)}.ics`]) {
      const response = await readFeed(`${base}${path}`);
      expect(response.status, path).toBe(404);
      const body = await response.text();
      for (const pattern of INTERNALS) expect(body, `${path} shows ${pattern}`).not.toMatch(pattern);
    }
  });

  it("answers 404 once the mentor turns it off, is no longer approved or is deactivated", async () => {
    expect((await post("mentor", "/mentor/checkins?index", { intent: "turnOffCalendar" })).status).toBe(200);
    expect((await readFeed(feeds.mentor)).status).toBe(404);
    expect(await (await get("mentor", "/mentor/checkins")).text()).toContain("Izradi adresu kalendara");

    const { UserModel } = await import("~/accounts/model.server.ts");
    await UserModel.updateOne({ email: logins.otherMentor }, { $set: { approval: "rejected" } });
    try {
      expect((await readFeed(feeds.otherMentor)).status).toBe(404);
    } finally {
      await UserModel.updateOne({ email: logins.otherMentor }, { $set: { approval: "approved" } });
    }
    expect((await readFeed(feeds.otherMentor)).status).toBe(200);
    // A mentor who left (her account deactivated by a coordinator) has no feed either.
    await UserModel.updateOne({ email: logins.otherMentor }, { $set: { deactivatedAt: new Date() } });
    try {
      expect((await readFeed(feeds.otherMentor)).status).toBe(404);
    } finally {
      await UserModel.updateOne({ email: logins.otherMentor }, { $unset: { deactivatedAt: 1 } });
    }
    expect((await readFeed(feeds.otherMentor)).status).toBe(200);
  });

  it("refuses an unknown form on the page with a message, and changes nothing", async () => {
    const { CalendarFeedModel } = await import("~/checkins/model.server.ts");
    const before = JSON.stringify(await CalendarFeedModel.find({}).sort({ _id: 1 }).lean());
    const response = await post("otherMentor", "/mentor/checkins?index", { intent: "somethingElse" });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await CalendarFeedModel.find({}).sort({ _id: 1 }).lean())).toBe(before);
    expect((await readFeed(feeds.otherMentor)).status).toBe(200);
  });

  // Last: from here on this client's unknown addresses are answered 429.
  it("refuses a client that keeps asking for unknown addresses, and still serves a real feed", async () => {
    let refused: Response | null = null;
    for (let i = 0; i < 80 && !refused; i++) {
      const response = await readFeed(`${portal.url}/calendar/${String(i).padStart(43, "B")}.ics`);
      await response.arrayBuffer();
      if (response.status === 429) refused = response;
      else expect(response.status).toBe(404);
    }
    expect(refused, "refused within 80 unknown addresses").not.toBeNull();
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await readFeed(feeds.otherMentor)).status).toBe(200);
  });
});
