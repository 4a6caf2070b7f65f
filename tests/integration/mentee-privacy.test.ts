import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitForEmail } from "../support/mailbox.ts";
import { makeMentor, menteeInput } from "../support/mentees.ts";
import { drainOutbox, placementInput } from "../support/placements.ts";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";
import { storeProposal } from "../support/proposals.ts";

// The mentee's privacy against the people around her, through the real portal: her mentor at
// the desk, an erasure of someone else, and an employer before she has agreed to anything.
let portal: RunningPortal;
const DEMO_PASSWORD = "demo-placements-2026";
const demo = {
  leadMentor: "mentor.hr@demo.placements.test",
  coordinator: "coordinator@demo.placements.test",
  employer: "employer.hr@demo.placements.test",
  mentee: "mentee@demo.placements.test",
};
const stamp = Date.now().toString(36);

beforeAll(async () => {
  // Long polls: an e-mail queued by this test stays pending until something asks for it.
  portal = await startPortal({ OUTBOX_POLL_MS: "60000" }, { seed: true });
});
afterAll(async () => portal?.stop());

/** Every cookie the response sets, as a browser would send them back. */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => !c.endsWith("="))
    .join("; ");
}

async function logIn(email: string): Promise<string> {
  const response = await postForm(portal, "/login", { email, password: DEMO_PASSWORD });
  expect(response.status, email).toBe(302);
  return cookiesOf(response);
}

function get(path: string, cookie: string) {
  return fetch(`${portal.url}${path}`, { redirect: "manual", headers: { Cookie: cookie } });
}

async function models() {
  const { UserModel, SessionModel } = await import("~/accounts/model.server.ts");
  const { MenteeModel, DeskSessionModel, AuditEntryModel } = await import("~/mentees/model.server.ts");
  const { ProposalModel } = await import("~/matching/model.server.ts");
  const { ConsentModel } = await import("~/consent/model.server.ts");
  const { IntroductionModel } = await import("~/introductions/model.server.ts");
  const { OutboxModel } = await import("~/outbox/model.server.ts");
  const { PlacementModel } = await import("~/placements/model.server.ts");
  return { UserModel, SessionModel, MenteeModel, ProposalModel, DeskSessionModel, AuditEntryModel, ConsentModel, IntroductionModel, OutboxModel, PlacementModel };
}

/** An introduction of this mentee to a published placement, waiting for her consent. */
async function introductionWaitingForConsent(mentor: { _id: unknown }, menteeId: unknown, placementId: unknown) {
  const { startIntroduction } = await import("~/introductions/introductions.server.ts");
  const proposal = await storeProposal({ menteeId, placementId, mentorId: mentor._id, status: "interested" });
  const started = await startIntroduction(mentor as never, String(proposal._id));
  if (!started.ok) throw new Error("introduction");
  return started.id;
}

async function employerPlacement(title: string) {
  const { UserModel } = await models();
  const { createPlacement } = await import("~/placements/placements.server.ts");
  const employer = (await UserModel.findOne({ email: demo.employer }).lean())!;
  const created = await createPlacement(employer as never, placementInput({ title }), { publish: true });
  if (!created.ok) throw new Error("placement");
  return created.id;
}

describe("a desk session for a mentee with her own account", () => {
  it("opens only with her password, serves only the desk's pages, records her mentor as present, and tells her", async () => {
    const { UserModel, SessionModel, MenteeModel, DeskSessionModel, AuditEntryModel, ConsentModel } = await models();
    const { getT } = await import("~/i18n/i18n.server.ts");
    const { formatDateAndTime } = await import("~/i18n/dates.ts");
    const hr = getT("hr");
    const mentor = (await UserModel.findOne({ email: demo.leadMentor }).lean())!;
    const ana = (await MenteeModel.findOne({ key: "mentee-ana" }).lean())!;
    const anaAccount = (await UserModel.findOne({ email: demo.mentee }).lean())!;
    const title = `Desk placement ${stamp}`;
    const introductionId = await introductionWaitingForConsent(mentor, ana._id, await employerPlacement(title));
    const mentorCookie = await logIn(demo.leadMentor);

    // The mentor's page asks for Ana's own password; without it, or with a wrong one, nothing opens.
    const page = await get(`/mentor/mentees/${ana._id}`, mentorCookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="deskPassword"');
    const withoutPassword = await postForm(portal, `/mentor/mentees/${ana._id}`, { intent: "desk" }, { Cookie: mentorCookie });
    expect(withoutPassword.status).toBe(400);
    const wrong = await postForm(portal, `/mentor/mentees/${ana._id}`, { intent: "desk", deskPassword: "not-her-password" }, { Cookie: mentorCookie });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain(hr("errors.menteePasswordWrong"));
    expect(await DeskSessionModel.countDocuments({ menteeId: ana._id })).toBe(0);
    expect(await SessionModel.countDocuments({ userId: anaAccount._id, desk: { $exists: true } })).toBe(0);

    const opened = await postForm(portal, `/mentor/mentees/${ana._id}`, { intent: "desk", deskPassword: DEMO_PASSWORD }, { Cookie: mentorCookie });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe("/me/offers");
    const desk = cookiesOf(opened);
    const session = (await SessionModel.findOne({ userId: anaAccount._id, desk: { $exists: true } }).lean())!;
    expect(String(session.desk!.mentorId)).toBe(String(mentor._id));
    expect(await AuditEntryModel.exists({ menteeId: ana._id, actorId: mentor._id, part: "desk" })).not.toBeNull();

    // Her data, page and file, is not for the mentor's screen: refused.
    for (const path of ["/me/data", "/me/data.json"]) expect((await get(path, desk)).status, path).toBe(403);
    // The mentor's own pages serve nothing to the desk: the screen is sent to end the desk session first.
    for (const path of ["/mentor/mentees", `/mentor/mentees/${ana._id}`]) {
      const response = await get(path, desk);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("location"), path).toBe(`/me/desk?redirectTo=${encodeURIComponent(path)}`);
      expect(await response.text(), path).not.toContain("briga za majku");
    }
    // Her home, offers, consents, check-ins and stories are served, each with the banner.
    const banner = hr("mentee.deskBanner", { mentor: mentor.name, time: formatDateAndTime(session.expiresAt, "hr").time });
    for (const path of ["/me", "/me/offers", "/me/consents", `/me/consents/${introductionId}`, "/me/checkins", "/me/stories"]) {
      const response = await get(path, desk);
      expect(response.status, path).toBe(200);
      const body = await response.text();
      expect(body, path).toContain(banner);
      expect(body, path).toContain(hr("mentee.deskEnd"));
      expect(body, path).not.toContain('href="/me/data"');
    }

    // The consent given in it is witnessed by the mentor who opened it.
    const consented = await postForm(portal, `/me/consents/${introductionId}`, { fields: ["firstName"], note: "" }, { Cookie: desk });
    expect(consented.status).toBe(302);
    // Told in words addressed to her, not the mentor's "the person has been introduced".
    expect(consented.headers.get("location")).toBe("/me/consents?notice=consentGiven");
    expect(await (await get("/me/consents?notice=consentGiven", desk)).text()).toContain(hr("notices.consentGiven"));
    const consent = (await ConsentModel.findOne({ introductionId }).lean())!;
    expect(consent.method).toBe("with_mentor");
    expect(String(consent.witnessedBy)).toBe(String(mentor._id));
    expect(String(consent.recordedBy)).toBe(String(anaAccount._id));

    // "End desk session" signs out; Ana gets an e-mail in her language saying what was done.
    const ended = await postForm(portal, "/logout", {}, { Cookie: desk });
    expect(ended.status).toBe(302);
    expect(ended.headers.get("location")).toContain(`redirectTo=${encodeURIComponent(`/mentor/mentees/${ana._id}`)}`);
    expect((await get("/me", desk)).status).toBe(302);
    const consentLine = hr("mentee.deskActions.consent_given", { organisation: "Pekara Zrno d.o.o.", placement: title });
    const email = await waitForEmail(process.env.MAILBOX_DIR!, demo.mentee, (m) => m.text.includes(title), 60_000);
    expect(email.subject).toBe(hr("email.deskSession.subject", { mentor: mentor.name }));
    expect(email.text).toContain(consentLine);

    // Signed in herself, she finds it in her history, and in her data.
    const own = await logIn(demo.mentee);
    const record = (await DeskSessionModel.findOne({ menteeId: ana._id }).lean())!;
    const { date, time } = formatDateAndTime(record.openedAt, "hr");
    const home = await (await get("/me", own)).text();
    expect(home).toContain(hr("mentee.deskHistoryEntry", { mentor: mentor.name, date, time }));
    expect(home).toContain(consentLine);
    const dataPage = await get("/me/data", own);
    expect(dataPage.status).toBe(200);
    const readable = await dataPage.text();
    expect(readable).toContain(hr("privacy.sections.deskSessions"));
    expect(readable).toContain(consentLine);
    const data = await get("/me/data.json", own);
    expect(data.status).toBe(200);
    expect(data.headers.get("content-disposition")).toContain("attachment");
    expect(JSON.stringify((await data.json()).deskSessions)).toContain(mentor.name);
  });

  it("takes the mentor who wants their own pages back to them once the desk session ends, and nowhere else", async () => {
    const { UserModel, MenteeModel, DeskSessionModel } = await models();
    const { getT } = await import("~/i18n/i18n.server.ts");
    const hr = getT("hr");
    const ana = (await MenteeModel.findOne({ key: "mentee-ana" }).lean())!;
    const mentor = (await UserModel.findOne({ email: demo.leadMentor }).lean())!;
    const anaPage = `/mentor/mentees/${ana._id}`;
    const openDesk = async () => {
      const opened = await postForm(portal, anaPage, { intent: "desk", deskPassword: DEMO_PASSWORD }, { Cookie: await logIn(demo.leadMentor) });
      expect(opened.status).toBe(302);
      return cookiesOf(opened);
    };

    const desk = await openDesk();
    const asked = await get("/mentor/mentees?x=1", desk);
    const deskPage = asked.headers.get("location")!;
    const still = await get(deskPage, desk);
    expect(still.status).toBe(200);
    const body = await still.text();
    expect(body).toContain(hr("mentee.deskStillOpenTitle"));
    expect(body).toContain(hr("mentee.deskStillOpenText", { mentor: mentor.name }));
    expect(body).toContain('name="redirectTo" value="/mentor/mentees?x=1"');
    // Signing in at the desk means the same: end it first.
    expect((await get("/login", desk)).headers.get("location")).toBe("/me/desk");
    const ended = await postForm(portal, "/logout", { redirectTo: "/mentor/mentees?x=1" }, { Cookie: desk });
    expect(ended.headers.get("location")).toBe(`/login?notice=deskEnded&redirectTo=${encodeURIComponent("/mentor/mentees?x=1")}`);
    expect((await DeskSessionModel.findOne({ menteeId: ana._id }).sort({ openedAt: -1 }).lean())?.endedAt).toBeTruthy();

    // A page of hers, another site or the login itself is no page to come back to: her page instead.
    for (const target of ["/me/data", "//evil.example/x", "https://evil.example", "/login?redirectTo=/me"]) {
      const again = await postForm(portal, "/logout", { redirectTo: target }, { Cookie: await openDesk() });
      expect(again.headers.get("location"), target).toBe(`/login?notice=deskEnded&redirectTo=${encodeURIComponent(anaPage)}`);
    }
    // Outside a desk session the page has nothing to end.
    expect((await get("/me/desk", await logIn(demo.mentee))).headers.get("location")).toBe("/me");
  });
});

describe("erasing a mentee", () => {
  it("leaves the pending e-mail about another mentee with the same first name, and it is delivered", async () => {
    const { UserModel, MenteeModel, OutboxModel, PlacementModel } = await models();
    const { createMentee } = await import("~/mentees/mentees.server.ts");
    const { answerOffer } = await import("~/matching/proposals.server.ts");
    const placement = (await PlacementModel.findOne({ status: "published" }).lean())!;
    // Two mentors, each with a mentee called Lucija who answers an offer: each mentor is to be told.
    const pendingEmailAbout = async () => {
      const mentor = await makeMentor();
      const created = await createMentee(mentor, menteeInput({ firstName: "Lucija", fullName: "" }));
      if (!created.ok) throw new Error("mentee");
      const account = await UserModel.create({ email: `lucija.${stamp}.${Math.random().toString(36).slice(2)}@example.test`, name: "Lucija", role: "mentee", passwordHash: "x", emailConfirmedAt: new Date() });
      await MenteeModel.updateOne({ _id: created.id }, { $set: { userId: account._id } });
      const proposal = await storeProposal({ menteeId: created.id, placementId: placement._id, mentorId: mentor._id });
      expect(await answerOffer(account.toObject(), String(proposal._id), "interested", "")).toEqual({ ok: true });
      const item = (await OutboxModel.findOne({ "payload.to": mentor.email, "payload.template": "offerAnswered" }).lean())!;
      expect(item.status).toBe("pending");
      return { mentor, menteeId: created.id, itemId: item._id };
    };
    const a = await pendingEmailAbout();
    const b = await pendingEmailAbout();

    const coordinator = await logIn(demo.coordinator);
    const erased = await postForm(portal, `/coordinator/mentees/${a.menteeId}`, { intent: "erase", confirm: "yes" }, { Cookie: coordinator });
    expect(erased.status).toBe(302);
    expect((await MenteeModel.findById(a.menteeId).lean())?.firstName).toBe("—");
    expect(await OutboxModel.findById(a.itemId).lean()).toBeNull();
    expect(await OutboxModel.findById(b.itemId).lean()).not.toBeNull();

    await drainOutbox();
    const message = await waitForEmail(process.env.MAILBOX_DIR!, b.mentor.email, (m) => m.text.includes("Lucija"), 60_000);
    expect(message.text).toContain(`/mentor/mentees/${b.menteeId}`);
  });
});

describe("an introduction waiting for the mentee's consent", () => {
  it("does not exist for the employer until she consents, and shows no mentee data once withdrawn", async () => {
    const { IntroductionModel } = await models();
    const { createMentee } = await import("~/mentees/mentees.server.ts");
    const { giveConsent, withdrawConsent } = await import("~/introductions/introductions.server.ts");
    const title = `Waiting placement ${stamp}`;
    const firstName = `Waitingname${stamp}`;
    const mentor = await makeMentor();
    const mentee = await createMentee(mentor, menteeInput({ firstName }));
    if (!mentee.ok) throw new Error("mentee");
    const introductionId = await introductionWaitingForConsent(mentor, mentee.id, await employerPlacement(title));
    const employer = await logIn(demo.employer);
    const leaks = [title, mentor.email, mentor.name, firstName];

    const list = await get("/employer/introductions", employer);
    expect(list.status).toBe(200);
    const listBody = await list.text();
    for (const leak of leaks) expect(listBody, leak).not.toContain(leak);
    const detail = await get(`/employer/introductions/${introductionId}`, employer);
    expect(detail.status).toBe(404);
    const detailBody = await detail.text();
    for (const leak of leaks) expect(detailBody, leak).not.toContain(leak);
    const answer = await postForm(portal, `/employer/introductions/${introductionId}`, { answer: "accepted" }, { Cookie: employer });
    expect(answer.status).toBe(404);
    expect((await IntroductionModel.findById(introductionId).lean())?.status).toBe("proposed");

    // Once she consents it is there, with what she agreed to.
    expect(await giveConsent(mentor, introductionId, { fields: ["firstName"], note: "", method: "with_mentor" })).toEqual({ ok: true });
    expect(await (await get("/employer/introductions", employer)).text()).toContain(firstName);
    const consented = await get(`/employer/introductions/${introductionId}`, employer);
    expect(consented.status).toBe(200);
    expect(await consented.text()).toContain(firstName);

    // Withdrawn, it stays listed as withdrawn, without her.
    expect(await withdrawConsent(mentor, introductionId)).toEqual({ ok: true });
    const afterList = await (await get("/employer/introductions", employer)).text();
    expect(afterList).toContain(title);
    expect(afterList).not.toContain(firstName);
    const afterDetail = await get(`/employer/introductions/${introductionId}`, employer);
    expect(afterDetail.status).toBe(200);
    expect(await afterDetail.text()).not.toContain(firstName);
  });
});
