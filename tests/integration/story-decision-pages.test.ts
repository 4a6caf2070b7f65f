import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConsentModel } from "~/consent/model.server.ts";
import { StoryDecisionLinkModel } from "~/stories/decision-link-model.server.ts";
import { StoryModel } from "~/stories/model.server.ts";
import { INTERNALS, requestAs, seededPortal, type Fixtures } from "../support/routes.ts";

// The mentee's decision pages of a running portal: her own page (Ana, the demo mentee), the
// one-time link a mentee without an account opens, and the mentor's request for such a link.

let f: Fixtures;

beforeAll(async () => {
  f = await seededPortal();
}, 240_000);
afterAll(async () => f?.portal.stop());

const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return body;
};

async function freshStory(version = 4) {
  const story = await StoryModel.create({
    menteeId: f.ana,
    authorId: (await StoryModel.findById(f.anaStory).lean())!.authorId,
    status: "awaiting_mentee",
    version,
    language: "hr",
    title: `Priča ${Math.random().toString(36).slice(2, 8)}`,
    body: "Ana je nakon duge stanke počela raditi u pekari, najprije dva sata dnevno, a danas puno radno vrijeme.",
    placementKind: "job",
    sector: "food_production",
    country: "HR",
    town: "Varaždin",
    nameChoice: "first_name",
  });
  return String(story._id);
}

describe("the one-time link", () => {
  it("shows the story however often it is opened, decides once, and then answers with a localised page", async () => {
    const storyId = await freshStory();
    const created = await requestAs(f, "mentor", `/mentor/stories/${storyId}/decision-link`, { method: "POST", body: form({ email: "" }) });
    expect(created.status).toBe(200);
    const path = (await created.text()).match(/\/stories\/decide\/[A-Za-z0-9_-]{20,}/)![0];

    for (let i = 0; i < 2; i++) {
      const page = await requestAs(f, "anonymous", path, { headers: { "Accept-Language": "hr" } });
      expect(page.status).toBe(200);
      expect(page.headers.get("cache-control")).toContain("no-store");
      const html = await page.text();
      expect(html).toContain("Ana je nakon duge stanke");
      expect(html).toContain("Da, objavite je");
    }
    expect((await StoryModel.findById(storyId).lean())!.status).toBe("awaiting_mentee");
    expect((await StoryDecisionLinkModel.findOne({ storyId }).lean())!.usedAt).toBeUndefined();

    const approved = await requestAs(f, "anonymous", path, { method: "POST", body: form({ intent: "approve", version: "4", channels: ["portal", "social"], years: "1" }), headers: { "Accept-Language": "hr" } });
    expect(approved.status).toBe(302);
    const thanks = await requestAs(f, "anonymous", approved.headers.get("location")!, { headers: { "Accept-Language": "hr" } });
    expect(thanks.status).toBe(200);
    expect(await thanks.text()).toContain("Hvala. Vaš odgovor je spremljen.");
    const story = (await StoryModel.findById(storyId).lean())!;
    expect(story.status).toBe("approved");
    expect(await ConsentModel.findById(story.consentId).lean()).toMatchObject({ method: "link", channels: ["portal", "social"] });

    const again = await requestAs(f, "anonymous", path, { method: "POST", body: form({ intent: "decline", version: "4" }), headers: { "Accept-Language": "hr" } });
    expect(again.status).toBe(410);
    const html = await again.text();
    expect(html).toContain("Ova poveznica više ne radi");
    for (const internal of INTERNALS) expect(html).not.toMatch(internal);
    expect((await StoryModel.findById(storyId).lean())!.status).toBe("approved");
    expect((await requestAs(f, "anonymous", path)).status).toBe(410);
  });

  it("opens in the mentee's language, whatever the browser she opens it in prefers, and thanks her in it", async () => {
    const storyId = await freshStory();
    const created = await requestAs(f, "mentor", `/mentor/stories/${storyId}/decision-link`, { method: "POST", body: form({ email: "" }) });
    const link = (await created.text()).match(/\/stories\/decide\/[A-Za-z0-9_-]{20,}[^"<\s]*/)![0].replaceAll("&amp;", "&");
    const page = await requestAs(f, "anonymous", link, { headers: { "Accept-Language": "en" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Da, objavite je");
    const approved = await requestAs(f, "anonymous", link, { method: "POST", body: form({ intent: "approve", version: "4", channels: ["portal"], years: "1" }), headers: { "Accept-Language": "en" } });
    expect(approved.status).toBe(302);
    const thanks = await requestAs(f, "anonymous", approved.headers.get("location")!, { headers: { "Accept-Language": "en" } });
    expect(await thanks.text()).toContain("Hvala. Vaš odgovor je spremljen.");
  });

  it("answers a made-up link with the same localised page, never an error", async () => {
    const response = await requestAs(f, "anonymous", "/stories/decide/not-a-real-token-at-all-0123456789", { headers: { "Accept-Language": "da" } });
    expect(response.status).toBe(410);
    expect(await response.text()).toContain("Dette link virker ikke længere");
  });

  it("is given only by the mentee's lead mentor", async () => {
    const storyId = await freshStory();
    for (const who of ["otherMentor", "employer", "mentee"] as const) {
      const response = await requestAs(f, who, `/mentor/stories/${storyId}/decision-link`, { method: "POST", body: form({ email: "" }) });
      expect(response.status).toBe(403);
    }
    expect(await StoryDecisionLinkModel.countDocuments({ storyId })).toBe(0);
  });
});

describe("her mentor, for a mentee who decided", () => {
  it("gives her a one-time link to renew her consent, which renews it once without an account, and records that she took the story back", async () => {
    const storyId = await freshStory(6);
    const printed = await requestAs(f, "mentor", `/mentor/stories/${storyId}/decision-link`, { method: "POST", body: form({ email: "" }) });
    const printedPath = (await printed.text()).match(/\/stories\/decide\/[A-Za-z0-9_-]{20,}/)![0];
    const yes = await requestAs(f, "mentee", "/me/stories", { method: "POST", body: form({ storyId, intent: "approve", version: "6", channels: "portal", years: "1" }) });
    expect(yes.status).toBe(302);
    // The link printed for her decision does not turn into a renewal once she decided on her own page.
    expect((await requestAs(f, "anonymous", printedPath)).status).toBe(410);
    expect((await requestAs(f, "anonymous", printedPath, { method: "POST", body: form({ intent: "renew" }) })).status).toBe(400);
    const first = (await StoryModel.findById(storyId).lean())!;

    const editor = await (await requestAs(f, "mentor", `/mentor/stories/${storyId}`)).text();
    expect(editor).toContain(`href="/mentor/stories/${storyId}/decision-link"`);
    expect(editor).toMatch(/<button[^>]*name="intent"[^>]*value="withdraw"/);

    const created = await requestAs(f, "mentor", `/mentor/stories/${storyId}/decision-link`, { method: "POST", body: form({ email: "" }) });
    expect(created.status).toBe(200);
    const path = (await created.text()).match(/\/stories\/decide\/[A-Za-z0-9_-]{20,}/)![0];
    const page = await requestAs(f, "anonymous", path, { headers: { "Accept-Language": "hr" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<button[^>]*name="intent"[^>]*value="renew"/);
    expect((await StoryModel.findById(storyId).lean())!.consentId!.toString()).toBe(first.consentId!.toString());

    const renewed = await requestAs(f, "anonymous", path, { method: "POST", body: form({ intent: "renew" }) });
    expect(renewed.status).toBe(302);
    const after = (await StoryModel.findById(storyId).lean())!;
    expect(after.status).toBe("approved");
    expect(after.consentId!.toString()).not.toBe(first.consentId!.toString());
    expect(after.expiresAt!.getTime()).toBeGreaterThan(first.expiresAt!.getTime());
    expect(await ConsentModel.findById(after.consentId).lean()).toMatchObject({ method: "link", purpose: "story_publication", storyVersion: 6 });
    expect(await ConsentModel.findById(first.consentId).lean()).toMatchObject({ withdrawnByRole: "replaced" });
    expect((await requestAs(f, "anonymous", path, { method: "POST", body: form({ intent: "renew" }) })).status).toBe(410);

    const notHers = await requestAs(f, "otherMentor", `/mentor/stories/${storyId}`, { method: "POST", body: form({ intent: "withdraw" }) });
    expect(notHers.status).toBe(403);
    expect((await StoryModel.findById(storyId).lean())!.status).toBe("approved");
    const takenDown = await requestAs(f, "mentor", `/mentor/stories/${storyId}`, { method: "POST", body: form({ intent: "withdraw" }) });
    expect(takenDown.status).toBe(302);
    const story = (await StoryModel.findById(storyId).lean())!;
    expect(story.status).toBe("withdrawn");
    expect(await ConsentModel.findById(story.consentId).lean()).toMatchObject({ withdrawnByRole: "mentor_on_her_behalf" });
  });
});

describe("her own page", () => {
  it("shows the story awaiting her, with only the portal ticked, refuses an answer without a channel, and withdraws with one button", async () => {
    const storyId = await freshStory(5);
    const page = await requestAs(f, "mentee", "/me/stories");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Ana je nakon duge stanke");
    const box = (channel: string) => html.match(new RegExp(`<input type="checkbox" id="channel-${storyId}-${channel}"[^>]*>`))![0];
    expect(box("portal")).toContain('checked=""');
    expect(box("print")).not.toContain("checked");
    expect(box("social")).not.toContain("checked");

    const noChannel = await requestAs(f, "mentee", "/me/stories", { method: "POST", body: form({ storyId, intent: "approve", version: "5", years: "2" }) });
    expect(noChannel.status).toBe(400);
    expect((await StoryModel.findById(storyId).lean())!.status).toBe("awaiting_mentee");

    const oldVersion = await requestAs(f, "mentee", "/me/stories", { method: "POST", body: form({ storyId, intent: "approve", version: "4", channels: "portal", years: "2" }) });
    expect(oldVersion.status).toBe(400);
    expect((await StoryModel.findById(storyId).lean())!.status).toBe("awaiting_mentee");

    const yes = await requestAs(f, "mentee", "/me/stories", { method: "POST", body: form({ storyId, intent: "approve", version: "5", channels: "portal", years: "2" }) });
    expect(yes.status).toBe(302);
    expect((await StoryModel.findById(storyId).lean())!.status).toBe("approved");

    const withdrawn = await requestAs(f, "mentee", "/me/stories", { method: "POST", body: form({ storyId, intent: "withdraw" }) });
    expect(withdrawn.status).toBe(302);
    const story = (await StoryModel.findById(storyId).lean())!;
    expect(story.status).toBe("withdrawn");
    expect((await ConsentModel.findById(story.consentId).lean())!.withdrawnAt).toBeInstanceOf(Date);
  });

  it("refuses another person's story, and answers a made-up one without an error", async () => {
    const storyId = await freshStory();
    for (const storyIdSent of [storyId, "000000000000000000000000", "not-an-id"]) {
      const response = await requestAs(f, "employer", "/me/stories", { method: "POST", body: form({ storyId: storyIdSent, intent: "decline", version: "4" }) });
      expect(response.status).toBe(403);
    }
    const unknown = await requestAs(f, "mentee", "/me/stories", { method: "POST", body: form({ storyId: "not-an-id", intent: "decline", version: "4" }) });
    expect(unknown.status).toBe(404);
    expect((await StoryModel.findById(storyId).lean())!.status).toBe("awaiting_mentee");
  });
});
