import { randomBytes } from "node:crypto";
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

/** A story written as the editor would, with none of the markers, approved and published as the coordinator would. */
async function publishedStory(mentee: { _id: unknown; firstName: string; mentorId: unknown }, organisation: { _id: unknown; name: string }, title: string, slugOf: string) {
  const { StoryModel } = await models();
  const { publicViewOf } = await import("~/stories/public-story.ts");
  const { regionOf } = await import("~/stories/regions.ts");
  const { findTown } = await import("~/placements/gazetteer.server.ts");
  const town = findTown("Varaždin", "HR")!;
  const draft = {
    title,
    body: "I had not worked for four years. My mentor and I found a bakery that starts slowly.\n\nNow I bake bread three mornings a week and the team counts on me.",
    language: "en",
    placementKind: "work_trial",
    sector: "hospitality",
    country: "HR",
    town: "Varaždin",
    nameChoice: "omitted" as const,
    changedName: "",
    placeChoice: "region" as const,
    quote: "She is the first one in every morning.",
    showEmployer: false,
    photo: null,
  };
  const view = publicViewOf(draft, { firstName: mentee.firstName, region: regionOf("HR", town.lat, town.lng), employerName: organisation.name });
  const story = await StoryModel.create({
    ...draft,
    photo: undefined,
    menteeId: mentee._id,
    authorId: mentee.mentorId,
    organisationId: organisation._id,
    status: "published",
    approvedView: view,
    approvedVersion: 1,
    channels: ["portal"],
    expiresAt: new Date(Date.now() + 365 * 86_400_000),
    publishedView: view,
    slug: slugOf,
    publishedAt: new Date(),
  });
  const { enqueueStoryIndex } = await import("~/stories/search-index.server.ts");
  await enqueueStoryIndex(story._id);
  await drainOutbox();
  return String(story._id);
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
  const mentee = (await MenteeModel.findById(created.id).lean())!;
  slug = `back-in-the-bakery-${randomBytes(3).toString("hex")}`;
  storyId = await publishedStory(mentee, organisation, storyTitle, slug);
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
    expect(story).not.toContain("og:image");
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
