import { randomBytes } from "node:crypto";
import sharp from "sharp";
import type { SessionUser } from "~/accounts/session.server.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeMentor, menteeInput } from "../support/mentees.ts";
import { drainOutbox, placementInput } from "../support/placements.ts";
import { startPortal, type RunningPortal } from "../support/portal.ts";

// The public never sees what a story's anonymisation removed: unique markers planted in every
// field of the mentee, her plan, a placement and its employer must appear on no public page, in
// no sharing tag, in no feed entry and in no search document once an anonymised story about her
// is published. And a withdrawn story is gone from the page, the feed and the index.

let portal: RunningPortal;
const markers: string[] = [];
const mark = (field: string) => {
  const marker = `LEAK-${field}-${randomBytes(4).toString("hex")}`;
  markers.push(marker);
  return marker;
};
let slug = "";
let storyId = "";
const storyTitle = "Back in the bakery after four years";

async function models() {
  const { StoryModel } = await import("~/stories/model.server.ts");
  const { MenteeModel } = await import("~/mentees/model.server.ts");
  const { UserModel } = await import("~/accounts/model.server.ts");
  const { OrganisationModel } = await import("~/organisations/model.server.ts");
  return { StoryModel, MenteeModel, UserModel, OrganisationModel };
}

/**
 * A story as its people make it: drafted by her mentor in the editor's functions (with a photo whose
 * metadata carries markers), sent for her decision, approved by her, published by a coordinator.
 */
async function publishedStory(mentor: SessionUser, menteeId: string, menteeUser: SessionUser, coordinator: SessionUser, title: string) {
  const { draftStory, submitStory, publishStory } = await import("~/stories/stories.server.ts");
  const { approveStory } = await import("~/stories/decision.server.ts");
  const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#a0522d" } })
    .withExif({ IFD0: { Artist: mark("photoArtist"), Copyright: mark("photoCopyright"), ImageDescription: mark("photoDescription") } })
    .jpeg()
    .toBuffer();
  const drafted = await draftStory(
    mentor,
    menteeId,
    {
      title,
      body: "I had not worked for four years. My mentor and I found a bakery that starts slowly.\n\nNow I bake bread three mornings a week and the team counts on me.",
      language: "en",
      placementKind: "work_trial",
      sector: "hospitality",
      country: "HR",
      town: "Varaždin",
      nameChoice: "omitted",
      changedName: "",
      placeChoice: "region",
      quote: "She is the first one in every morning.",
    },
    new Uint8Array(photo),
  );
  if (!drafted.ok) throw new Error(`draft: ${JSON.stringify(drafted)}`);
  if (!(await submitStory(mentor, drafted.id)).ok) throw new Error("submit");
  const approved = await approveStory(menteeUser, drafted.id, { version: 1, channels: ["portal", "social"], years: 2 });
  if (!approved.ok) throw new Error(`approve: ${JSON.stringify(approved)}`);
  const published = await publishStory(coordinator, drafted.id);
  if (!published.ok) throw new Error(`publish: ${JSON.stringify(published)}`);
  await drainOutbox();
  return { id: drafted.id, slug: published.slug };
}

async function indexDocuments() {
  const { storyIndex } = await import("~/stories/search-index.server.ts");
  return (await storyIndex().getDocuments({ limit: 1000 })).results;
}

beforeAll(async () => {
  const { UserModel, OrganisationModel, MenteeModel } = await models();
  const { createMentee } = await import("~/mentees/mentees.server.ts");
  const { createPlacement } = await import("~/placements/placements.server.ts");
  const mentor = await makeMentor();
  const created = await createMentee(
    mentor,
    menteeInput({
      firstName: mark("firstName"),
      fullName: `${mark("fullNameA")} ${mark("fullNameB")}`,
      email: `${mark("email").toLowerCase()}@example.test`,
      goals: mark("goals"),
      strengths: `${mark("strengths")}, patient`,
      interests: mark("interests"),
      skills: mark("skills"),
      barriers: mark("barriers"),
      notes: mark("notes"),
    }),
  );
  if (!created.ok) throw new Error("mentee");
  const organisation = await OrganisationModel.create({ name: mark("employerName"), kind: "employer", town: "Varaždin", country: "HR", contactEmail: `${mark("employerEmail").toLowerCase()}@example.test`, status: "verified" });
  const employer = await UserModel.create({ organisationId: organisation._id, email: `${mark("employerUser").toLowerCase()}@example.test`, name: mark("employerUserName"), role: "employer", approval: "approved", passwordHash: "x", emailConfirmedAt: new Date() });
  const placement = await createPlacement(employer.toObject(), placementInput({ title: mark("placementTitle"), description: `${mark("placementDescription")} in a busy kitchen, washing and cooking.`, skills: mark("placementSkills"), supportNotes: mark("supportNotes") }), { publish: true });
  if (!placement.ok) throw new Error("placement");
  const menteeUser = (await UserModel.create({ email: `${mark("menteeAccount").toLowerCase()}@example.test`, name: mark("menteeAccountName"), role: "mentee", language: "en", approval: "approved", passwordHash: "x", emailConfirmedAt: new Date() })).toObject();
  await MenteeModel.updateOne({ _id: created.id }, { $set: { userId: menteeUser._id } });
  const coordinator = (await UserModel.create({ email: `${mark("coordinator").toLowerCase()}@example.test`, name: mark("coordinatorName"), role: "coordinator", language: "en", approval: "approved", passwordHash: "x", emailConfirmedAt: new Date() })).toObject();
  ({ id: storyId, slug } = await publishedStory(mentor, created.id, menteeUser as SessionUser, coordinator as SessionUser, storyTitle));
  portal = await startPortal({});
}, 240_000);
afterAll(async () => portal?.stop());

async function page(path: string) {
  const response = await fetch(`${portal.url}${path}`, { redirect: "manual" });
  return { status: response.status, text: await response.text() };
}

describe("an anonymised story about a mentee", () => {
  it("shows on every public page and in the index without anything the anonymisation removed", async () => {
    const publicPaths = ["/", "/stories", "/stories?q=bakery", "/stories?q=bakrey", `/stories?q=${encodeURIComponent(markers[0])}`, "/stories?country=HR&kind=work_trial", `/stories/${slug}`, "/stories/feed.xml", "/hr", "/si", "/dk"];
    const places: { where: string; text: string }[] = [];
    for (const path of publicPaths) {
      const { status, text } = await page(path);
      expect(status, path).toBe(200);
      // A search for a marker finds nothing; the page repeating what the visitor typed (search box, page data) is no leak.
      places.push({ where: path, text: path.includes(markers[0]) ? text.replaceAll(markers[0], "") : text });
    }
    expect(places.find((p) => p.where.includes(markers[0]))!.text).not.toContain(storyTitle);
    // The story is really there: on the home page, the list, a search with a typo, its page, the feed, its country page.
    for (const path of ["/", "/stories", "/stories?q=bakrey", `/stories/${slug}`, "/stories/feed.xml", "/hr"]) expect(places.find((p) => p.where === path)!.text, path).toContain(storyTitle);
    const story = places.find((p) => p.where === `/stories/${slug}`)!.text;
    expect(story).toContain('property="og:type" content="article"');
    expect(story).toContain(`property="og:url" content="${portal.url}/stories/${slug}"`);
    expect(story).toContain(`property="og:image" content="${portal.url}/stories/photos/`);
    const photoPath = story.match(/<img[^>]*src="(\/stories\/photos\/[a-f0-9]{32}\.jpg)"/)![1];
    const photo = await fetch(`${portal.url}${photoPath}`);
    expect(photo.status).toBe(200);
    places.push({ where: "the photo's bytes", text: Buffer.from(await photo.arrayBuffer()).toString("latin1") });
    const documents = await indexDocuments();
    expect(documents.map((d) => d.slug)).toContain(slug);
    places.push({ where: "search documents", text: JSON.stringify(documents) });

    const leaks = places.flatMap(({ where, text }) => markers.filter((m) => text.toLowerCase().includes(m.toLowerCase())).map((m) => `${m} on ${where}`));
    expect(leaks).toEqual([]);
    console.info(`stories leak test: ${markers.length} markers planted, ${places.length} places checked, none found`);
  });

  it("answers 410 once withdrawn, and leaves the feed, the list and the index", async () => {
    const { StoryModel } = await models();
    await StoryModel.updateOne({ _id: storyId }, { status: "withdrawn", withdrawnAt: new Date() });
    // At once, before the index has heard of it: the page and the list ask the database.
    const gone = await page(`/stories/${slug}`);
    expect(gone.status).toBe(410);
    const { getT } = await import("~/i18n/i18n.server.ts");
    const goneTitles = (["en", "hr", "sl", "da"] as const).map((language) => getT(language)("publicStories.goneTitle"));
    expect(goneTitles.some((title) => gone.text.includes(title)), "a localised page saying the story is no longer published").toBe(true);
    expect(gone.text).not.toContain(storyTitle);
    expect(gone.text).not.toContain("og:title");
    expect((await page("/stories?q=bakery")).text).not.toContain(storyTitle);
    expect((await page("/stories/feed.xml")).text).not.toContain(slug);
    const { enqueueStoryIndex } = await import("~/stories/search-index.server.ts");
    await enqueueStoryIndex(storyId);
    await drainOutbox();
    expect((await indexDocuments()).map((d) => d.slug)).not.toContain(slug);
    // An address that never was a story's is simply not found.
    expect((await page("/stories/no-such-story")).status).toBe(404);
    expect((await page("/xx")).status).toBe(404);
  });

  it("answers 410 for a story whose consent ran out, even before the expiry job ran", async () => {
    const { StoryModel } = await models();
    await StoryModel.updateOne({ _id: storyId }, { status: "published", $unset: { withdrawnAt: 1 }, expiresAt: new Date(Date.now() - 60_000) });
    expect((await page(`/stories/${slug}`)).status).toBe(410);
    expect((await page("/stories/feed.xml")).text).not.toContain(slug);
  });
});
