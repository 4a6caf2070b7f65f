import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDay } from "~/i18n/dates.ts";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";
import hr from "~/locales/hr.json";
import { storeProposal } from "../support/proposals.ts";

// The check-in pages of a running portal, as the mentor, Ana (the demo mentee) and the employer
// use them: a start recorded on an accepted introduction, each part answered, a check-in moved
// and cancelled, and what the employer sees once Ana withdraws her consent.

let portal: RunningPortal;
const cookies: Record<string, string> = {};
const logins = { mentor: "mentor.hr@demo.placements.test", mentee: "mentee@demo.placements.test", employer: "employer.hr@demo.placements.test", otherMentor: "mentor.da@demo.placements.test" };
let introductionId = "";

beforeAll(async () => {
  portal = await startPortal({ OUTBOX_POLL_MS: "60000" }, { seed: true });
  for (const [who, email] of Object.entries(logins)) {
    const response = await postForm(portal, "/login", { email, password: "demo-placements-2026" });
    cookies[who] = response.headers.get("set-cookie")!.split(";")[0];
  }
  // Ana introduced to Pekara Zrno with her consent, and the employer said yes.
  const { MenteeModel } = await import("~/mentees/model.server.ts");
  const { OrganisationModel } = await import("~/organisations/model.server.ts");
  const { PlacementModel } = await import("~/placements/model.server.ts");
  const { UserModel } = await import("~/accounts/model.server.ts");
  const { startIntroduction, giveConsent } = await import("~/introductions/introductions.server.ts");
  const { respondToIntroduction } = await import("~/introductions/employer.server.ts");
  const ana = (await MenteeModel.findOne({ key: "mentee-ana" }).lean())!;
  const mentor = (await UserModel.findOne({ email: logins.mentor }).lean())!;
  const employer = (await UserModel.findOne({ email: logins.employer }).lean())!;
  const pekara = (await OrganisationModel.findOne({ key: "pekara-zrno" }).lean())!;
  const placement = (await PlacementModel.findOne({ organisationId: pekara._id, status: "published" }).lean())!;
  const proposal = await storeProposal({ menteeId: ana._id, placementId: placement._id, mentorId: mentor._id, status: "interested" });
  const started = await startIntroduction(mentor as never, String(proposal._id));
  if (!started.ok) throw new Error("introduction");
  introductionId = started.id;
  if (!(await giveConsent(mentor as never, introductionId, { fields: ["firstName"], note: "", method: "with_mentor" })).ok) throw new Error("consent");
  if (!(await respondToIntroduction(employer as never, introductionId, { answer: "accepted" })).ok) throw new Error("accept");
}, 240_000);
afterAll(async () => portal?.stop());

const get = (who: string, path: string, language = "en") => fetch(`${portal.url}${path}`, { redirect: "manual", headers: { Cookie: cookies[who], "Accept-Language": language } });
const post = (who: string, path: string, fields: Record<string, string | string[]>) => postForm(portal, path, fields, { Cookie: cookies[who] });
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function checkins() {
  const { CheckinModel, FollowUpModel } = await import("~/checkins/model.server.ts");
  const followUp = await FollowUpModel.findOne({ introductionId }).lean();
  return followUp ? CheckinModel.find({ followUpId: followUp._id }).sort({ dueDay: 1 }).lean() : [];
}

describe("the check-in pages", () => {
  it("refuse a start with bad hours with a field error in the mentor's language, and open nothing", async () => {
    const response = await post("mentor", `/mentor/introductions/${introductionId}`, { intent: "start", startDay: iso(-10), hoursPerWeek: "many", plannedEndDay: iso(60) });
    expect(response.status).toBe(400);
    // The demo mentor reads Croatian.
    expect(await response.text()).toContain("cijeli broj sati");
    expect(await checkins()).toHaveLength(0);
  });

  it("record a start from the introduction page, which then shows the plan", async () => {
    const response = await post("mentor", `/mentor/introductions/${introductionId}`, { intent: "start", startDay: iso(-10), hoursPerWeek: "20", plannedEndDay: iso(60) });
    expect(response.status).toBe(302);
    const page = await (await get("mentor", `/mentor/introductions/${introductionId}`)).text();
    const list = await checkins();
    expect(list.length).toBeGreaterThanOrEqual(5);
    for (const c of list) expect(page).toContain(`/mentor/checkins/${c._id}`);
    // Another mentor does not see the check-in.
    expect((await get("otherMentor", `/mentor/checkins/${list[0]._id}`)).status).toBe(403);
  });

  it("show the overdue week-1 check-in and the reason on the mentor's list and at the top of her start page", async () => {
    const home = await (await get("mentor", "/mentor")).text();
    expect(home).toMatch(/Razgovor kasni \(dana: \d+\)\./);
    expect(home).toContain(`/mentor/checkins/${(await checkins())[0]._id}`);
    const page = await (await get("mentor", "/mentor/checkins")).text();
    expect(page).toContain("Ana");
    // In the mentor's language (Croatian): "a check-in is overdue (days: n)".
    expect(page).toMatch(/Razgovor kasni \(dana: \d+\)\./);
  });

  it("let Ana answer her part without JavaScript, show it back, and take it only once", async () => {
    const week1 = (await checkins())[0];
    const page = await (await get("mentee", "/me/checkins")).text();
    expect(page).toContain(`value="${week1._id}"`);
    expect(page).toContain(`<h1>${hr.checkins.mentee.title}</h1>`);
    const bad = await post("mentee", "/me/checkins", { checkinId: String(week1._id), feeling: "9", goesWell: "", needsSupport: "" });
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    // With several check-ins waiting, the summary says which one the problem is in: its date.
    const summary = /<div class="alert error-summary"[\s\S]*?<\/div>/.exec(badPage)?.[0];
    expect(summary).toContain(formatDay(week1.dueDay, "hr", { weekday: true }));
    // The question keeps its own mark in the list of problems: "…na poslu? Odaberite…", not "?:".
    expect(summary).toContain(`<a href="#feeling-${week1._id}">`);
    expect(summary).toContain(` · ${hr.checkins.mentee.feeling} `);
    expect(badPage).not.toContain("?:");
    // A later check-in, not due yet: she reads from which day she can answer it, not that it is closed.
    const later = (await checkins()).at(-1)!;
    const early = await post("mentee", "/me/checkins", { checkinId: String(later._id), feeling: "3", goesWell: "", needsSupport: "" });
    expect(early.status).toBe(400);
    const earlyPage = await early.text();
    expect(earlyPage).toContain(hr.errors.checkinNotDueYet.split("{{")[0]);
    expect(earlyPage).toMatch(/Možete odgovoriti od \d{1,2}\. ?\d{1,2}\. ?\d{4}\.</);
    expect(earlyPage).not.toContain(`>${hr.errors.checkinClosed}<`);
    const answered = await post("mentee", "/me/checkins", { checkinId: String(week1._id), feeling: "2", goesWell: "Kolege su dragi", needsSupport: "Rano ustajanje" });
    expect(answered.status).toBe(302);
    const after = await (await get("mentee", "/me/checkins", "hr")).text();
    expect(after).toContain("Kolege su dragi");
    expect(after).toContain("Nije dobro");
    expect(after).not.toContain(`value="${week1._id}"`);
    const again = await post("mentee", "/me/checkins", { checkinId: String(week1._id), feeling: "5", goesWell: "x", needsSupport: "" });
    expect(again.status).toBe(400);
    const { decryptText } = await import("~/security/encryption.server.ts");
    const stored = (await checkins())[0];
    expect(JSON.stringify(stored)).not.toContain("Kolege su dragi");
    expect(decryptText(stored.menteePart?.goesWellSealed)).toBe("Kolege su dragi");
  });

  it("let the employer answer theirs, seeing only the first name the consent allows", async () => {
    const week1 = (await checkins())[0];
    const page = await (await get("employer", "/employer/placed")).text();
    expect(page).toContain("Ana");
    expect(page).not.toContain("Marić");
    expect(page).not.toContain("Kolege su dragi");
    const response = await post("employer", "/employer/placed", { checkinId: String(week1._id), attended: "6", expected: "5", impression: "mixed", concern: "" });
    expect(response.status).toBe(400);
    expect((await post("employer", "/employer/placed", { checkinId: String(week1._id), attended: "2", expected: "5", impression: "mixed", concern: "Kasni ujutro" })).status).toBe(302);
  });

  it("show the mentor every part, and record the check-in", async () => {
    const week1 = (await checkins())[0];
    const page = await (await get("mentor", `/mentor/checkins/${week1._id}`)).text();
    expect(page).toContain("Kolege su dragi");
    expect(page).toContain("Kasni ujutro");
    // The note is not hidden from Ana (she reads it at /me/data): the hint says who does not see it.
    expect(page).toContain(hr.checkins.record.privateHint);
    expect(page).not.toContain("Čitate je samo");
    const recorded = await post("mentor", `/mentor/checkins/${week1._id}`, { intent: "record", method: "in_person", contactDay: iso(0), attended: "2", expected: "5", goesWell: "Dobro se snalazi", needsSupport: "", supportAgreed: ["gradual_start"], nextStep: "Razgovor s poslodavcem", privateNote: "" });
    expect(recorded.status).toBe(302);
    expect((await checkins())[0].status).toBe("done");
    // Attendance 2 of 5 is under half: she now shows as going quiet for that reason.
    expect(await (await get("mentor", "/mentor/checkins")).text()).toContain("Dolaznost ispod polovice: 2 od 5 dana.");
  });

  it("show Ana her check-ins on her data page and in her download: her answers, the employer's and the mentor's record", async () => {
    const page = await (await get("mentee", "/me/data")).text();
    for (const text of ["Kolege su dragi", "Kasni ujutro", "Razgovor s poslodavcem", "Razgovori praćenja"]) expect(page).toContain(text);
    const download = await (await get("mentee", "/me/data.json")).json();
    expect(download.checkins[0].mentee.goesWell).toBe("Kolege su dragi");
    expect(download.outcomes.map((o: { kind: string }) => o.kind)).toContain("started");
  });

  it("move and cancel a check-in with a reason, refusing a day in the past", async () => {
    const week2 = (await checkins())[1];
    const past = await post("mentor", `/mentor/checkins/${week2._id}`, { intent: "move", dueDay: iso(-3), reason: "Bolovanje" });
    expect(past.status).toBe(400);
    expect((await post("mentor", `/mentor/checkins/${week2._id}`, { intent: "move", dueDay: iso(9), reason: "Bolovanje" })).status).toBe(302);
    const moved = (await checkins()).find((c) => String(c._id) === String(week2._id))!;
    expect(moved.dueDay.toISOString().slice(0, 10)).toBe(iso(9));
    expect((await post("mentor", `/mentor/checkins/${week2._id}`, { intent: "cancel", reason: "Dogovoreno telefonom" })).status).toBe(302);
    expect((await checkins()).find((c) => String(c._id) === String(week2._id))!.status).toBe("cancelled");
  });

  it("list the check-ins due later 50 a page, with links that work without JavaScript", async () => {
    const { UserModel } = await import("~/accounts/model.server.ts");
    const { FollowUpModel } = await import("~/checkins/model.server.ts");
    const { addCheckin } = await import("~/checkins/checkins.server.ts");
    const mentor = (await UserModel.findOne({ email: logins.mentor }).lean())!;
    const followUp = (await FollowUpModel.findOne({ introductionId }).lean())!;
    for (let day = 12; day < 62; day++) {
      const added = await addCheckin(mentor as never, String(followUp._id), { dueDay: new Date(`${iso(day)}T00:00:00Z`), withWhom: "both", reason: "Dodatni razgovor" });
      expect(added.ok).toBe(true);
    }
    // Due after this week, by day (and, on one day, in the order of their ids).
    const laterIds = (await checkins())
      .filter((c) => c.status === "open" && c.dueDay.toISOString().slice(0, 10) > iso(7))
      .map((c) => ({ id: String(c._id), day: c.dueDay.toISOString().slice(0, 10) }))
      .sort((a, b) => a.day.localeCompare(b.day) || a.id.localeCompare(b.id))
      .map((c) => c.id);
    expect(laterIds.length).toBeGreaterThan(50);
    const linked = (html: string) => laterIds.filter((id) => html.includes(`/mentor/checkins/${id}"`));

    // Every look at her list is recorded for the mentee it shows.
    const { AuditEntryModel } = await import("~/mentees/model.server.ts");
    const audited = () => AuditEntryModel.countDocuments({ menteeId: followUp.menteeId, actorId: mentor._id, part: "checkins" });
    const auditedBefore = await audited();
    const first = await (await get("mentor", "/mentor/checkins")).text();
    expect(await audited()).toBe(auditedBefore + 1);
    // The week and the mentees going quiet are on every page; of the later ones the first 50 by day.
    expect(first).toContain("Dolaznost ispod polovice: 2 od 5 dana.");
    expect(linked(first)).toEqual(laterIds.slice(0, 50));
    expect(first).toContain(`href="/mentor/checkins?later=2#later"`);
    expect(first).toMatch(/Stranica 1 od 2/);

    const second = await get("mentor", "/mentor/checkins?later=2");
    expect(second.status).toBe(200);
    const secondPage = await second.text();
    expect(linked(secondPage)).toEqual(laterIds.slice(50));
    expect(secondPage).toContain(`href="/mentor/checkins#later"`);
    expect(secondPage).toContain("Dolaznost ispod polovice: 2 od 5 dana.");
    // A page past the last shows the last; anything else, the first.
    for (const past of ["99", "99999", "99999999999999999999"]) {
      expect(linked(await (await get("mentor", `/mentor/checkins?later=${past}`)).text()), past).toEqual(laterIds.slice(50));
    }
    for (const bad of ["abc", "0", "-1", "1.5", "1e9"]) {
      const response = await get("mentor", `/mentor/checkins?later=${bad}`);
      expect(response.status).toBe(200);
      expect(linked(await response.text())).toEqual(laterIds.slice(0, 50));
    }
    // Her start page lists only the week, not the check-ins due later; reading it is recorded too.
    const auditedBeforeStart = await audited();
    expect(linked(await (await get("mentor", "/mentor")).text())).toEqual([]);
    expect(await audited()).toBe(auditedBeforeStart + 1);
  });

  it("show the employer nothing of Ana once she withdraws her consent", async () => {
    expect((await post("mentee", "/me/consents", { introductionId })).status).toBe(302);
    const page = await (await get("employer", "/employer/placed")).text();
    expect(page).not.toContain("Ana");
  });
});
