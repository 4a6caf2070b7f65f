import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logins, requestAs, seededPortal, type Fixtures, type Person } from "../support/routes.ts";
import { storeProposal } from "../support/proposals.ts";

// An offer whose placement the employer closed for good: what Ana sees on her offers, and which
// steps towards the employer are refused (her answer, the introduction, her consent, the
// employer's acceptance), while an introduction accepted before the closing can still record its
// start. And an offer she has already been introduced for: no answer form, a pointer to her consents.

let f: Fixtures;
/** Three more of the employer's published placements, each offered to Ana: closed before any introduction, after one was started, after one was accepted. */
const offers: { placementId: string; proposalId: string }[] = [];

beforeAll(async () => {
  f = await seededPortal();
  const { PlacementModel } = await import("~/placements/model.server.ts");
  const { UserModel } = await import("~/accounts/model.server.ts");
  const own = (await PlacementModel.findById(f.ownPlacement).lean())!;
  const more = await PlacementModel.find({ organisationId: own.organisationId, status: "published" }).sort({ _id: 1 }).skip(3).limit(3).lean();
  if (more.length !== 3) throw new Error(`the employer has only ${more.length} more published placements`);
  const mentor = (await UserModel.findOne({ email: logins.mentor }).lean())!;
  for (const placement of more) {
    const proposal = await storeProposal({ menteeId: f.ana, placementId: placement._id, mentorId: mentor._id, status: "proposed", history: [{ status: "proposed", at: new Date(), by: "mentor" }] });
    offers.push({ placementId: String(placement._id), proposalId: String(proposal._id) });
  }
}, 180_000);
afterAll(async () => f?.portal.stop());

async function post(who: Person, path: string, body: Record<string, string>) {
  return requestAs(f, who, path, { method: "POST", body: new URLSearchParams(body) });
}

async function hr(key: string) {
  const { getT } = await import("~/i18n/i18n.server.ts");
  return getT("hr")(key);
}

async function offersPage() {
  return (await requestAs(f, "mentee", "/me/offers")).text();
}

/** The part of her offers page about one placement, from its heading to the next offer. */
function offerOn(page: string, proposalId: string) {
  const start = page.indexOf(`id="offer-${proposalId}"`);
  expect(start, "the offer is on her page").toBeGreaterThan(-1);
  const next = page.indexOf('<article class="offer"', start);
  return page.slice(start, next === -1 ? undefined : next);
}

async function closeForGood(placementId: string) {
  expect((await post("employer", `/employer/placements/${placementId}`, { to: "closed" })).status).toBe(302);
}

async function introductionOf(proposalId: string) {
  const { IntroductionModel } = await import("~/introductions/model.server.ts");
  return IntroductionModel.findOne({ proposalId }).lean();
}

async function introduce(proposalId: string) {
  const response = await post("mentor", `/mentor/mentees/${f.ana}`, { intent: "introduce", proposalId });
  expect(response.status).toBe(302);
  return String((await introductionOf(proposalId))!._id);
}

describe("an offer whose placement was closed for good", () => {
  it("shows that the placement is no longer open, without an answer form or a link to the gone offer", async () => {
    const [{ placementId, proposalId }] = offers;
    const before = offerOn(await offersPage(), proposalId);
    expect(before).toContain(`name="proposalId" value="${proposalId}"`);
    expect((await post("mentee", "/me/offers", { proposalId, answer: "interested", reason: "" })).status).toBe(302);
    await closeForGood(placementId);

    const after = offerOn(await offersPage(), proposalId);
    expect(after).toContain(await hr("offers.notOpen"));
    expect(after).not.toContain(`value="${proposalId}"`);
    expect(after).not.toContain(`/placements/${placementId}`);
  });

  it("refuses her answer with a message on the form and keeps the answer she gave", async () => {
    const [{ proposalId }] = offers;
    const response = await post("mentee", "/me/offers", { proposalId, answer: "declined", reason: "" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(await hr("offers.notOpenRefused"));
    const { ProposalModel } = await import("~/matching/model.server.ts");
    expect((await ProposalModel.findById(proposalId).lean())!.status).toBe("interested");
  });

  it("offers the mentor no introduction for it, and refuses one asked for by hand, saying why", async () => {
    const [{ proposalId }] = offers;
    const menteePage = await (await requestAs(f, "mentor", `/mentor/mentees/${f.ana}`)).text();
    expect(menteePage).toContain(await hr("mentees.placementNotOpen"));
    expect(menteePage).not.toContain(`name="proposalId" value="${proposalId}"`);
    const response = await post("mentor", `/mentor/mentees/${f.ana}`, { intent: "introduce", proposalId });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(await hr("introductions.placementNotOpen"));
    expect(await introductionOf(proposalId)).toBeNull();
  });

  it("refuses her consent to an introduction started before the closing, and the employer learns nothing", async () => {
    const [, { placementId, proposalId }] = offers;
    expect((await post("mentee", "/me/offers", { proposalId, answer: "interested", reason: "" })).status).toBe(302);
    const introductionId = await introduce(proposalId);
    await closeForGood(placementId);
    for (const [who, path] of [["mentee", `/me/consents/${introductionId}`], ["mentor", `/mentor/introductions/${introductionId}`]] as const) {
      const page = await (await requestAs(f, who, path)).text();
      expect(page, who).toContain(await hr("introductions.placementNotOpen"));
      expect(page, who).not.toContain('name="fields"');
    }
    const response = await post("mentee", `/me/consents/${introductionId}`, { fields: "firstName", note: "" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(await hr("introductions.placementNotOpen"));
    expect((await introductionOf(proposalId))!.status).toBe("proposed");
    const { ConsentModel } = await import("~/consent/model.server.ts");
    expect(await ConsentModel.countDocuments({ introductionId })).toBe(0);
    expect((await requestAs(f, "employer", `/employer/introductions/${introductionId}`)).status).toBe(404);
  });

  it("offers the employer no acceptance or meeting after the closing, says why, refuses one sent anyway, but lets an introduction accepted before it record its start", async () => {
    const [, , { placementId, proposalId }] = offers;
    expect((await post("mentee", "/me/offers", { proposalId, answer: "interested", reason: "" })).status).toBe(302);
    const introductionId = await introduce(proposalId);
    expect((await post("mentee", `/me/consents/${introductionId}`, { fields: "firstName", note: "" })).status).toBe(302);
    expect((await introductionOf(proposalId))!.status).toBe("introduced");
    // What the page shows (its messages travel with it in a script, every text of its sections).
    const employerPage = async () => {
      const html = await (await requestAs(f, "employer", `/employer/introductions/${introductionId}`)).text();
      return html.slice(html.indexOf("<main"), html.indexOf("</main>"));
    };
    expect(await employerPage()).toContain('value="accepted"');
    await closeForGood(placementId);

    // The page offers only what would not be refused: declining, under a line saying why.
    const closedPage = await employerPage();
    expect(closedPage).toContain(await hr("introductions.placementEndedNote.closed"));
    expect(closedPage).not.toContain('value="accepted"');
    expect(closedPage).not.toContain('value="meeting_proposed"');
    expect(closedPage).toContain('value="declined"');
    expect(closedPage).not.toContain(await hr("introductions.employerNext.introduced"));

    // A page opened before the closing still posts: refused, saying why.
    const refused = await post("employer", `/employer/introductions/${introductionId}`, { answer: "accepted" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(await hr("introductions.placementEnded"));
    expect((await introductionOf(proposalId))!.status).toBe("introduced");

    // Taken down by a coordinator (done here on the record): the same, in its own words.
    const { PlacementModel } = await import("~/placements/model.server.ts");
    await PlacementModel.updateOne({ _id: placementId }, { $set: { status: "taken_down" } });
    const takenDownPage = await employerPage();
    expect(takenDownPage).toContain(await hr("introductions.placementEndedNote.taken_down"));
    expect(takenDownPage).not.toContain('value="accepted"');
    expect(takenDownPage).toContain('value="declined"');

    // Accepted while it was open (done here by reopening the record), then closed: she may already work there.
    await PlacementModel.updateOne({ _id: placementId }, { $set: { status: "published" } });
    expect((await post("employer", `/employer/introductions/${introductionId}`, { answer: "accepted" })).status).toBe(302);
    await PlacementModel.updateOne({ _id: placementId }, { $set: { status: "closed" } });
    const acceptedPage = await employerPage();
    expect(acceptedPage).toContain(await hr("introductions.employerNext.accepted"));
    expect(acceptedPage).not.toContain(await hr("introductions.placementEndedNote.closed"));
    const { UserModel } = await import("~/accounts/model.server.ts");
    const mentor = (await UserModel.findOne({ email: logins.mentor }).lean())!;
    const { startFollowUp, todayIn } = await import("~/checkins/checkins.server.ts");
    const { addDays } = await import("~/checkins/days.ts");
    const today = todayIn("HR");
    const started = await startFollowUp(mentor as never, introductionId, { startDay: addDays(today, -2), hoursPerWeek: 20, plannedEndDay: addDays(today, 60) });
    expect(started.ok).toBe(true);
    expect((await introductionOf(proposalId))!.status).toBe("placed");
  });
});

describe("an offer she has already been introduced for", () => {
  it("shows no answer form but where to withdraw her consent, and refuses an answer with that pointer", async () => {
    const { IntroductionModel } = await import("~/introductions/model.server.ts");
    const { ProposalModel } = await import("~/matching/model.server.ts");
    const placed = (await IntroductionModel.findById(f.placedIntroduction).lean())!;
    const proposalId = String(placed.proposalId);
    const offer = offerOn(await offersPage(), proposalId);
    expect(offer).not.toContain(`value="${proposalId}"`);
    expect(offer).toContain('href="/me/consents"');
    expect(offer).toContain(await hr("offers.toConsents"));

    const statusBefore = (await ProposalModel.findById(proposalId).lean())!.status;
    const response = await post("mentee", "/me/offers", { proposalId, answer: "declined", reason: "" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(await hr("offers.alreadyIntroduced"));
    expect((await ProposalModel.findById(proposalId).lean())!.status).toBe(statusBefore);
  });
});
