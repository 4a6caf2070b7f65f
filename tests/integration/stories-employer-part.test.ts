import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutbox } from "../support/placements.ts";
import { logins, requestAs, seededPortal, type Fixtures, type Person } from "../support/routes.ts";
import { anaStoryFields } from "../support/stories.ts";

// The employer's part of a story, told truthfully: the employer is asked by e-mail once she approved
// a version that names it; while it declines, nothing offers to publish the story and everyone is
// told the true reason with what to do next; a decline after publication takes its name and quote
// off the page, the feed and the index at once; and a change of mind puts back exactly what the
// employer approves. Her mentor hears of her decisions.

let f: Fixtures;
const QUOTE = "Uvijek dolazi nasmijana i spremna za posao.";
const TITLE = "Kruh prije zore";
const story = { id: "", slug: "" };

beforeAll(async () => {
  f = await seededPortal();
}, 180_000);
afterAll(async () => f?.portal.stop());

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  data.set("photo", new File([], "", { type: "application/octet-stream" }));
  return data;
}

async function post(who: Person, path: string, body: FormData | URLSearchParams) {
  return requestAs(f, who, path, { method: "POST", body });
}

async function page(who: Person, path: string) {
  return (await requestAs(f, who, path)).text();
}

async function storyDoc(id = story.id) {
  const { StoryModel } = await import("~/stories/model.server.ts");
  return (await StoryModel.findById(id).lean())!;
}

async function pekara() {
  const { OrganisationModel } = await import("~/organisations/model.server.ts");
  return (await OrganisationModel.findOne({ key: "pekara-zrno" }).lean())!;
}

/** A message as a page shows it (React escapes quotes and apostrophes), in the language of the person who reads it. */
async function text(who: keyof typeof logins, key: string, options: Record<string, string> = {}) {
  const { UserModel } = await import("~/accounts/model.server.ts");
  const { getT } = await import("~/i18n/i18n.server.ts");
  const user = (await UserModel.findOne({ email: logins[who] }).lean())!;
  return getT(user.language as "hr")(key, options).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

async function emails(template: string, storyId = story.id) {
  const { OutboxModel } = await import("~/outbox/model.server.ts");
  return OutboxModel.find({ kind: "email", "payload.template": template, key: { $regex: storyId } }).lean();
}

async function draftAndAsk(fields: Record<string, string>): Promise<string> {
  const drafted = await post("mentor", `/mentor/stories/new?mentee=${f.ana}`, form({ ...anaStoryFields, ...fields }));
  expect(drafted.status).toBe(302);
  const id = drafted.headers.get("location")!.match(/\/mentor\/stories\/([a-f0-9]{24})/)![1];
  expect((await post("mentor", `/mentor/stories/${id}`, new URLSearchParams({ intent: "submit" }))).status).toBe(302);
  return id;
}

async function approveAsAna(id: string) {
  const version = String((await storyDoc(id)).version);
  expect((await post("mentee", "/me/stories", new URLSearchParams({ storyId: id, intent: "approve", version, channels: "portal", years: "2" }))).status).toBe(302);
}

async function employerDecides(decision: "approved" | "declined") {
  expect((await post("employer", "/employer/stories", new URLSearchParams({ storyId: story.id, decision }))).status).toBe(302);
}

describe("a story that names the employer", () => {
  it("asks the employer's people by e-mail, each in their language, once she approved it, and tells her mentor", async () => {
    const organisation = await pekara();
    story.id = await draftAndAsk({ title: TITLE, quote: QUOTE, organisationId: String(organisation._id), showEmployer: "yes" });
    // Nothing before her approval: the employer sees nothing of it yet.
    expect(await emails("storyAwaitsEmployer")).toHaveLength(0);
    await approveAsAna(story.id);

    const { UserModel } = await import("~/accounts/model.server.ts");
    const people = await UserModel.find({ organisationId: organisation._id, role: "employer" }).lean();
    expect(people.length).toBeGreaterThan(0);
    const asked = await emails("storyAwaitsEmployer");
    expect(asked.map((e) => (e.payload as { to: string }).to).sort()).toEqual(people.map((p) => p.email).sort());
    for (const person of people) {
      const payload = asked.find((e) => (e.payload as { to: string }).to === person.email)!.payload as { language: string; params: { link: string; organisation: string } };
      expect(payload.language).toBe(person.language);
      expect(new URL(payload.params.link).pathname).toBe("/employer/stories");
      expect(payload.params.organisation).toBe(organisation.name);
    }
    // Least data: nothing of her and nothing of the story's text reaches the employer's inbox.
    const { MenteeModel } = await import("~/mentees/model.server.ts");
    const ana = (await MenteeModel.findById(f.ana).lean())!;
    const surname = (ana.fullName ?? "").split(/\s+/).slice(1).join(" ");
    for (const email of asked) {
      const sent = JSON.stringify(email.payload);
      for (const secret of [ana.firstName, TITLE, QUOTE, anaStoryFields.body.slice(0, 30), ...(surname ? [surname] : [])]) expect(sent).not.toContain(secret);
    }

    const told = await emails("storyMenteeDecided");
    expect(told).toHaveLength(1);
    const mentor = (await UserModel.findOne({ email: logins.mentor }).lean())!;
    expect(told[0].payload).toMatchObject({ to: mentor.email, language: mentor.language, params: { firstName: ana.firstName, decision: "approvedWaitsEmployer" } });
    expect(JSON.stringify(told[0].payload)).not.toContain(QUOTE);
    if (surname) expect(JSON.stringify(told[0].payload)).not.toContain(surname);

    // Queued again (a retried request), each e-mail still goes once; and they render and go out.
    const { askEmployerAboutStory, tellMentorOfDecision } = await import("~/stories/notifications.server.ts");
    const before = await storyDoc();
    await askEmployerAboutStory({ ...before, version: before.version }, ana);
    await tellMentorOfDecision(before, ana, "approved");
    expect(await emails("storyAwaitsEmployer")).toHaveLength(people.length);
    expect(await emails("storyMenteeDecided")).toHaveLength(1);
    // The portal's own worker may hold an item for a moment: wait until every one went out.
    const statuses = async () => {
      await drainOutbox();
      return [...new Set([...(await emails("storyAwaitsEmployer")), ...(await emails("storyMenteeDecided"))].map((e) => e.status))];
    };
    await expect.poll(statuses, { timeout: 60_000, interval: 200 }).toEqual(["sent"]);
  });

  it("is not offered for publishing while the employer declines, and everyone reads the true reason and what to do", async () => {
    await employerDecides("declined");

    const review = await page("coordinator", "/coordinator/stories");
    expect(review).toContain(await text("coordinator", "stories.publishBlocked.employerDeclined", { name: "Ana" }));
    expect(review).not.toContain(`name="storyId" value="${story.id}"`);
    const refused = await post("coordinator", "/coordinator/stories", new URLSearchParams({ storyId: story.id, intent: "publish" }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(await text("coordinator", "stories.employerDeclined"));
    expect((await storyDoc()).status).toBe("approved");

    expect(await page("mentor", `/mentor/stories/${story.id}`)).toContain(await text("mentor", "stories.employerDeclinedNext", { name: "Ana" }));
    expect(await page("mentor", "/mentor/stories")).toContain(await text("mentor", "stories.employerDeclinedShort"));

    // The employer sees what it declined, what that means, and the one answer that changes something.
    const employerPage = await page("employer", "/employer/stories");
    expect(employerPage).toContain(QUOTE);
    expect(employerPage).toContain((await pekara()).name);
    expect(employerPage).toContain(await text("employer", "stories.employerNow.declined"));
    expect(employerPage).toContain('name="decision" value="approved"');
    expect(employerPage).not.toContain('name="decision" value="declined"');
  });

  it("is published with the employer's name and quote once the employer changes its mind", async () => {
    await employerDecides("approved");
    const employerPage = await page("employer", "/employer/stories");
    expect(employerPage).toContain(await text("employer", "stories.employerNow.approvedNotYet"));
    expect(employerPage).not.toContain('name="decision" value="approved"');
    expect((await post("coordinator", "/coordinator/stories", new URLSearchParams({ storyId: story.id, intent: "publish" }))).status).toBe(302);
    story.slug = (await storyDoc()).slug!;
    const shown = await page("anonymous", `/stories/${story.slug}`);
    expect(shown).toContain((await pekara()).name);
    expect(shown).toContain(QUOTE);
    await drainOutbox();
  });

  it("loses the employer's name and quote on the page, the feed and the index at once when the employer declines after publication", async () => {
    const { OutboxModel } = await import("~/outbox/model.server.ts");
    const queued = await OutboxModel.countDocuments({ kind: "story-index", "payload.storyId": story.id });
    await employerDecides("declined");
    const name = (await pekara()).name;
    const shown = await page("anonymous", `/stories/${story.slug}`);
    expect(shown).toContain(TITLE);
    expect(shown).not.toContain(name);
    expect(shown).not.toContain(QUOTE);
    const feed = await page("anonymous", "/stories/feed.xml");
    expect(feed).not.toContain(name);
    expect(feed).not.toContain(QUOTE);
    // The index is told through the outbox, like every index write.
    expect(await OutboxModel.countDocuments({ kind: "story-index", "payload.storyId": story.id })).toBe(queued + 1);
    await drainOutbox();
    const { storyIndex } = await import("~/stories/search-index.server.ts");
    const document = JSON.stringify(await storyIndex().getDocument(story.id));
    expect(document).toContain(TITLE);
    expect(document).not.toContain(name);
    expect(document).not.toContain(QUOTE);
    expect(await page("employer", "/employer/stories")).toContain(await text("employer", "stories.employerNow.declined"));
  });

  it("puts back exactly what the employer sees when it approves again", async () => {
    await employerDecides("approved");
    const shown = await page("anonymous", `/stories/${story.slug}`);
    expect(shown).toContain((await pekara()).name);
    expect(shown).toContain(QUOTE);
    const saved = await storyDoc();
    expect(saved.publishedView).toEqual(saved.approvedView);
    expect(saved.withheldEmployerPart).toBeUndefined();
    expect(await page("employer", "/employer/stories")).toContain(await text("employer", "stories.employerNow.approvedShown"));
  });

  it("keeps a declined quote from going public without the employer's name", async () => {
    await employerDecides("declined");
    const before = await storyDoc();
    const refused = await post("mentor", `/mentor/stories/${story.id}`, form({ ...anaStoryFields, title: TITLE, quote: QUOTE, organisationId: String((await pekara())._id), intent: "save" }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(await text("mentor", "stories.declinedQuote"));
    expect((await storyDoc()).version).toBe(before.version);
    // As the page advises: untick the employer and take its quote out.
    const saved = await post("mentor", `/mentor/stories/${story.id}`, form({ ...anaStoryFields, title: TITLE, quote: "", intent: "save" }));
    expect(saved.status).toBe(302);
    expect((await storyDoc()).version).toBe(before.version + 1);
  });
});

describe("her mentor hears of her decisions", () => {
  it("when she withdraws or declines herself, not when the mentor recorded it for her", async () => {
    expect((await post("mentee", "/me/stories", new URLSearchParams({ storyId: story.id, intent: "withdraw" }))).status).toBe(302);
    expect((await emails("storyMenteeDecided")).map((e) => (e.payload as { params: { decision: string } }).params.decision).sort()).toEqual(["approvedWaitsEmployer", "withdrawn"]);

    const declined = await draftAndAsk({ title: "Nova jutra" });
    expect((await post("mentee", "/me/stories", new URLSearchParams({ storyId: declined, intent: "decline", version: "1" }))).status).toBe(302);
    expect((await emails("storyMenteeDecided", declined)).map((e) => (e.payload as { params: { decision: string } }).params.decision)).toEqual(["declined"]);

    const recorded = await draftAndAsk({ title: "Treća jutra" });
    await approveAsAna(recorded);
    expect((await post("mentor", `/mentor/stories/${recorded}`, new URLSearchParams({ intent: "withdraw" }))).status).toBe(302);
    expect((await storyDoc(recorded)).status).toBe("withdrawn");
    expect((await emails("storyMenteeDecided", recorded)).map((e) => (e.payload as { params: { decision: string } }).params.decision)).toEqual(["approved"]);
    // A story that names no employer asks no employer.
    expect(await emails("storyAwaitsEmployer", recorded)).toHaveLength(0);
  });
});

describe("a database from before the employer's part was kept apart", () => {
  it("loses the quote an earlier decline left public, and gets back the name she approved", async () => {
    const organisation = await pekara();
    const quote = "Najbolji kruh u gradu peče ona.";
    story.id = await draftAndAsk({ title: "Stari zapis", quote, organisationId: String(organisation._id), showEmployer: "yes" });
    await approveAsAna(story.id);
    await employerDecides("approved");
    expect((await post("coordinator", "/coordinator/stories", new URLSearchParams({ storyId: story.id, intent: "publish" }))).status).toBe(302);
    const { slug } = await storyDoc();
    const { StoryModel } = await import("~/stories/model.server.ts");
    const { settleEarlierEmployerParts } = await import("~/stories/employer-part-migration.server.ts");

    // What a decline did before: the name cleared from both views, the quote left public.
    await StoryModel.updateOne({ _id: story.id }, { $set: { employerApproval: "declined", "approvedView.employerName": "", "publishedView.employerName": "" } });
    expect(await page("anonymous", `/stories/${slug}`)).toContain(quote);
    expect(await settleEarlierEmployerParts()).toBe(1);
    expect(await page("anonymous", `/stories/${slug}`)).not.toContain(quote);
    expect((await storyDoc()).approvedView!.employerName).toBe(organisation.name);
    expect(await settleEarlierEmployerParts()).toBe(0);
    await employerDecides("approved");
    const shown = await page("anonymous", `/stories/${slug}`);
    expect(shown).toContain(quote);
    expect(shown).toContain(organisation.name);

    // What an approval after a decline left: approved, yet not named.
    await StoryModel.updateOne({ _id: story.id }, { $set: { "approvedView.employerName": "", "publishedView.employerName": "" } });
    expect(await settleEarlierEmployerParts()).toBe(1);
    expect(await page("anonymous", `/stories/${slug}`)).toContain(organisation.name);
    expect(await settleEarlierEmployerParts()).toBe(0);
  });
});
