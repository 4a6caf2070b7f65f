import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestAs, seededPortal, type Fixtures, type Person } from "../support/routes.ts";
import { anaStoryFields } from "../support/stories.ts";

// The editor's side of a success story, through the pages as each person uses them: who may draft
// and edit, what the preview shows, sending it for her decision, the employer's part, publishing
// (and when it is refused), an edit after approval, the takedown list, and the photo.

let f: Fixtures;
const story = { id: "" };

beforeAll(async () => {
  f = await seededPortal();
}, 180_000);
afterAll(async () => f?.portal.stop());

const baseFields = anaStoryFields;

function form(fields: Record<string, string>, photo?: { bytes: Uint8Array; type: string; name: string }): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  data.set("photo", photo ? new File([new Uint8Array(photo.bytes)], photo.name, { type: photo.type }) : new File([], "", { type: "application/octet-stream" }));
  return data;
}

async function post(who: Person, path: string, body: FormData | URLSearchParams) {
  return requestAs(f, who, path, { method: "POST", body });
}

async function storyDoc(id = story.id) {
  const { StoryModel } = await import("~/stories/model.server.ts");
  return (await StoryModel.findById(id).lean())!;
}

async function pekaraId() {
  const { OrganisationModel } = await import("~/organisations/model.server.ts");
  return String((await OrganisationModel.findOne({ key: "pekara-zrno" }).lean())!._id);
}

/** What B's decision does, done here by hand: she approves this exact version for the portal and print. */
async function approveAsMentee(id = story.id) {
  const { StoryModel } = await import("~/stories/model.server.ts");
  const { previewOf } = await import("~/stories/stories.server.ts");
  const current = await storyDoc(id);
  const view = await previewOf(current as never);
  await StoryModel.updateOne({ _id: id }, { $set: { status: "approved", approvedView: view, approvedVersion: current.version, channels: ["portal", "print"] } });
}

describe("drafting a story", () => {
  it("offers the form to the lead mentor with her town and country, and refuses another mentor, the employer and the mentee", async () => {
    const page = await requestAs(f, "mentor", `/mentor/stories/new?mentee=${f.ana}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="Varaždin"');
    for (const who of ["otherMentor", "employer", "mentee"] as const) expect((await requestAs(f, who, `/mentor/stories/new?mentee=${f.ana}`)).status, who).toBe(403);
  });

  it("refuses another mentor's form and stores nothing", async () => {
    const { StoryModel } = await import("~/stories/model.server.ts");
    const before = await StoryModel.countDocuments();
    const response = await post("otherMentor", `/mentor/stories/new?mentee=${f.ana}`, form(baseFields));
    expect(response.status).toBe(403);
    expect(await StoryModel.countDocuments()).toBe(before);
  });

  it("answers a story without a title, and a changed name left empty, with errors on the form", async () => {
    const response = await post("mentor", `/mentor/stories/new?mentee=${f.ana}`, form({ ...baseFields, title: "", nameChoice: "changed" }));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('id="title-error"');
    expect(html).toContain('id="changedName-error"');
  });

  it("saves a draft by the lead mentor and shows what the public would see: region, no surname, the employer it names", async () => {
    const response = await post("mentor", `/mentor/stories/new?mentee=${f.ana}`, form({ ...baseFields, quote: "Točna je i vesela.", organisationId: await pekaraId(), showEmployer: "yes" }));
    expect(response.status).toBe(302);
    story.id = response.headers.get("location")!.match(/\/mentor\/stories\/([a-f0-9]{24})/)![1];
    const saved = await storyDoc();
    expect(saved).toMatchObject({ status: "draft", version: 1, nameChoice: "omitted", placeChoice: "region", showEmployer: true, employerApproval: "pending" });
    const page = await (await requestAs(f, "mentor", `/mentor/stories/${story.id}`)).text();
    const preview = page.slice(page.indexOf('id="preview-heading"'), page.indexOf('id="edit-heading"'));
    expect(preview).toContain("Sjeverna Hrvatska");
    expect(preview).not.toContain("Varaždin");
    expect(preview).not.toContain("Marić");
    expect(preview).not.toContain("Ana</");
    // The name she will be asked to approve; published only once the employer approves too.
    expect(preview).toContain("Pekara Zrno");
    const { AuditEntryModel } = await import("~/mentees/model.server.ts");
    expect(await AuditEntryModel.countDocuments({ menteeId: f.ana, part: "story" })).toBeGreaterThan(0);
  });

  it("lists the story for the lead mentor and the coordinator, not for another mentor", async () => {
    expect(await (await requestAs(f, "mentor", "/mentor/stories")).text()).toContain("Povratak u pekaru");
    expect(await (await requestAs(f, "coordinator", "/coordinator/stories")).text()).toContain("Povratak u pekaru");
    expect(await (await requestAs(f, "otherMentor", "/mentor/stories")).text()).not.toContain("Povratak u pekaru");
  });

  it("sends the draft for her decision only at the lead mentor's request", async () => {
    expect((await post("otherMentor", `/mentor/stories/${story.id}`, new URLSearchParams({ intent: "submit" }))).status).toBe(403);
    expect((await storyDoc()).status).toBe("draft");
    const response = await post("mentor", `/mentor/stories/${story.id}`, new URLSearchParams({ intent: "submit" }));
    expect(response.status).toBe(302);
    expect((await storyDoc()).status).toBe("awaiting_mentee");
  });
});

describe("words that undo the anonymisation", () => {
  it("are named above the preview, and keep the story from her decision until they are taken out or the choices allow them", async () => {
    const drafted = await post("mentor", `/mentor/stories/new?mentee=${f.ana}`, form({ ...baseFields, title: "Anin novi početak", body: "Gospođa Marić iz Varaždina opet radi, najprije dva sata dnevno, a danas puno radno vrijeme." }));
    expect(drafted.status).toBe(302);
    const id = drafted.headers.get("location")!.match(/\/mentor\/stories\/([a-f0-9]{24})/)![1];
    const editor = await (await requestAs(f, "mentor", `/mentor/stories/${id}`)).text();
    const warning = editor.match(/<div class="alert" role="alert"><p>([^<]*)<\/p>/)![1];
    for (const word of ["Marić", "Ana", "Varaždin"]) expect(warning).toContain(word);

    const refused = await post("mentor", `/mentor/stories/${id}`, new URLSearchParams({ intent: "submit" }));
    expect(refused.status).toBe(400);
    const { getT } = await import("~/i18n/i18n.server.ts");
    expect(await refused.text()).toContain(getT("hr")("stories.identifyingWords"));
    expect((await storyDoc(id)).status).toBe("draft");

    // Her first name and her town, as she chose; no surname.
    const fixed = await post("mentor", `/mentor/stories/${id}`, form({ ...baseFields, title: "Anin novi početak", body: "Ana iz Varaždina opet radi, najprije dva sata dnevno, a danas puno radno vrijeme.", nameChoice: "first_name", placeChoice: "town" }));
    expect(fixed.status).toBe(302);
    expect(await (await requestAs(f, "mentor", `/mentor/stories/${id}`)).text()).not.toContain('<div class="alert" role="alert">');
    expect((await post("mentor", `/mentor/stories/${id}`, new URLSearchParams({ intent: "submit" }))).status).toBe(302);
    expect((await storyDoc(id)).status).toBe("awaiting_mentee");
  });
});

describe("publishing", () => {
  it("refuses to publish a story the mentee has not approved", async () => {
    const response = await post("coordinator", "/coordinator/stories", new URLSearchParams({ storyId: story.id, intent: "publish" }));
    expect(response.status).toBe(400);
    const saved = await storyDoc();
    expect(saved.status).toBe("awaiting_mentee");
    expect(saved.publishedView).toBeUndefined();
  });

  it("refuses to publish an approved story that names an employer who has not approved", async () => {
    await approveAsMentee();
    const response = await post("coordinator", "/coordinator/stories", new URLSearchParams({ storyId: story.id, intent: "publish" }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("has not approved its part");
    expect((await storyDoc()).status).toBe("approved");
  });

  it("shows the story to the named employer only, who approves its part", async () => {
    expect(await (await requestAs(f, "otherEmployer", "/employer/stories")).text()).not.toContain("Povratak u pekaru");
    expect((await post("otherEmployer", "/employer/stories", new URLSearchParams({ storyId: story.id, decision: "approved" }))).status).toBe(404);
    expect((await storyDoc()).employerApproval).toBe("pending");
    const page = await (await requestAs(f, "employer", "/employer/stories")).text();
    expect(page).toContain("Točna je i vesela.");
    const response = await post("employer", "/employer/stories", new URLSearchParams({ storyId: story.id, decision: "approved" }));
    expect(response.status).toBe(302);
    expect((await storyDoc()).employerApproval).toBe("approved");
  });

  it("publishes the approved version with a readable slug and queues its search document", async () => {
    expect((await post("mentor", "/coordinator/stories", new URLSearchParams({ storyId: story.id, intent: "publish" }))).status).toBe(403);
    const response = await post("coordinator", "/coordinator/stories", new URLSearchParams({ storyId: story.id, intent: "publish" }));
    expect(response.status).toBe(302);
    const published = await storyDoc();
    expect(published.status).toBe("published");
    expect(published.slug).toBe(`povratak-u-pekaru-${story.id.slice(-6)}`);
    expect(published.publishedView).toEqual(published.approvedView);
    // She approved before the employer did: the employer she saw named is named on the public page.
    expect(await (await requestAs(f, "anonymous", `/stories/${published.slug}`)).text()).toContain("Pekara Zrno");
    expect(published.publishedAt).toBeInstanceOf(Date);
    const { OutboxModel } = await import("~/outbox/model.server.ts");
    expect(await OutboxModel.countDocuments({ kind: "story-index", "payload.storyId": story.id })).toBe(1);
  });

  it("stops naming an employer that takes back its approval after publication, and drops its quote", async () => {
    const { slug } = await storyDoc();
    const response = await post("employer", "/employer/stories", new URLSearchParams({ storyId: story.id, decision: "declined" }));
    expect(response.status).toBe(302);
    const page = await (await requestAs(f, "anonymous", `/stories/${slug}`)).text();
    expect(page).toContain("Povratak u pekaru");
    expect(page).not.toContain("Točna je i vesela.");
    expect(page).not.toContain("Pekara Zrno");
    const { OutboxModel } = await import("~/outbox/model.server.ts");
    expect(await OutboxModel.countDocuments({ kind: "story-index", "payload.storyId": story.id })).toBe(2);
  });

  it("takes an edit after approval back to draft, one version on, and keeps what the public sees", async () => {
    const before = await storyDoc();
    const response = await post("mentor", `/mentor/stories/${story.id}`, form({ ...baseFields, quote: "Točna je, vesela i pouzdana.", organisationId: await pekaraId(), showEmployer: "yes", intent: "save" }));
    expect(response.status).toBe(302);
    const edited = await storyDoc();
    expect(edited.status).toBe("draft");
    expect(edited.version).toBe(before.version + 1);
    expect(edited.publishedView).toEqual(before.publishedView);
    expect(edited.slug).toBe(before.slug);
    // The quote changed: the employer must approve again.
    expect(edited.employerApproval).toBe("pending");
    const page = await (await requestAs(f, "mentor", `/mentor/stories/${story.id}`)).text();
    // The lead mentor reads Croatian.
    expect(page).toContain("ostaje javna dok ova ne bude odobrena i objavljena");
  });

  it("refuses to publish the new version until she approves it", async () => {
    const response = await post("coordinator", "/coordinator/stories", new URLSearchParams({ storyId: story.id, intent: "publish" }));
    expect(response.status).toBe(400);
    expect((await storyDoc()).status).toBe("draft");
  });
});

describe("the takedown list", () => {
  it("lists a withdrawn story that was used in print until the coordinator marks it done", async () => {
    const { StoryModel } = await import("~/stories/model.server.ts");
    await StoryModel.updateOne({ _id: story.id }, { $set: { status: "withdrawn", withdrawnAt: new Date() } });
    const page = await (await requestAs(f, "coordinator", "/coordinator/stories")).text();
    const takedowns = page.slice(page.indexOf('id="takedowns-heading"'), page.indexOf("</section>", page.indexOf('id="takedowns-heading"')));
    expect(takedowns).toContain("Povratak u pekaru");
    expect(takedowns).toContain("printed material");
    const response = await post("coordinator", "/coordinator/stories", new URLSearchParams({ storyId: story.id, intent: "takedownDone" }));
    expect(response.status).toBe(302);
    expect((await storyDoc()).takedownDoneAt).toBeInstanceOf(Date);
    const after = await (await requestAs(f, "coordinator", "/coordinator/stories")).text();
    expect(after.slice(after.indexOf('id="takedowns-heading"'), after.indexOf("</section>", after.indexOf('id="takedowns-heading"')))).not.toContain("Povratak u pekaru");
  });

  it("no longer lets anyone edit a withdrawn story", async () => {
    const response = await post("mentor", `/mentor/stories/${story.id}`, form({ ...baseFields, intent: "save" }));
    expect(response.status).toBe(400);
    expect((await storyDoc()).status).toBe("withdrawn");
  });
});

describe("a story's photo", () => {
  const photoStory = { id: "", file: "" };

  it("re-encodes an uploaded JPEG: its GPS position and camera are gone, at most 1200 px wide", async () => {
    const withGps = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: { r: 200, g: 120, b: 40 } } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Make: "MarkerCam", Model: "GPS-Leak-9000" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "46/1 18/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "16/1 20/1 0/1" } } })
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    expect(withGps.includes("GPS-Leak-9000")).toBe(true);
    const response = await post("mentor", `/mentor/stories/new?mentee=${f.ana}`, form({ ...baseFields, title: "Ana i njezina fotografija" }, { bytes: withGps, type: "image/jpeg", name: "ana.jpg" }));
    expect(response.status).toBe(302);
    photoStory.id = response.headers.get("location")!.match(/\/mentor\/stories\/([a-f0-9]{24})/)![1];
    const saved = await storyDoc(photoStory.id);
    expect(saved.photo).toMatchObject({ width: 1200, height: 600 });
    photoStory.file = saved.photo!.file;
    const served = await requestAs(f, "mentor", `/stories/photos/${photoStory.file}`);
    expect(served.status).toBe(200);
    const bytes = new Uint8Array(await served.arrayBuffer());
    const metadata = await sharp(bytes).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata.width).toBe(1200);
    expect(Buffer.from(bytes).includes("GPS-Leak-9000")).toBe(false);
    expect(Buffer.from(bytes).includes("MarkerCam")).toBe(false);
  });

  it("serves an unpublished story's photo to its editors only, and to everyone once published", async () => {
    for (const who of ["anonymous", "otherMentor", "otherEmployer"] as const) expect((await requestAs(f, who, `/stories/photos/${photoStory.file}`)).status, who).toBe(404);
    expect((await requestAs(f, "coordinator", `/stories/photos/${photoStory.file}`)).status).toBe(200);
    await approveAsMentee(photoStory.id);
    expect((await post("coordinator", "/coordinator/stories", new URLSearchParams({ storyId: photoStory.id, intent: "publish" }))).status).toBe(302);
    const served = await requestAs(f, "anonymous", `/stories/photos/${photoStory.file}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
  });

  it("offers phones a smaller copy on the story page, served under the same rule as the photo", async () => {
    const small = photoStory.file.replace(/\.jpg$/, "-800.jpg");
    const { StoryModel } = await import("~/stories/model.server.ts");
    const { slug } = (await StoryModel.findById(photoStory.id).lean())!;
    const page = await (await requestAs(f, "anonymous", `/stories/${slug}`)).text();
    expect(page.toLowerCase()).toContain(`srcset="/stories/photos/${photoStory.file.replace(/\.jpg$/, "-480.jpg")} 480w, /stories/photos/${small} 800w, /stories/photos/${photoStory.file} 1200w"`);
    const served = await requestAs(f, "anonymous", `/stories/photos/${small}`);
    expect(served.status).toBe(200);
    const bytes = new Uint8Array(await served.arrayBuffer());
    expect((await sharp(bytes).metadata()).width).toBe(800);
    expect(bytes.length).toBeLessThan(Number((await requestAs(f, "anonymous", `/stories/photos/${photoStory.file}`)).headers.get("content-length")));
    // A copy of a photo nobody may see is as hidden as the photo itself.
    const draft = await post("mentor", `/mentor/stories/new?mentee=${f.ana}`, form({ ...baseFields, title: "Ana i druga fotografija" }, { bytes: await sharp({ create: { width: 1600, height: 900, channels: 3, background: { r: 20, g: 120, b: 200 } } }).jpeg().toBuffer(), type: "image/jpeg", name: "b.jpg" }));
    const draftFile = (await StoryModel.findById(draft.headers.get("location")!.match(/([a-f0-9]{24})/)![1]).lean())!.photo!.file;
    expect((await requestAs(f, "anonymous", `/stories/photos/${draftFile.replace(/\.jpg$/, "-800.jpg")}`)).status).toBe(404);
    expect((await requestAs(f, "mentor", `/stories/photos/${draftFile.replace(/\.jpg$/, "-480.jpg")}`)).status).toBe(200);
    expect((await requestAs(f, "anonymous", `/stories/photos/${draftFile.replace(/\.jpg$/, "-640.jpg")}`)).status).toBe(404);
  });

  it("refuses a file that is not an image with a message on the form, and stores nothing", async () => {
    const { StoryModel } = await import("~/stories/model.server.ts");
    const before = await StoryModel.countDocuments();
    const response = await post("mentor", `/mentor/stories/new?mentee=${f.ana}`, form(baseFields, { bytes: new TextEncoder().encode("%PDF-1.4 not a photo"), type: "image/jpeg", name: "fake.jpg" }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("nije fotografija koju možemo pročitati");
    expect(await StoryModel.countDocuments()).toBe(before);
  });

  it("answers a phone's photo over the limit with its message on the form, keeps what was typed, and stores nothing", async () => {
    const { StoryModel } = await import("~/stories/model.server.ts");
    const before = await StoryModel.countDocuments();
    const title = "Prevelika fotografija iz mobitela";
    const response = await post("mentor", `/mentor/stories/new?mentee=${f.ana}`, form({ ...baseFields, title }, { bytes: new Uint8Array(8 * 1024 * 1024).fill(7), type: "image/jpeg", name: "IMG_2041.jpg" }));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Fotografija je veća od 5 MB");
    expect(html).toContain(`value="${title}"`);
    expect(await StoryModel.countDocuments()).toBe(before);
  });

  it("answers 404 for a photo name the portal never gave", async () => {
    expect((await requestAs(f, "coordinator", "/stories/photos/..%2F..%2Fetc%2Fpasswd")).status).toBe(404);
    expect((await requestAs(f, "coordinator", `/stories/photos/${"0".repeat(32)}.jpg`)).status).toBe(404);
  });
});
