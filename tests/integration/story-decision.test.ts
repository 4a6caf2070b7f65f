import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { UserModel } from "~/accounts/model.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { moveClock, resetClock } from "~/clock/test-clock.server.ts";
import { ConsentModel } from "~/consent/model.server.ts";
import { createMentee } from "~/mentees/mentees.server.ts";
import { MenteeModel } from "~/mentees/model.server.ts";
import { OutboxModel } from "~/outbox/model.server.ts";
import {
  approveStory,
  declineStory,
  decideWithLink,
  issueDecisionLink,
  storiesForMentee,
  storyForDecision,
  storyForLink,
  renewStory,
  withdrawStory,
} from "~/stories/decision.server.ts";
import { publishStory } from "~/stories/stories.server.ts";
import { StoryModel } from "~/stories/model.server.ts";
import { makeMentor, menteeInput } from "../support/mentees.ts";
import { drainOutbox, makeEmployer } from "../support/placements.ts";

const DAY = 24 * 60 * 60_000;
let mentor: SessionUser;
let otherMentor: SessionUser;
let counter = 0;

beforeAll(async () => {
  mentor = await makeMentor();
  otherMentor = await makeMentor();
});
afterEach(() => resetClock());

/** A mentee of `mentor` with an account of her own, and a story about her awaiting her decision. */
async function menteeWithStory(options: { account?: boolean; status?: string } = {}) {
  const created = await createMentee(mentor, menteeInput({ firstName: "Vesna" }));
  if (!created.ok) throw new Error("mentee");
  let user: SessionUser | undefined;
  if (options.account !== false) {
    user = (await UserModel.create({ email: `mentee-${Date.now()}-${counter++}@example.test`, name: "Vesna", role: "mentee", language: "hr", approval: "approved", passwordHash: "x", emailConfirmedAt: new Date() })).toObject();
    await MenteeModel.updateOne({ _id: created.id }, { $set: { userId: user._id } });
  }
  const story = await StoryModel.create({
    menteeId: created.id,
    authorId: mentor._id,
    status: options.status ?? "awaiting_mentee",
    version: 3,
    language: "hr",
    title: "Vesnin put <b>do</b> posla",
    body: "Vesna je nakon dugo vremena našla posao u pekari i danas radi četiri sata dnevno.",
    placementKind: "job",
    sector: "hospitality",
    country: "HR",
    town: "Varaždin",
    nameChoice: "first_name",
    placeChoice: "region",
  });
  return { menteeId: created.id, user: user!, storyId: String(story._id) };
}

const approval = { version: 3, channels: ["portal", "print"], years: 2 };

describe("the mentee's decision about a story", () => {
  it("shows her what the public would see, and freezes that view with a story consent when she approves it", async () => {
    const { user, storyId } = await menteeWithStory();
    const seen = await storyForDecision(user, storyId);
    expect(seen.view).toMatchObject({ title: "Vesnin put do posla", name: "Vesna", place: "Sjeverna Hrvatska" });

    expect(await approveStory(user, storyId, approval)).toEqual({ ok: true });
    const story = (await StoryModel.findById(storyId).lean())!;
    expect(story.status).toBe("approved");
    expect(story.approvedVersion).toBe(3);
    expect(story.approvedView).toMatchObject(seen.view);
    expect(story.channels).toEqual(["portal", "print"]);
    const consent = (await ConsentModel.findById(story.consentId).lean())!;
    expect(consent).toMatchObject({ purpose: "story_publication", storyVersion: 3, channels: ["portal", "print"], method: "own_device", textVersion: `story-${storyId}-v3`, language: "hr" });
    expect(consent.text).toContain("Vesnin put do posla");
    expect(consent.text).toContain("Pristajem");
    expect(consent.expiresAt!.getTime() - consent.givenAt.getTime()).toBeGreaterThan(729 * DAY);
    expect(String(consent.expiresAt)).toBe(String(story.expiresAt));
    // A second approval of the same version records nothing more.
    expect((await approveStory(user, storyId, approval)).ok).toBe(false);
    expect(await ConsentModel.countDocuments({ storyId })).toBe(1);
  });

  it("refuses an approval of a version she did not see, and one without a channel or with an odd duration", async () => {
    const { user, storyId } = await menteeWithStory();
    expect(await approveStory(user, storyId, { ...approval, version: 2 })).toEqual({ ok: false, fieldErrors: { form: "storyDecision.errors.versionChanged" } });
    expect(await approveStory(user, storyId, { ...approval, channels: [] })).toMatchObject({ ok: false, fieldErrors: { channels: "storyDecision.errors.channelRequired" } });
    expect(await approveStory(user, storyId, { ...approval, channels: ["billboard"] })).toMatchObject({ ok: false, fieldErrors: { channels: "storyDecision.errors.channelRequired" } });
    expect(await approveStory(user, storyId, { ...approval, years: 5 })).toMatchObject({ ok: false, fieldErrors: { years: "storyDecision.errors.yearsInvalid" } });
    expect((await StoryModel.findById(storyId).lean())!.status).toBe("awaiting_mentee");
    expect(await ConsentModel.countDocuments({ storyId })).toBe(0);
  });

  it("records her no, with no consent", async () => {
    const { user, storyId } = await menteeWithStory();
    expect(await declineStory(user, storyId, { version: 3 })).toEqual({ ok: true });
    expect((await StoryModel.findById(storyId).lean())!.status).toBe("declined");
    expect(await ConsentModel.countDocuments({ storyId })).toBe(0);
    expect(await storiesForMentee(user)).toEqual([]);
  });

  it("refuses another mentee, her mentor's colleague and an employer", async () => {
    const { storyId } = await menteeWithStory();
    const other = await menteeWithStory();
    const employer = await makeEmployer();
    await expect(storyForDecision(other.user, storyId)).rejects.toMatchObject({ status: 403 });
    await expect(approveStory(other.user, storyId, approval)).rejects.toMatchObject({ status: 403 });
    await expect(approveStory(mentor, storyId, approval)).rejects.toMatchObject({ status: 403 });
    await expect(declineStory(employer, storyId, { version: 3 })).rejects.toMatchObject({ status: 403 });
    await expect(withdrawStory(otherMentor, storyId)).rejects.toMatchObject({ status: 403 });
    await expect(issueDecisionLink(otherMentor, storyId, "")).rejects.toMatchObject({ status: 403 });
    expect((await StoryModel.findById(storyId).lean())!.status).toBe("awaiting_mentee");
  });

  it("withdraws a published story at once: status, her consent, and the search index told", async () => {
    const { user, storyId } = await menteeWithStory();
    await approveStory(user, storyId, approval);
    const approved = (await StoryModel.findById(storyId).lean())!;
    await StoryModel.updateOne({ _id: storyId }, { $set: { status: "published", publishedView: approved.approvedView, slug: `vesna-${storyId}`, publishedAt: new Date() } });
    expect((await storiesForMentee(user)).map((s) => s.withdrawable)).toEqual([true]);

    // Her mentor edits it (back to draft): the published version stays public, and she can still take it back.
    await StoryModel.updateOne({ _id: storyId }, { $set: { status: "draft" }, $inc: { version: 1 } });
    expect((await storiesForMentee(user)).map((s) => [s.status, s.withdrawable])).toEqual([["draft", true]]);

    expect(await withdrawStory(user, storyId)).toEqual({ ok: true });
    const story = (await StoryModel.findById(storyId).lean())!;
    expect(story.status).toBe("withdrawn");
    expect(story.withdrawnAt).toBeInstanceOf(Date);
    expect(await storiesForMentee(user)).toEqual([]);
    const consent = (await ConsentModel.findById(story.consentId).lean())!;
    expect(consent.withdrawnAt).toBeInstanceOf(Date);
    expect(consent.withdrawnByRole).toBe("mentee");
    expect(await OutboxModel.countDocuments({ kind: "story-index", "payload.storyId": storyId })).toBe(1);
    // Her consent's expiry and reminder are no longer waiting.
    expect(await OutboxModel.countDocuments({ kind: { $in: ["story-expiry", "story-expiry-reminder"] }, "payload.storyId": storyId, status: "pending" })).toBe(0);
    expect((await withdrawStory(user, storyId)).ok).toBe(false);
  });

  it("lets her lead mentor record that she took it back", async () => {
    const { user, storyId } = await menteeWithStory();
    await approveStory(user, storyId, approval);
    expect(await withdrawStory(mentor, storyId)).toEqual({ ok: true });
    const story = (await StoryModel.findById(storyId).lean())!;
    expect(story.status).toBe("withdrawn");
    expect((await ConsentModel.findById(story.consentId).lean())!.withdrawnByRole).toBe("mentor_on_her_behalf");
  });

  it("reminds her and the coordinators a month before her consent runs out, and takes the story down when it does", async () => {
    const { user, storyId } = await menteeWithStory();
    const coordinator = await UserModel.create({ email: `coord-${Date.now()}@example.test`, name: "Koordinatorica", role: "coordinator", language: "sl", approval: "approved", passwordHash: "x", emailConfirmedAt: new Date() });
    await approveStory(user, storyId, { ...approval, years: 1 });
    const approved = (await StoryModel.findById(storyId).lean())!;
    await StoryModel.updateOne({ _id: storyId }, { $set: { status: "published", publishedView: approved.approvedView, slug: `vesna-${storyId}` } });

    moveClock(340 * DAY);
    await drainOutbox();
    expect((await StoryModel.findById(storyId).lean())!.status).toBe("published");
    const reminders = await OutboxModel.find({ kind: "email", "payload.template": "storyExpiryReminder", "payload.params.title": "Vesnin put do posla" }).lean();
    expect(reminders.map((r) => (r.payload as { to: string }).to).sort()).toEqual([coordinator.email, user.email].sort());
    expect(reminders.find((r) => (r.payload as { to: string }).to === coordinator.email)!.payload).toMatchObject({ language: "sl" });
    const linkOf = (to: string) => new URL((reminders.find((r) => (r.payload as { to: string }).to === to)!.payload as { params: { link: string } }).params.link).pathname;
    expect(linkOf(coordinator.email)).toBe("/coordinator/stories");
    expect(linkOf(user.email)).toBe("/me/stories");

    moveClock(30 * DAY);
    await drainOutbox();
    const story = (await StoryModel.findById(storyId).lean())!;
    expect(story.status).toBe("expired");
    expect(await OutboxModel.countDocuments({ kind: "story-index", "payload.storyId": storyId })).toBe(1);
  });

  it("lets her renew in the last months: the story stays published for two more years, and the old date passes without taking it down", async () => {
    const { user, storyId } = await menteeWithStory();
    await approveStory(user, storyId, { ...approval, years: 1 });
    const coordinator = { ...(await UserModel.create({ email: `coord-r-${Date.now()}@example.test`, name: "K", role: "coordinator", language: "en", approval: "approved", passwordHash: "x", emailConfirmedAt: new Date() })).toObject() } as SessionUser;
    expect(await publishStory(coordinator, storyId)).toMatchObject({ ok: true });
    const first = (await StoryModel.findById(storyId).lean())!;
    expect((await storiesForMentee(user)).find((s) => s.id === storyId)).toMatchObject({ renewable: false });

    moveClock(300 * DAY);
    expect((await storiesForMentee(user)).find((s) => s.id === storyId)).toMatchObject({ renewable: true });
    expect(await renewStory(user, storyId)).toEqual({ ok: true });
    const renewed = (await StoryModel.findById(storyId).lean())!;
    expect(renewed.status).toBe("published");
    expect(String(renewed.consentId)).not.toBe(String(first.consentId));
    expect(String(renewed.publishedConsentId)).toBe(String(renewed.consentId));
    expect(renewed.expiresAt!.getTime()).toBeGreaterThan(first.expiresAt!.getTime() + 300 * DAY);
    expect(await ConsentModel.findById(first.consentId).lean()).toMatchObject({ withdrawnByRole: "replaced" });
    const renewal = (await ConsentModel.findById(renewed.consentId).lean())!;
    expect(renewal).toMatchObject({ purpose: "story_publication", storyVersion: 3, channels: ["portal", "print"] });
    expect(renewal.withdrawnAt ?? null).toBeNull();

    moveClock(70 * DAY);
    await drainOutbox();
    expect((await StoryModel.findById(storyId).lean())!.status).toBe("published");
    moveClock(2 * 365 * DAY);
    await drainOutbox();
    expect((await StoryModel.findById(storyId).lean())!.status).toBe("expired");
  });

  it("keeps the published version's consent in force while her approval of a newer version waits for the coordinator", async () => {
    const { user, storyId } = await menteeWithStory();
    await approveStory(user, storyId, approval);
    const coordinator = { ...(await UserModel.create({ email: `coord-p-${Date.now()}@example.test`, name: "K", role: "coordinator", language: "en", approval: "approved", passwordHash: "x", emailConfirmedAt: new Date() })).toObject() } as SessionUser;
    expect(await publishStory(coordinator, storyId)).toMatchObject({ ok: true });
    const first = (await StoryModel.findById(storyId).lean())!;
    // The mentor edits it (version 4) and asks her again; she approves the new version.
    await StoryModel.updateOne({ _id: storyId }, { $set: { status: "awaiting_mentee", version: 4, body: "Vesna danas radi puno radno vrijeme u pekari." } });
    expect(await approveStory(user, storyId, { ...approval, version: 4 })).toEqual({ ok: true });
    const approved = (await StoryModel.findById(storyId).lean())!;
    expect((await ConsentModel.findById(first.consentId).lean())!.withdrawnAt ?? null).toBeNull();
    expect(String(approved.publishedConsentId)).toBe(String(first.consentId));
    expect(approved.publishedView!.body).toBe(first.publishedView!.body);

    expect(await publishStory(coordinator, storyId)).toMatchObject({ ok: true });
    const published = (await StoryModel.findById(storyId).lean())!;
    expect(published.publishedView!.body).toContain("puno radno vrijeme");
    expect(String(published.publishedConsentId)).toBe(String(approved.consentId));
    expect(await ConsentModel.findById(first.consentId).lean()).toMatchObject({ withdrawnByRole: "replaced" });
  });

  it("a one-time link shows the story as often as it is opened and decides once", async () => {
    const { storyId, menteeId } = await menteeWithStory({ account: false });
    const issued = await issueDecisionLink(mentor, storyId, "vesna.link@example.test");
    if (!issued.ok) throw new Error("link");
    const token = new URL(issued.link).pathname.split("/").pop()!;
    expect(await OutboxModel.countDocuments({ kind: "email", "payload.to": "vesna.link@example.test", "payload.template": "storyDecisionLink" })).toBe(1);

    for (let i = 0; i < 2; i++) expect((await storyForLink(token))?.view.name).toBe("Vesna");
    expect((await StoryModel.findById(storyId).lean())!.status).toBe("awaiting_mentee");

    // A form that cannot succeed leaves the link usable.
    expect(await decideWithLink(token, { answer: "approve", input: { ...approval, channels: [] } })).toMatchObject({ ok: false });
    expect(await decideWithLink(token, { answer: "approve", input: approval })).toEqual({ ok: true });
    const story = (await StoryModel.findById(storyId).lean())!;
    expect(story.status).toBe("approved");
    expect(await ConsentModel.findById(story.consentId).lean()).toMatchObject({ method: "link", menteeId: expect.anything() });
    expect(String((await ConsentModel.findById(story.consentId).lean())!.menteeId)).toBe(menteeId);

    expect(await decideWithLink(token, { answer: "decline", version: 3 })).toBeNull();
    expect(await storyForLink(token)).toBeNull();
    expect(await storyForLink("not-a-real-token-at-all-0123456789")).toBeNull();
  });

  it("reminds the lead mentor of a mentee without an account, with a link to give her one to renew, and never sends her to a page she cannot open", async () => {
    const { storyId } = await menteeWithStory({ account: false });
    await MenteeModel.updateOne({ _id: (await StoryModel.findById(storyId).lean())!.menteeId }, { $set: { email: `vesna-noacc-${Date.now()}@example.test` } });
    const issued = await issueDecisionLink(mentor, storyId, "");
    if (!issued.ok) throw new Error("link");
    expect(await decideWithLink(new URL(issued.link).pathname.split("/").pop()!, { answer: "approve", input: { ...approval, years: 1 } })).toEqual({ ok: true });
    const approved = (await StoryModel.findById(storyId).lean())!;

    moveClock(340 * DAY);
    await drainOutbox();
    const reminders = await OutboxModel.find({ kind: "email", "payload.template": "storyExpiryReminder", "payload.params.title": "Vesnin put do posla", key: { $regex: String(approved.consentId) } }).lean();
    const byReader = Object.fromEntries(reminders.map((r) => { const p = r.payload as { to: string; params: { reader: string; link?: string } }; return [p.params.reader, p]; }));
    expect(byReader.menteeWithoutAccount.params.link).toBeUndefined();
    expect(byReader.mentor.to).toBe(mentor.email);
    expect(new URL(byReader.mentor.params.link!).pathname).toBe(`/mentor/stories/${storyId}/decision-link`);
    expect(byReader.mentee).toBeUndefined();

    const renewal = await issueDecisionLink(mentor, storyId, "");
    if (!renewal.ok) throw new Error("renewal link");
    const token = new URL(renewal.link).pathname.split("/").pop()!;
    expect(await storyForLink(token)).toMatchObject({ linkFor: "renewal" });
    expect(await decideWithLink(token, { answer: "renew" })).toEqual({ ok: true });
    const renewed = (await StoryModel.findById(storyId).lean())!;
    expect(renewed.expiresAt!.getTime()).toBeGreaterThan(approved.expiresAt!.getTime());
    expect(await decideWithLink(token, { answer: "renew" })).toBeNull();
  });

  it("a newer one-time link for the same story makes the older one stop working", async () => {
    const { storyId } = await menteeWithStory({ account: false });
    const older = await issueDecisionLink(mentor, storyId, "");
    const newer = await issueDecisionLink(mentor, storyId, "");
    if (!older.ok || !newer.ok) throw new Error("link");
    const tokenOf = (link: string) => new URL(link).pathname.split("/").pop()!;
    expect(await storyForLink(tokenOf(older.link))).toBeNull();
    expect(await decideWithLink(tokenOf(older.link), { answer: "approve", input: approval })).toBeNull();
    expect((await storyForLink(tokenOf(newer.link)))?.status).toBe("awaiting_mentee");
  });

  it("a one-time link no longer works once it is two weeks old", async () => {
    const { storyId } = await menteeWithStory({ account: false });
    const issued = await issueDecisionLink(mentor, storyId, "");
    if (!issued.ok) throw new Error("link");
    const token = new URL(issued.link).pathname.split("/").pop()!;
    moveClock(15 * DAY);
    expect(await storyForLink(token)).toBeNull();
    expect(await decideWithLink(token, { answer: "approve", input: approval })).toBeNull();
    expect((await StoryModel.findById(storyId).lean())!.status).toBe("awaiting_mentee");
  });
});

describe("introduction consents beside story consents", () => {
  it("an introduction consent without story fields is still valid, and a story consent refuses introduction fields", async () => {
    const intro = new ConsentModel({ menteeId: mentor._id, purpose: "introduction", introductionId: mentor._id, organisationId: mentor._id, placementId: mentor._id, fields: ["firstName"], text: "x", textVersion: "v", language: "hr", givenAt: new Date(), method: "with_mentor", recordedBy: mentor._id });
    await expect(intro.validate()).resolves.toBeUndefined();
    const story = new ConsentModel({ menteeId: mentor._id, purpose: "story_publication", introductionId: mentor._id, text: "x", textVersion: "v", language: "hr", givenAt: new Date(), method: "link", recordedBy: mentor._id });
    await expect(story.validate()).rejects.toThrow(/introductionId|storyId|channels/);
  });
});
