import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logins, requestAs, seededPortal, type Fixtures, type Person } from "../support/routes.ts";
import { anaStoryFields } from "../support/stories.ts";
import { storeProposal } from "../support/proposals.ts";

// What an employer learns of a story about a mentee: nothing before she approved the version that
// names it (neither its text nor its photo), and a story may name only an employer she agreed to
// be introduced to, with that consent still in force.

let f: Fixtures;
const photoStory = { id: "", file: "" };

beforeAll(async () => {
  f = await seededPortal();
}, 180_000);
afterAll(async () => f?.portal.stop());

function form(fields: Record<string, string>, photo?: Uint8Array): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  data.set("photo", photo ? new File([new Uint8Array(photo)], "ana.jpg", { type: "image/jpeg" }) : new File([], "", { type: "application/octet-stream" }));
  return data;
}

async function post(who: Person, path: string, body: FormData | URLSearchParams) {
  return requestAs(f, who, path, { method: "POST", body });
}

async function storyDoc(id: string) {
  const { StoryModel } = await import("~/stories/model.server.ts");
  return (await StoryModel.findById(id).lean())!;
}

async function organisationId(key: string) {
  const { OrganisationModel } = await import("~/organisations/model.server.ts");
  return String((await OrganisationModel.findOne({ key }).lean())!._id);
}

async function employerPage() {
  return (await requestAs(f, "employer", "/employer/stories")).text();
}

async function hr(key: string) {
  const { getT } = await import("~/i18n/i18n.server.ts");
  return getT("hr")(key);
}

describe("a story waiting for her decision", () => {
  it("is not on the named employer's page, and the employer cannot decide on it", async () => {
    // The seeded story names Pekara Zrno and waits for Ana's decision.
    expect((await storyDoc(f.story)).status).toBe("awaiting_mentee");
    const page = await employerPage();
    expect(page).not.toContain("She is always on time.");
    expect(page).not.toContain("After a long time I get up early");
    const response = await post("employer", "/employer/stories", new URLSearchParams({ storyId: f.story, decision: "approved" }));
    expect(response.status).toBe(400);
    expect((await storyDoc(f.story)).employerApproval).toBe("pending");
  });

  it("keeps its photo from the employer until she approves, then shows both", async () => {
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 90, g: 60, b: 30 } } }).jpeg().toBuffer();
    const drafted = await post("mentor", `/mentor/stories/new?mentee=${f.ana}`, form({ ...anaStoryFields, quote: "Dolazi prva i odlazi zadnja.", organisationId: await organisationId("pekara-zrno"), showEmployer: "yes" }, photo));
    expect(drafted.status).toBe(302);
    photoStory.id = drafted.headers.get("location")!.match(/\/mentor\/stories\/([a-f0-9]{24})/)![1];
    photoStory.file = (await storyDoc(photoStory.id)).photo!.file;
    expect((await requestAs(f, "employer", `/stories/photos/${photoStory.file}`)).status).toBe(404);
    expect((await post("mentor", `/mentor/stories/${photoStory.id}`, new URLSearchParams({ intent: "submit" }))).status).toBe(302);
    expect((await storyDoc(photoStory.id)).status).toBe("awaiting_mentee");
    expect(await employerPage()).not.toContain("Dolazi prva i odlazi zadnja.");
    expect((await requestAs(f, "employer", `/stories/photos/${photoStory.file}`)).status).toBe(404);
    // She herself sees it and its photo, and approves it for the portal.
    expect((await requestAs(f, "mentee", `/stories/photos/${photoStory.file}`)).status).toBe(200);
    const approved = await post("mentee", "/me/stories", new URLSearchParams({ storyId: photoStory.id, intent: "approve", version: "1", channels: "portal", years: "2" }));
    expect(approved.status).toBe(302);
    expect((await storyDoc(photoStory.id)).status).toBe("approved");
    expect(await employerPage()).toContain("Dolazi prva i odlazi zadnja.");
    expect((await requestAs(f, "employer", `/stories/photos/${photoStory.file}`)).status).toBe(200);
    expect((await requestAs(f, "otherEmployer", `/stories/photos/${photoStory.file}`)).status).toBe(404);
  });

  it("is out of the employer's sight again once the mentor edits it back to a draft", async () => {
    const edited = await post("mentor", `/mentor/stories/${photoStory.id}`, form({ ...anaStoryFields, quote: "Dolazi prva, odlazi zadnja i sve zna.", organisationId: await organisationId("pekara-zrno"), showEmployer: "yes", intent: "save" }));
    expect(edited.status).toBe(302);
    const page = await employerPage();
    expect(page).not.toContain("Dolazi prva");
    expect((await requestAs(f, "employer", `/stories/photos/${photoStory.file}`)).status).toBe(404);
    expect((await post("employer", "/employer/stories", new URLSearchParams({ storyId: photoStory.id, decision: "approved" }))).status).toBe(400);
  });
});

describe("the employers a story may name", () => {
  it("leaves out an employer she was introduced to but never consented to, and refuses it on the form", async () => {
    const { MenteeModel } = await import("~/mentees/model.server.ts");
    const { PlacementModel } = await import("~/placements/model.server.ts");
    const { UserModel } = await import("~/accounts/model.server.ts");
    const { startIntroduction } = await import("~/introductions/introductions.server.ts");
    const { OrganisationModel } = await import("~/organisations/model.server.ts");
    const mentor = (await UserModel.findOne({ email: logins.mentor }).lean())!;
    const placement = (await PlacementModel.findById(f.publishedPlacement).lean())!;
    const other = (await OrganisationModel.findById(placement.organisationId).lean())!;
    const ana = (await MenteeModel.findById(f.ana).lean())!;
    const proposal = await storeProposal({ menteeId: ana._id, placementId: placement._id, mentorId: mentor._id, status: "interested" });
    expect((await startIntroduction(mentor as never, String(proposal._id))).ok).toBe(true);

    const formPage = await (await requestAs(f, "mentor", `/mentor/stories/new?mentee=${f.ana}`)).text();
    expect(formPage).toContain("Pekara Zrno");
    expect(formPage).not.toContain(`value="${String(other._id)}"`);
    const { StoryModel } = await import("~/stories/model.server.ts");
    const before = await StoryModel.countDocuments();
    const refused = await post("mentor", `/mentor/stories/new?mentee=${f.ana}`, form({ ...anaStoryFields, organisationId: String(other._id), showEmployer: "yes" }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(await hr("stories.employerWithoutConsent"));
    expect(await StoryModel.countDocuments()).toBe(before);
  });

  it("drops an employer whose consent she withdrew, and will not send her a draft that still names it", async () => {
    const drafted = await post("mentor", `/mentor/stories/new?mentee=${f.ana}`, form({ ...anaStoryFields, title: "Jutra u pekari", quote: "Pouzdana.", organisationId: await organisationId("pekara-zrno"), showEmployer: "yes" }));
    expect(drafted.status).toBe(302);
    const id = drafted.headers.get("location")!.match(/\/mentor\/stories\/([a-f0-9]{24})/)![1];
    // Both of her consents to Pekara Zrno, withdrawn on her own consents page.
    for (const introductionId of [f.consentedIntroduction, f.placedIntroduction]) {
      expect((await post("mentee", "/me/consents", new URLSearchParams({ introductionId }))).status).toBe(302);
    }
    expect(await (await requestAs(f, "mentor", `/mentor/stories/new?mentee=${f.ana}`)).text()).not.toContain("Pekara Zrno");
    const refused = await post("mentor", `/mentor/stories/${id}`, new URLSearchParams({ intent: "submit" }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(await hr("stories.employerWithoutConsent"));
    expect((await storyDoc(id)).status).toBe("draft");
    expect(await employerPage()).not.toContain("Pouzdana.");
  });
});
