import { describe, expect, it } from "vitest";
import { UserModel } from "~/accounts/model.server.ts";
import { verifyPassword } from "~/accounts/password.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { seedDemoData, DEMO_PASSWORD } from "../../seed/demo.ts";
import { drainOutbox } from "../support/placements.ts";

describe("demo data", () => {
  it("holds every role, organisations in three countries and in several states", async () => {
    const result = await seedDemoData();
    expect(new Set((await UserModel.find().lean()).map((u) => u.role))).toEqual(new Set(["coordinator", "mentor", "employer", "mentee"]));
    const organisations = await OrganisationModel.find().lean();
    expect(new Set(organisations.map((o) => o.country))).toEqual(new Set(["HR", "SI", "DK"]));
    expect(new Set(organisations.map((o) => o.status))).toEqual(new Set(["pending", "verified"]));
    expect(new Set(organisations.map((o) => o.kind))).toEqual(new Set(["employer", "social_enterprise", "mentor_organisation"]));
    const coordinator = await UserModel.findOne({ role: "coordinator" }).lean();
    expect(await verifyPassword(DEMO_PASSWORD, coordinator!.passwordHash)).toBe(true);
    expect(result.logins.map((l) => l.email)).toContain(coordinator!.email);
  });

  it("changes nothing when run again, and keeps decisions made since", async () => {
    await seedDemoData();
    const pending = await OrganisationModel.findOne({ key: "lager-nord" });
    await OrganisationModel.updateOne({ _id: pending!._id }, { $set: { status: "verified" } });
    const before = { users: await UserModel.countDocuments(), organisations: await OrganisationModel.countDocuments() };
    await seedDemoData();
    expect({ users: await UserModel.countDocuments(), organisations: await OrganisationModel.countDocuments() }).toEqual(before);
    expect((await OrganisationModel.findById(pending!._id).lean())?.status).toBe("verified");
  });

  it("tells published stories in every country and language, one awaiting the demo mentee and one to take down, each once", async () => {
    await seedDemoData();
    await seedDemoData();
    await drainOutbox();
    const { StoryModel } = await import("~/stories/model.server.ts");
    const { ConsentModel } = await import("~/consent/model.server.ts");
    const { publicStories, readStoryQuery } = await import("~/stories/public.server.ts");
    const { storiesForMentee } = await import("~/stories/decision.server.ts");
    const { storiesForReview } = await import("~/stories/stories.server.ts");
    const { readPhoto } = await import("~/stories/photos.server.ts");
    const { storyIndex } = await import("~/stories/search-index.server.ts");

    const listed = await publicStories(readStoryQuery(new URLSearchParams()));
    expect(listed.mode).toBe("search");
    expect(new Set(listed.stories.map((s) => s.country))).toEqual(new Set(["HR", "SI", "DK"]));
    expect(listed.total).toBe(4);
    const documents = (await storyIndex().getDocuments({ limit: 100 })).results;
    expect(new Set(documents.map((d) => d.language))).toEqual(new Set(["hr", "sl", "da", "en"]));
    // Each published story carries the consent she gave for it, for the channels it is out on.
    const published = await StoryModel.find({ status: "published" }).lean();
    for (const story of published) {
      const consent = await ConsentModel.findById(story.consentId).lean();
      expect(consent).toMatchObject({ purpose: "story_publication", method: "link", storyVersion: story.version });
      expect(consent?.withdrawnAt ?? null).toBeNull();
    }
    const withPhoto = published.filter((s) => s.publishedView?.photo);
    expect(withPhoto).toHaveLength(1);
    expect((await readPhoto(withPhoto[0].publishedView!.photo!.file))?.length).toBeGreaterThan(1000);

    const mentee = await UserModel.findOne({ email: "mentee@demo.placements.test" }).lean();
    expect((await storiesForMentee(mentee!)).map((s) => s.status)).toEqual(["awaiting_mentee"]);
    const coordinator = await UserModel.findOne({ role: "coordinator" }).lean();
    const review = await storiesForReview(coordinator!);
    expect(review.takedowns.map((t) => t.channels)).toEqual([["print"]]);
    expect(await StoryModel.countDocuments()).toBe(6);
  });
});
