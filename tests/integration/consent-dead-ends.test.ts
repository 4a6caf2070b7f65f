import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailsTo, waitForEmail } from "../support/mailbox.ts";
import { storeProposal } from "../support/proposals.ts";
import { logins, requestAs, seededPortal, type Fixtures, type Person } from "../support/routes.ts";

// No dead ends after an introduction ends or its placement closes: after she withdrew her consent
// (or the employer said no) her offer says so without an answer form, her mentor can introduce her
// again (a new introduction, a new consent) or is told why not, and a consent to the old one is
// refused for what it is. A placement closed while she waited to decide says so on her consents,
// and her mentor is told once. Messages name the true reason (a paused placement, the employer's
// part after a withdrawal).

let f: Fixtures;
/** More of the employer's published placements, each offered to Ana. */
const offers: { placementId: string; proposalId: string }[] = [];
/** One more, not offered to her yet: her mentor proposes it. */
let toPropose = "";

beforeAll(async () => {
  f = await seededPortal();
  const { PlacementModel } = await import("~/placements/model.server.ts");
  const { UserModel } = await import("~/accounts/model.server.ts");
  const own = (await PlacementModel.findById(f.ownPlacement).lean())!;
  const more = await PlacementModel.find({ organisationId: own.organisationId, status: "published" }).sort({ _id: 1 }).skip(3).limit(5).lean();
  if (more.length !== 5) throw new Error(`the employer has only ${more.length} more published placements`);
  const mentor = (await UserModel.findOne({ email: logins.mentor }).lean())!;
  for (const placement of more.slice(0, 4)) {
    const proposal = await storeProposal({ menteeId: f.ana, placementId: placement._id, mentorId: mentor._id, status: "proposed", history: [{ status: "proposed", at: new Date(), by: "mentor" }] });
    offers.push({ placementId: String(placement._id), proposalId: String(proposal._id) });
  }
  toPropose = String(more[4]._id);
}, 180_000);
afterAll(async () => f?.portal.stop());

async function post(who: Person, path: string, body: Record<string, string>) {
  return requestAs(f, who, path, { method: "POST", body: new URLSearchParams(body) });
}

async function hr(key: string, values?: Record<string, unknown>) {
  const { getT } = await import("~/i18n/i18n.server.ts");
  return getT("hr")(key, values);
}

/** The text as the page writes it (HTML escapes quotes and ampersands). */
function escaped(text: string) {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

/** What the page shows: without its scripts, which carry every message of its sections. */
function shown(html: string) {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
}

async function page(who: Person, path: string) {
  return shown(await (await requestAs(f, who, path)).text());
}

async function text(response: Response) {
  return shown(await response.text());
}

/** The part of a page from a marker to the next article or list item of the same kind. */
function part(html: string, marker: string, next: string) {
  const start = html.indexOf(marker);
  expect(start, `${marker} is on the page`).toBeGreaterThan(-1);
  const end = html.indexOf(next, start + marker.length);
  return html.slice(start, end === -1 ? undefined : end);
}

const offerOn = (html: string, proposalId: string) => part(html, `id="offer-${proposalId}"`, '<article class="offer"');

async function introductionsOf(proposalId: string) {
  const { IntroductionModel } = await import("~/introductions/model.server.ts");
  return IntroductionModel.find({ proposalId }).sort({ _id: 1 }).lean();
}

async function organisationName() {
  const { PlacementModel } = await import("~/placements/model.server.ts");
  const { OrganisationModel } = await import("~/organisations/model.server.ts");
  const placement = (await PlacementModel.findById(f.ownPlacement).lean())!;
  return (await OrganisationModel.findById(placement.organisationId).lean())!.name;
}

/** She says she is interested, her mentor introduces her, she consents: the employer sees her now. */
async function introducedFor(proposalId: string) {
  expect((await post("mentee", "/me/offers", { proposalId, answer: "interested", reason: "" })).status).toBe(302);
  expect((await post("mentor", `/mentor/mentees/${f.ana}`, { intent: "introduce", proposalId })).status).toBe(302);
  const [introduction] = (await introductionsOf(proposalId)).slice(-1);
  expect((await post("mentee", `/me/consents/${introduction._id}`, { fields: "firstName", note: "" })).status).toBe(302);
  return String(introduction._id);
}

describe("a database from before a withdrawn introduction could be followed by a new one", () => {
  it("loses its one-introduction-per-offer index at start, once", async () => {
    const { IntroductionModel, letOffersBeIntroducedAgain } = await import("~/introductions/model.server.ts");
    await IntroductionModel.collection.createIndex({ proposalId: 1 }, { unique: true, name: "proposalId_1" });
    expect(await letOffersBeIntroducedAgain()).toBe(1);
    expect(await letOffersBeIntroducedAgain()).toBe(0);
    expect((await IntroductionModel.collection.indexes()).map((index) => index.name)).not.toContain("proposalId_1");
  });
});

describe("after she withdrew her consent", () => {
  it("her offer says so, without an answer form, and an answer is refused for that reason", async () => {
    const [{ proposalId }] = offers;
    const introductionId = await introducedFor(proposalId);
    expect((await post("mentee", "/me/consents", { introductionId })).status).toBe(302);

    const offer = offerOn(await page("mentee", "/me/offers"), proposalId);
    expect(offer).toContain(escaped(await hr("offers.youWithdrew", { organisation: await organisationName() })));
    expect(offer).not.toContain(`name="proposalId" value="${proposalId}"`);

    const answered = await post("mentee", "/me/offers", { proposalId, answer: "interested", reason: "" });
    expect(answered.status).toBe(400);
    expect(await text(answered)).toContain(escaped(await hr("offers.withdrawnRefused")));
  });

  it("a consent to the withdrawn introduction is refused as withdrawn, not for the placement's state", async () => {
    const [{ proposalId }] = offers;
    const [withdrawn] = await introductionsOf(proposalId);
    for (const [who, path] of [["mentee", `/me/consents/${withdrawn._id}`], ["mentor", `/mentor/introductions/${withdrawn._id}`]] as const) {
      const response = await post(who, path, { fields: "firstName", note: "" });
      expect(response.status, who).toBe(400);
      const html = await text(response);
      expect(html, who).toContain(escaped(await hr("introductions.consentOnWithdrawn")));
      expect(html, who).not.toContain(escaped(await hr("errors.transitionNotAllowed")));
    }
    const { ConsentModel } = await import("~/consent/model.server.ts");
    expect(await ConsentModel.countDocuments({ introductionId: withdrawn._id, withdrawnAt: null })).toBe(0);
    const introductionPage = await page("mentor", `/mentor/introductions/${withdrawn._id}`);
    expect(introductionPage).toContain(escaped(await hr("introductions.introduceAgainFromPlan")));
    expect(introductionPage).toContain(`href="/mentor/mentees/${f.ana}"`);
  });

  it("her mentor's page offers a new introduction, which asks for a new consent and reaches the employer", async () => {
    const [{ proposalId }] = offers;
    const mentorPage = await page("mentor", `/mentor/mentees/${f.ana}`);
    expect(mentorPage).toContain(escaped(await hr("introductions.introduceAgain")));
    expect(mentorPage).toContain(`name="proposalId" value="${proposalId}"`);

    const started = await post("mentor", `/mentor/mentees/${f.ana}`, { intent: "introduce", proposalId });
    expect(started.status).toBe(302);
    const [old, fresh] = await introductionsOf(proposalId);
    expect(started.headers.get("location")).toBe(`/mentor/introductions/${fresh._id}`);
    expect(old.status).toBe("withdrawn");
    expect(fresh.status).toBe("proposed");
    // Pressed twice: the same new introduction.
    expect((await post("mentor", `/mentor/mentees/${f.ana}`, { intent: "introduce", proposalId })).headers.get("location")).toBe(`/mentor/introductions/${fresh._id}`);
    expect(await introductionsOf(proposalId)).toHaveLength(2);

    expect((await post("mentee", `/me/consents/${fresh._id}`, { fields: "firstName", note: "" })).status).toBe(302);
    const [, introduced] = await introductionsOf(proposalId);
    expect(introduced.status).toBe("introduced");
    expect((await requestAs(f, "employer", `/employer/introductions/${fresh._id}`)).status).toBe(200);
    const offer = offerOn(await page("mentee", "/me/offers"), proposalId);
    expect(offer).not.toContain(escaped(await hr("offers.youWithdrew", { organisation: await organisationName() })));
    expect(offer).toContain('href="/me/consents"');
  });
});

describe("after the employer said no", () => {
  it("her offer says so without an answer form; her mentor is offered no new introduction and is told why when asking by hand", async () => {
    const [, { proposalId }] = offers;
    const introductionId = await introducedFor(proposalId);
    expect((await post("employer", `/employer/introductions/${introductionId}`, { answer: "declined", reason: "Mjesto je popunjeno." })).status).toBe(302);

    const offer = offerOn(await page("mentee", "/me/offers"), proposalId);
    expect(offer).toContain(escaped(await hr("offers.employerDeclined", { organisation: await organisationName() })));
    expect(offer).not.toContain(`name="proposalId" value="${proposalId}"`);

    const mentorPage = await page("mentor", `/mentor/mentees/${f.ana}`);
    const card = part(mentorPage, `/mentor/introductions/${introductionId}`, '<li class="proposal"');
    expect(card).toContain(escaped(await hr("introductions.employerDeclinedOffer")));
    expect(card).not.toContain('value="introduce"');
    const refused = await post("mentor", `/mentor/mentees/${f.ana}`, { intent: "introduce", proposalId });
    expect(refused.status).toBe(400);
    expect(await text(refused)).toContain(escaped(await hr("introductions.employerDeclinedOffer")));
    expect(await introductionsOf(proposalId)).toHaveLength(1);
  });
});

describe("a placement closed while she was to decide", () => {
  it("her consents say that it closed instead of asking her to decide, and her mentor is told once, naming it and her", async () => {
    const [, , { placementId, proposalId }] = offers;
    expect((await post("mentee", "/me/offers", { proposalId, answer: "interested", reason: "" })).status).toBe(302);
    expect((await post("mentor", `/mentor/mentees/${f.ana}`, { intent: "introduce", proposalId })).status).toBe(302);
    const [introduction] = await introductionsOf(proposalId);
    const before = part(await page("mentee", "/me/consents"), `id="consent-${introduction._id}"`, '<article class="offer"');
    expect(before).toContain(`/me/consents/${introduction._id}`);

    expect((await post("employer", `/employer/placements/${placementId}`, { to: "closed" })).status).toBe(302);
    const after = part(await page("mentee", "/me/consents"), `id="consent-${introduction._id}"`, '<article class="offer"');
    expect(after).not.toContain(`/me/consents/${introduction._id}`);
    expect(after).not.toContain(escaped(await hr("introductions.open")));
    expect(after).toContain(escaped(await hr("introductions.closedBeforeConsent", { organisation: await organisationName() })));
    // Not "waiting for consent" beside it: there is nothing she can give it to.
    expect(after).not.toContain(escaped(await hr("introductionStatus.proposed")));

    const { PlacementModel } = await import("~/placements/model.server.ts");
    const { MenteeModel } = await import("~/mentees/model.server.ts");
    const title = (await PlacementModel.findById(placementId).lean())!.title;
    const ana = (await MenteeModel.findById(f.ana).lean())!;
    const subject = await hr("email.placementEndedMentor.subject", { placement: title });
    const message = await waitForEmail(process.env.MAILBOX_DIR!, logins.mentor, (m) => m.subject === subject);
    expect(message.text).toContain(ana.firstName);
    expect(message.text).toContain(title);
    // Once: the outbox item for this ending has been carried out, and no second e-mail follows.
    const { runOutboxOnce } = await import("~/outbox/outbox.server.ts");
    await runOutboxOnce("test");
    expect((await emailsTo(process.env.MAILBOX_DIR!, logins.mentor)).filter((m) => m.subject === subject)).toHaveLength(1);
  });

  it("two offers of one title from one employer are told apart by the town and the day offered", async () => {
    const html = await page("mentee", "/me/offers");
    const [{ proposalId }] = offers;
    const offer = offerOn(html, proposalId);
    expect(offer).toContain('class="offer-when"');
    const { PlacementModel } = await import("~/placements/model.server.ts");
    const town = (await PlacementModel.findById(offers[0].placementId).lean())!.town;
    expect(offer).toContain(town);
  });
});

describe("messages that give the true reason", () => {
  it("a paused offer says it is paused for now, and her answer to it is refused saying so", async () => {
    const [, , , { placementId, proposalId }] = offers;
    expect((await post("employer", `/employer/placements/${placementId}`, { to: "paused" })).status).toBe(302);
    const offer = offerOn(await page("mentee", "/me/offers"), proposalId);
    expect(offer).toContain(escaped(await hr("offers.paused")));
    expect(offer).not.toContain(escaped(await hr("offers.notOpen")));
    const refused = await post("mentee", "/me/offers", { proposalId, answer: "interested", reason: "" });
    expect(refused.status).toBe(400);
    expect(await text(refused)).toContain(escaped(await hr("offers.pausedRefused")));
  });

  it("her consent page for a paused placement says it is paused for now, not gone, and a consent sent to it is refused saying so", async () => {
    const { IntroductionModel } = await import("~/introductions/model.server.ts");
    const waiting = (await IntroductionModel.findById(f.proposedIntroduction).lean())!;
    expect(waiting.status).toBe("proposed");
    const placementId = String(waiting.placementId);
    expect((await post("employer", `/employer/placements/${placementId}`, { to: "paused" })).status).toBe(302);
    const consentPage = await page("mentee", `/me/consents/${f.proposedIntroduction}`);
    expect(consentPage).toContain(escaped(await hr("introductions.pausedBeforeConsentShort")));
    expect(consentPage).not.toContain(escaped(await hr("introductions.placementNotOpen")));
    const refused = await post("mentee", `/me/consents/${f.proposedIntroduction}`, { fields: "firstName", note: "" });
    expect(refused.status).toBe(400);
    expect(await text(refused)).toContain(escaped(await hr("introductions.pausedBeforeConsentShort")));
    expect((await post("employer", `/employer/placements/${placementId}`, { to: "published" })).status).toBe(302);
  });

  it("proposing a paused placement says it is paused; published again, it can be proposed at once, before search has caught up", async () => {
    expect((await post("employer", `/employer/placements/${toPropose}`, { to: "paused" })).status).toBe(302);
    const refused = await post("mentor", `/mentor/mentees/${f.ana}/matches`, { placementId: toPropose });
    expect(refused.status).toBe(400);
    expect(await text(refused)).toContain(escaped(await hr("errors.proposePaused")));
    // Published again in the database only, as it stands before the outbox has brought the index up to date.
    const { PlacementModel } = await import("~/placements/model.server.ts");
    await PlacementModel.updateOne({ _id: toPropose }, { $set: { status: "published" } });
    expect((await post("mentor", `/mentor/mentees/${f.ana}/matches`, { placementId: toPropose })).status).toBe(302);
    const { ProposalModel } = await import("~/matching/model.server.ts");
    expect(await ProposalModel.countDocuments({ menteeId: f.ana, placementId: toPropose })).toBe(1);
  });

  it("her offer of a placement she started at, closed since, does not read as a new offer she need not answer", async () => {
    const { IntroductionModel } = await import("~/introductions/model.server.ts");
    const placed = (await IntroductionModel.findById(f.placedIntroduction).lean())!;
    const { PlacementModel } = await import("~/placements/model.server.ts");
    await PlacementModel.updateOne({ _id: placed.placementId }, { $set: { status: "closed" } });
    const offer = offerOn(await page("mentee", "/me/offers"), String(placed.proposalId));
    expect(offer).toContain(escaped(await hr("offers.closedAfterStart")));
    expect(offer).not.toContain(escaped(await hr("offers.notOpen")));
    await PlacementModel.updateOne({ _id: placed.placementId }, { $set: { status: "published" } });
  });

  it("after her consent was withdrawn, the employer's check-in answer is refused for that reason and her mentor's check-in no longer waits for the employer", async () => {
    expect((await post("mentee", "/me/consents", { introductionId: f.placedIntroduction })).status).toBe(302);
    const refused = await post("employer", "/employer/placed", { checkinId: f.placedCheckin, attended: "3", expected: "3", impression: "going_well", concern: "" });
    expect(refused.status).toBe(400);
    const html = await text(refused);
    expect(html).toContain(escaped(await hr("errors.checkinConsentWithdrawn")));
    expect(html).not.toContain(escaped(await hr("errors.checkinClosed")));

    const checkin = await page("mentor", `/mentor/checkins/${f.placedCheckin}`);
    expect(checkin).toContain(escaped(await hr("checkins.record.employerLeft")));
    expect(checkin).not.toContain(escaped(await hr("checkins.record.employerNotYet")));
    expect(checkin).not.toContain(escaped(await hr("checkins.partners.both")));

    // She had started there: no new introduction of that offer is started, and her mentor is told why.
    const { IntroductionModel } = await import("~/introductions/model.server.ts");
    const placed = (await IntroductionModel.findById(f.placedIntroduction).lean())!;
    const again = await post("mentor", `/mentor/mentees/${f.ana}`, { intent: "introduce", proposalId: String(placed.proposalId) });
    expect(again.status).toBe(400);
    expect(await text(again)).toContain(escaped(await hr("introductions.startedThereBefore")));
    expect(await introductionsOf(String(placed.proposalId))).toHaveLength(1);

    // Nor is she told that her mentor can introduce her again.
    const offer = offerOn(await page("mentee", "/me/offers"), String(placed.proposalId));
    expect(offer).toContain(escaped(await hr("offers.youWithdrewAfterStart", { organisation: await organisationName() })));
    expect(offer).not.toContain(escaped(await hr("offers.youWithdrew", { organisation: await organisationName() })));
    // And her mentor's page of that introduction does not point to a new one.
    expect(await page("mentor", `/mentor/introductions/${f.placedIntroduction}`)).not.toContain(escaped(await hr("introductions.introduceAgainFromPlan")));
  });
});

describe("an introduction she stops before giving her consent", () => {
  it("her offer says nothing was shared, and a withdrawal sent again at once is told what happened, not that the state forbids it", async () => {
    const responses = await Promise.all([1, 2, 3].map(() => post("mentee", "/me/consents", { introductionId: f.proposedIntroduction })));
    const bodies = await Promise.all(responses.map((r) => text(r)));
    expect(responses.some((r) => r.status === 302)).toBe(true);
    for (const [n, response] of responses.entries()) {
      if (response.status === 302) continue;
      expect(response.status).toBe(400);
      // The same withdrawal a moment later is withdrawn already; one sent while the first was being written is told it changed meanwhile.
      const told = [await hr("errors.consentAlreadyWithdrawn"), await hr("errors.changedMeanwhile")].filter((message) => bodies[n].includes(escaped(message)));
      expect(told, bodies[n].match(/role="alert"><p>([^<]*)/)?.[1]).toHaveLength(1);
      expect(bodies[n]).not.toContain(escaped(await hr("errors.transitionNotAllowed")));
    }
    const { IntroductionModel } = await import("~/introductions/model.server.ts");
    const stopped = (await IntroductionModel.findById(f.proposedIntroduction).lean())!;
    expect(stopped.status).toBe("withdrawn");
    const offer = offerOn(await page("mentee", "/me/offers"), String(stopped.proposalId));
    expect(offer).toContain(escaped(await hr("offers.introductionStopped", { organisation: await organisationName() })));
    expect(offer).not.toContain(escaped(await hr("offers.youWithdrew", { organisation: await organisationName() })));
  });
});

describe("a placement a coordinator takes down", () => {
  it("tells the mentor of a mentee it was offered to, once, saying that a coordinator took it down", async () => {
    const [, , , { placementId }] = offers;
    const taken = await post("coordinator", "/coordinator/placements", { intent: "takeDown", id: placementId, reason: "Opis mjesta nije točan." });
    expect(taken.status).toBeLessThan(400);
    const { PlacementModel } = await import("~/placements/model.server.ts");
    const placement = (await PlacementModel.findById(placementId).lean())!;
    expect(placement.status).toBe("taken_down");
    const subject = await hr("email.placementEndedMentor.subject", { placement: placement.title });
    const message = await waitForEmail(process.env.MAILBOX_DIR!, logins.mentor, (m) => m.subject === subject && m.text.includes(placement.title));
    expect(message.text.replace(/\s+/g, " ")).toContain((await hr("email.placementEndedMentor.takenDown", { placement: placement.title, organisation: await organisationName() })).replace(/\s+/g, " "));
    const { runOutboxOnce } = await import("~/outbox/outbox.server.ts");
    await runOutboxOnce("test");
    expect((await emailsTo(process.env.MAILBOX_DIR!, logins.mentor)).filter((m) => m.subject === subject)).toHaveLength(1);
  });
});
