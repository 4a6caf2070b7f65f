import { afterAll, beforeAll, describe, expect, it } from "vitest";
import en from "~/locales/en.json" with { type: "json" };
import hr from "~/locales/hr.json" with { type: "json" };
import { changedCollections, databaseDigest, INTERNALS, requestAs, seededPortal, type Fixtures, type Person } from "../support/routes.ts";
import { anaStoryFields } from "../support/stories.ts";

// Every form of the success stories, sent wrong: each answers on its own page with a message in the
// reader's language (Ivana, Ana and the employer read Croatian, the coordinator English), and
// nothing is stored.

let f: Fixtures;

beforeAll(async () => {
  f = await seededPortal();
}, 240_000);
afterAll(async () => f?.portal.stop());

const storyFields = { ...anaStoryFields, title: "" };

function multipart(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  data.set("photo", new File([], "", { type: "application/octet-stream" }));
  return data;
}

function urlencoded(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return body;
}

/** Sends the form and checks the answer: 400, the page with `message`, nothing written but the audit of who looked. */
async function expectRefused(who: Person, path: string, body: FormData | URLSearchParams, message: string, headers: Record<string, string> = {}) {
  const before = await databaseDigest();
  const response = await requestAs(f, who, path, { method: "POST", body, headers });
  const html = await response.text();
  expect(response.status).toBe(400);
  expect(html).toContain(message);
  for (const internal of INTERNALS) expect(html).not.toMatch(internal);
  expect(changedCollections(before, await databaseDigest()).filter((name) => name !== "auditentries")).toEqual([]);
  return html;
}

describe("the editor", () => {
  it("answers a new story without a title with the error on its field, and stores no story", async () => {
    const html = await expectRefused("mentor", `/mentor/stories/new?mentee=${f.ana}`, multipart(storyFields), hr.errors.required);
    expect(html).toMatch(/id="title-error"[^>]*>[^<]*Molimo ispunite ovo polje/);
  });

  it("answers an edit with an unknown sector with the error on its field, and keeps the story as it was", async () => {
    const html = await expectRefused("mentor", `/mentor/stories/${f.story}`, multipart({ ...storyFields, title: "Ana opet peče", sector: "space_travel" }), hr.errors.choice);
    expect(html).toContain('id="sector-error"');
    // What she typed is still in the form.
    expect(html).toContain('value="Ana opet peče"');
  });
});

describe("the mentee's decision", () => {
  it("refuses a link request with an odd e-mail address, and gives no link", async () => {
    const html = await expectRefused("mentor", `/mentor/stories/${f.anaStory}/decision-link`, urlencoded({ email: "not an address" }), hr.storyDecision.errors.emailInvalid);
    expect(html).toContain('id="email-error"');
    expect(html).not.toContain("/stories/decide/");
  });

  it("refuses her answer on her page without a place to appear, and the story still waits for her", async () => {
    await expectRefused("mentee", "/me/stories", urlencoded({ storyId: f.anaStory, intent: "approve", version: "7", years: "2" }), hr.storyDecision.errors.channelRequired);
  });

  it("refuses an answer through the link without a place to appear, and the link still works", async () => {
    await expectRefused("anonymous", f.storyDecisionLink, urlencoded({ intent: "approve", version: "7", years: "2" }), hr.storyDecision.errors.channelRequired, { "Accept-Language": "hr" });
    expect((await requestAs(f, "anonymous", f.storyDecisionLink)).status).toBe(200);
  });
});

describe("the coordinator and the employer", () => {
  it("answers a publish or takedown button with a made-up story or intent with a message on the page, and changes nothing", async () => {
    for (const fields of [
      { storyId: "not-an-id", intent: "publish" },
      { storyId: f.story, intent: "launch" },
      { storyId: "", intent: "takedownDone" },
    ]) {
      await expectRefused("coordinator", "/coordinator/stories", urlencoded(fields), en.errors.invalid);
    }
  });

  it("answers the employer's decision with an odd value with a message on the page, and its approval stays pending", async () => {
    await expectRefused("employer", "/employer/stories", urlencoded({ storyId: f.story, decision: "maybe" }), hr.errors.invalid);
    const { StoryModel } = await import("~/stories/model.server.ts");
    expect((await StoryModel.findById(f.story).lean())!.employerApproval).toBe("pending");
  });
});
