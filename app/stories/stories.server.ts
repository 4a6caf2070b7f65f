// Shared state changes of a success story: drafting, editing, sending it for the mentee's
// decision, publishing, the takedown list, and the employer's part. The mentee's own decision
// lives in decision.server.ts; what the public reads, in public.server.ts.
import type { SessionUser } from "~/accounts/session.server.ts";
import { now } from "~/clock/clock.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { requireObjectId } from "~/db/ids.server.ts";
import { ConsentModel } from "~/consent/model.server.ts";
import { IntroductionModel } from "~/introductions/model.server.ts";
import { recordAccess } from "~/mentees/audit.server.ts";
import { mayAccess } from "~/mentees/mentees.server.ts";
import { MenteeModel, type Mentee } from "~/mentees/model.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { findTown } from "~/placements/gazetteer.server.ts";
import { forbidden, notFound } from "~/ui/responses.server.ts";
import { StoryModel, type Story } from "./model.server.ts";
import { storePhoto } from "./photos.server.ts";
import { plainText, publicViewOf, type PublicStoryView } from "./public-story.ts";
import { regionOf } from "./regions.ts";
import type { StoryInput } from "./schema.server.ts";
import { enqueueStoryIndex } from "./search-index.server.ts";
import { identifyingWordsIn } from "./identifying-words.ts";
import { storyTransitionAllowed } from "./states.ts";
import { endStoryConsents } from "./story-consents.server.ts";
import { isPubliclyVisible } from "./visibility.server.ts";
import type { StoryStatus } from "./vocabulary.ts";

type Failure = { ok: false; fieldErrors: Record<string, string> };

/** The outbox kind that brings a story's search document up to date (handled in public.server.ts's handler). */

/** Stories a mentee or her lead mentor can no longer change: the public side is being taken down. */
const closedStatuses: StoryStatus[] = ["withdrawn", "expired"];

function isEditor(actor: SessionUser): boolean {
  return actor.role === "coordinator" || (actor.role === "mentor" && actor.approval === "approved");
}

/**
 * The mentee, for her lead mentor or a coordinator (404 unknown, 403 anyone else). A page that
 * shows her record's parts (her first name, her town) audits the read ("story"); a refused or
 * invalid form writes nothing.
 */
async function menteeForEditor(actor: SessionUser, menteeId: unknown, options: { audit?: boolean } = {}): Promise<Mentee> {
  if (!isEditor(actor)) forbidden();
  const mentee = await MenteeModel.findById(requireObjectId(String(menteeId))).lean<Mentee>();
  if (!mentee) notFound();
  if (!mayAccess(actor, mentee)) forbidden();
  if (options.audit) await recordAccess(actor, mentee._id, "story");
  return mentee;
}

/** The story, for the mentee's lead mentor or a coordinator. */
async function storyForEditor(actor: SessionUser, storyId: string, options: { audit?: boolean } = {}): Promise<{ story: Story; mentee: Mentee }> {
  if (!isEditor(actor)) forbidden();
  const story = await StoryModel.findById(requireObjectId(storyId)).lean<Story>();
  if (!story) notFound();
  const mentee = await menteeForEditor(actor, story.menteeId, options);
  return { story, mentee };
}

/** Before reading an editor's form: only the lead mentor of the mentee (or a coordinator) goes on. */
export async function requireStoryEditor(actor: SessionUser, target: { storyId: string } | { menteeId: string }): Promise<void> {
  if ("storyId" in target) await storyForEditor(actor, target.storyId);
  else await menteeForEditor(actor, target.menteeId);
}

function actorRole(actor: SessionUser): string {
  return actor.role === "coordinator" ? "coordinator" : "author";
}

async function organisationNames(organisationIds: unknown[]): Promise<{ id: string; name: string }[]> {
  if (organisationIds.length === 0) return [];
  const organisations = await OrganisationModel.find({ _id: { $in: organisationIds } }).select("name").sort({ name: 1 }).lean();
  return organisations.map((o) => ({ id: String(o._id), name: o.name }));
}

/**
 * Employers a story may name: those she agreed to be introduced to, with that consent still in
 * force. An employer she never consented to, or whose consent she withdrew, must not learn of her
 * from a story (decision 017).
 */
export async function employerChoicesFor(menteeId: unknown): Promise<{ id: string; name: string }[]> {
  return organisationNames(await ConsentModel.distinct("organisationId", { menteeId, purpose: "introduction", withdrawnAt: null }));
}

/** Every employer she was ever introduced to: their names in a story's text give her away, whatever her consents say now. */
async function employersIntroducedTo(menteeId: unknown): Promise<{ id: string; name: string }[]> {
  return organisationNames(await IntroductionModel.distinct("organisationId", { menteeId }));
}

/** What a new story starts from: the mentee's town, country and language. */
export async function storyDefaults(actor: SessionUser, menteeId: string) {
  const mentee = await menteeForEditor(actor, menteeId, { audit: true });
  return {
    mentee: { id: String(mentee._id), firstName: mentee.firstName },
    values: { language: mentee.language ?? "hr", country: mentee.country, town: mentee.town, nameChoice: "omitted", placeChoice: "region", placementKind: "", sector: "" },
    employers: await employerChoicesFor(mentee._id),
  };
}

/** The stored fields of the editor's form; an unknown town or an employer without her introduction consent in force is a field error. */
async function storyFields(input: StoryInput, menteeId: unknown): Promise<{ ok: true; fields: Record<string, unknown> } | Failure> {
  const town = findTown(input.town, input.country);
  if (!town) return { ok: false, fieldErrors: { town: "errors.unknownTown" } };
  if (input.organisationId && !(await employerChoicesFor(menteeId)).some((e) => e.id === input.organisationId)) {
    return { ok: false, fieldErrors: { organisationId: "stories.employerWithoutConsent" } };
  }
  return {
    ok: true,
    fields: {
      title: input.title,
      body: input.body,
      language: input.language,
      placementKind: input.placementKind,
      sector: input.sector,
      country: input.country,
      town: town.name,
      nameChoice: input.nameChoice,
      changedName: input.nameChoice === "changed" ? input.changedName : "",
      placeChoice: input.placeChoice,
      quote: input.quote,
      organisationId: input.organisationId ?? null,
      showEmployer: Boolean(input.showEmployer),
    },
  };
}

/** The employer's approval after an edit: needed again whenever what would name it changed. */
function employerApprovalAfter(before: Pick<Story, "quote" | "showEmployer" | "organisationId" | "employerApproval"> | null, fields: Record<string, unknown>): Story["employerApproval"] {
  if (!fields.showEmployer) return "not_needed";
  if (!before || !before.showEmployer) return "pending";
  const changed = before.quote !== fields.quote || String(before.organisationId ?? "") !== String(fields.organisationId ?? "");
  return changed ? "pending" : before.employerApproval;
}

/** A new photo is re-encoded and stored only once the rest of the form is valid (no file is left behind by a refused form). */
async function withPhoto(fields: Record<string, unknown>, photo: Uint8Array | null): Promise<Failure | null> {
  if (!photo) return null;
  const stored = await storePhoto(photo);
  if (!stored.ok) return { ok: false, fieldErrors: { photo: stored.error } };
  fields.photo = stored.photo;
  return null;
}

export async function draftStory(actor: SessionUser, menteeId: string, input: StoryInput, photo: Uint8Array | null = null): Promise<{ ok: true; id: string } | Failure> {
  const mentee = await menteeForEditor(actor, menteeId);
  const result = await storyFields(input, mentee._id);
  if (!result.ok) return result;
  const photoFailure = await withPhoto(result.fields, photo);
  if (photoFailure) return photoFailure;
  const at = now();
  const story = await StoryModel.create({
    ...result.fields,
    menteeId: mentee._id,
    authorId: actor._id,
    status: "draft",
    version: 1,
    employerApproval: employerApprovalAfter(null, result.fields),
    history: [{ status: "draft", version: 1, at, byRole: actorRole(actor) }],
  });
  return { ok: true, id: String(story._id) };
}

/**
 * An edit: one more version, back to draft, so the mentee must approve again. A published story
 * keeps its publishedView (the version she approved) until a new version is published.
 */
export async function editStory(actor: SessionUser, storyId: string, input: StoryInput, photo: Uint8Array | null = null): Promise<{ ok: true } | Failure> {
  const { story, mentee } = await storyForEditor(actor, storyId);
  if (closedStatuses.includes(story.status as StoryStatus)) return { ok: false, fieldErrors: { form: "stories.closedForEdits" } };
  const result = await storyFields(input, mentee._id);
  if (!result.ok) return result;
  // The employer declined being named together with its quote: unticking the employer must not publish that quote without its name.
  if (story.employerApproval === "declined" && !result.fields.showEmployer && story.quote && plainTextEquals(story.quote, String(result.fields.quote ?? ""))) {
    return { ok: false, fieldErrors: { quote: "stories.declinedQuote" } };
  }
  const photoFailure = await withPhoto(result.fields, photo);
  if (photoFailure) return photoFailure;
  if (!photo && input.removePhoto) result.fields.photo = null;
  const version = story.version + 1;
  const updated = await StoryModel.updateOne(
    { _id: story._id, version: story.version, status: { $nin: closedStatuses } },
    {
      $set: { ...result.fields, status: "draft", version, employerApproval: employerApprovalAfter(story, result.fields) },
      $push: { history: { status: "draft", version, at: now(), byRole: actorRole(actor) } },
    },
  );
  if (updated.modifiedCount !== 1) return { ok: false, fieldErrors: { form: "stories.changedMeanwhile" } };
  return { ok: true };
}

function plainTextEquals(a: string, b: string): boolean {
  return plainText(a) === plainText(b);
}

/** Words of her record and her placements that the story's texts still carry although its choices keep them from the public. */
export async function identifyingWordsOf(story: Story, mentee: Pick<Mentee, "_id" | "firstName" | "fullName" | "town">): Promise<string[]> {
  const employers = await employersIntroducedTo(mentee._id);
  return identifyingWordsIn(
    [story.title, story.body, story.quote ?? "", story.changedName ?? ""],
    { firstName: mentee.firstName, fullName: mentee.fullName ?? "", towns: [...new Set([story.town, mentee.town])], employerNames: employers.map((e) => e.name) },
    { nameChoice: story.nameChoice, placeChoice: story.placeChoice, namesEmployer: story.showEmployer },
  );
}

/**
 * Sends the draft for the mentee's decision; refused while its texts name what its choices keep
 * from the public, and while it names an employer whose introduction consent she has withdrawn.
 */
export async function submitStory(actor: SessionUser, storyId: string): Promise<{ ok: true } | Failure> {
  const { story, mentee } = await storyForEditor(actor, storyId);
  if (!storyTransitionAllowed(story.status as StoryStatus, "awaiting_mentee", "author")) return { ok: false, fieldErrors: { form: "stories.notADraft" } };
  if ((await identifyingWordsOf(story, mentee)).length > 0) return { ok: false, fieldErrors: { form: "stories.identifyingWords" } };
  if (story.organisationId && !(await employerChoicesFor(mentee._id)).some((e) => e.id === String(story.organisationId))) {
    return { ok: false, fieldErrors: { form: "stories.employerWithoutConsent" } };
  }
  const updated = await StoryModel.updateOne(
    { _id: story._id, version: story.version, status: "draft" },
    { $set: { status: "awaiting_mentee" }, $push: { history: { status: "awaiting_mentee", version: story.version, at: now(), byRole: actorRole(actor) } } },
  );
  if (updated.modifiedCount !== 1) return { ok: false, fieldErrors: { form: "stories.changedMeanwhile" } };
  return { ok: true };
}

/** The region of the story's town (the mentee's own place when the town is not in the gazetteer). */
async function regionOfStory(story: Pick<Story, "country" | "town" | "menteeId">): Promise<string> {
  const town = findTown(story.town, story.country);
  if (town) return regionOf(story.country, town.lat, town.lng);
  const mentee = await MenteeModel.findById(story.menteeId).select("lat lng").lean();
  return mentee ? regionOf(story.country, mentee.lat, mentee.lng) : "";
}

/**
 * What the public would see of this version: her first name from her record, the region of the
 * town, and the employer's name when the story names it. She approves exactly this, the employer
 * included whatever it decided so far; the story is published only once the employer has approved
 * too (publishStory), so a declined employer is never published in her place (decision 017).
 */
export async function previewOf(story: Story): Promise<PublicStoryView> {
  const mentee = await MenteeModel.findById(story.menteeId).select("firstName").lean();
  const namesEmployer = story.showEmployer && story.organisationId;
  const organisation = namesEmployer ? await OrganisationModel.findById(story.organisationId).select("name").lean() : null;
  return publicViewOf(
    {
      title: story.title,
      body: story.body,
      language: story.language,
      placementKind: story.placementKind,
      sector: story.sector,
      country: story.country,
      town: story.town,
      nameChoice: story.nameChoice,
      changedName: story.changedName ?? "",
      placeChoice: story.placeChoice,
      quote: story.quote ?? "",
      showEmployer: story.showEmployer,
      photo: story.photo ? { file: story.photo.file, width: story.photo.width, height: story.photo.height } : null,
    },
    { firstName: mentee?.firstName ?? "", region: await regionOfStory(story), employerName: organisation?.name ?? "" },
  );
}

/** A story as its editor sees it: the fields, and what the public would see. */
export async function storyForEditing(actor: SessionUser, storyId: string) {
  const { story, mentee } = await storyForEditor(actor, storyId, { audit: true });
  return {
    story,
    mentee: { id: String(mentee._id), firstName: mentee.firstName },
    preview: await previewOf(story),
    identifying: await identifyingWordsOf(story, mentee),
    employers: await employerChoicesFor(mentee._id),
    editable: !closedStatuses.includes(story.status as StoryStatus),
    isPublic: isPubliclyVisible(story),
  };
}

export interface StoryListItem {
  id: string;
  title: string;
  status: StoryStatus;
  version: number;
  menteeId: string;
  menteeName: string;
  isPublic: boolean;
  slug: string;
  employerApproval: string;
  showEmployer: boolean;
  /** Why an approved story cannot be published now (the employer's part), or null. */
  publishBlockedBy: PublishBlock | null;
  updatedAt: string;
}

export type PublishBlock = "employerDeclined" | "employerPending";

/** The employer's part that keeps a story from being published: it declined being named, or has not decided yet. */
export function publishBlockOf(story: Pick<Story, "showEmployer" | "employerApproval">): PublishBlock | null {
  if (!story.showEmployer || story.employerApproval === "approved") return null;
  return story.employerApproval === "declined" ? "employerDeclined" : "employerPending";
}

async function listItems(stories: Story[]): Promise<StoryListItem[]> {
  const mentees = await MenteeModel.find({ _id: { $in: [...new Set(stories.map((s) => String(s.menteeId)))] } }).select("firstName").lean();
  const names = new Map(mentees.map((m) => [String(m._id), m.firstName]));
  return stories.map((s) => ({
    id: String(s._id),
    title: s.title,
    status: s.status as StoryStatus,
    version: s.version,
    menteeId: String(s.menteeId),
    menteeName: names.get(String(s.menteeId)) ?? "",
    isPublic: isPubliclyVisible(s),
    slug: s.slug ?? "",
    employerApproval: s.employerApproval,
    showEmployer: s.showEmployer,
    publishBlockedBy: publishBlockOf(s),
    updatedAt: s.updatedAt.toISOString(),
  }));
}

/** A mentor's stories: those about her own mentees (a coordinator: all). */
export async function listStoriesForEditor(actor: SessionUser): Promise<StoryListItem[]> {
  if (!isEditor(actor)) forbidden();
  const filter = actor.role === "coordinator" ? {} : { menteeId: { $in: (await MenteeModel.find({ mentorId: actor._id }).select("_id").lean()).map((m) => m._id) } };
  const stories = await StoryModel.find(filter).sort({ updatedAt: -1 }).limit(500).lean<Story[]>();
  return listItems(stories);
}

function requireCoordinator(actor: SessionUser) {
  if (actor.role !== "coordinator") forbidden();
}

/** Every story by status, and the takedown list, for the coordinator's review. */
export async function storiesForReview(actor: SessionUser) {
  requireCoordinator(actor);
  const stories = await StoryModel.find({}).sort({ updatedAt: -1 }).limit(1000).lean<Story[]>();
  const takedowns = stories.filter(needsTakedown);
  return {
    stories: await listItems(stories),
    takedowns: (await listItems(takedowns)).map((item, i) => ({ ...item, channels: (takedowns[i].channels ?? []).filter((c) => c !== "portal") })),
  };
}

/** A story that had been published on printed material or social media and is no longer public: its copies outside the portal must come down. */
function needsTakedown(story: Story): boolean {
  return closedStatuses.includes(story.status as StoryStatus) && Boolean(story.publishedAt) && !story.takedownDoneAt && (story.channels ?? []).some((c) => c === "print" || c === "social");
}

/** "Pavla's first month at the bakery" → "pavlas-first-month-at-the-bakery-3f9a1c": letters folded to ASCII, plus the end of the id. */
export function storySlug(title: string, id: string): string {
  const folded = title
    .replace(/[đĐ]/g, "d")
    .replace(/[øØ]/g, "o")
    .replace(/[æÆ]/g, "ae")
    .replace(/ß/g, "ss")
    .replace(/[łŁ]/g, "l")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return `${folded || "story"}-${id.slice(-6)}`;
}

/**
 * A coordinator publishes the version the mentee approved. Refused unless it is approved, and
 * unless a named employer approved its part. The slug, once given, stays (shared links keep working).
 */
export async function publishStory(actor: SessionUser, storyId: string): Promise<{ ok: true; slug: string } | Failure> {
  requireCoordinator(actor);
  const story = await StoryModel.findById(requireObjectId(storyId)).lean<Story>();
  if (!story) notFound();
  if (!storyTransitionAllowed(story.status as StoryStatus, "published", "coordinator") || !story.approvedView || story.approvedVersion !== story.version) {
    return { ok: false, fieldErrors: { form: "stories.notApproved" } };
  }
  // She approved a version that names the employer: it is published with the employer's part or not at all.
  const blocked = publishBlockOf(story);
  if (blocked) return { ok: false, fieldErrors: { form: blocked === "employerDeclined" ? "stories.employerDeclined" : "stories.employerNotApproved" } };
  const slug = story.slug || storySlug(story.approvedView.title, String(story._id));
  const at = now();
  try {
    const updated = await StoryModel.updateOne(
      // The employer's answer as read: a decline landing meanwhile stops the publication.
      { _id: story._id, version: story.version, status: "approved", employerApproval: story.employerApproval },
      {
        $set: { status: "published", publishedView: story.approvedView, publishedConsentId: story.consentId, slug, publishedAt: at, publishedBy: actor._id },
        $unset: { withheldEmployerPart: "" },
        $push: { history: { status: "published", version: story.version, at, byRole: "coordinator" } },
      },
    );
    if (updated.modifiedCount !== 1) return { ok: false, fieldErrors: { form: "stories.changedMeanwhile" } };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return { ok: false, fieldErrors: { form: "stories.changedMeanwhile" } };
  }
  await endStoryConsents(story._id, [story.consentId], { at, by: actor._id, byRole: "replaced" });
  await enqueueStoryIndex(story._id, story.menteeId);
  return { ok: true, slug };
}

/** The coordinator took down the copies outside the portal (printed material, social posts). */
export async function markTakedownDone(actor: SessionUser, storyId: string): Promise<{ ok: true } | Failure> {
  requireCoordinator(actor);
  const story = await StoryModel.findById(requireObjectId(storyId)).lean<Story>();
  if (!story) notFound();
  if (!needsTakedown(story)) return { ok: false, fieldErrors: { form: "stories.noTakedown" } };
  await StoryModel.updateOne({ _id: story._id, takedownDoneAt: { $exists: false } }, { $set: { takedownDoneAt: now() } });
  return { ok: true };
}

function requireEmployer(actor: SessionUser) {
  if (actor.role !== "employer" || !actor.organisationId) forbidden();
}

/**
 * Stories the employer sees: only a version the mentee herself approved (or its publication). Her
 * approval of the view that names the employer is what lets the employer read it; a draft or a
 * version waiting for her decision is not the employer's to see, not even its photo.
 */
const employerVisibleStatuses: StoryStatus[] = ["approved", "published"];

function employerMaySee(story: Pick<Story, "status" | "showEmployer" | "organisationId">, actor: SessionUser): boolean {
  return employerVisibleStatuses.includes(story.status as StoryStatus) && story.showEmployer && Boolean(actor.organisationId) && String(story.organisationId) === String(actor.organisationId);
}

type EmployerPart = { employerName: string; quote: string };

function employerPartOf(view: { employerName?: string | null; quote?: string | null } | null | undefined): EmployerPart {
  return { employerName: view?.employerName ?? "", quote: view?.quote ?? "" };
}

/**
 * Stories that name the employer's organisation, once she approved them: exactly the view she
 * approved (the employer's name and quote included), which is what the public sees once the employer
 * approves; `shownNow` says whether its part is public at this moment.
 */
export async function storiesForEmployer(actor: SessionUser) {
  requireEmployer(actor);
  const stories = await StoryModel.find({ organisationId: actor.organisationId, showEmployer: true, status: { $in: employerVisibleStatuses } })
    .sort({ updatedAt: -1 })
    .limit(200)
    .lean<Story[]>();
  return Promise.all(
    stories.map(async (story) => {
      const view = story.approvedView ? (story.approvedView as unknown as PublicStoryView) : await previewOf(story);
      const published = isPubliclyVisible(story) ? employerPartOf(story.publishedView) : null;
      return {
        id: String(story._id),
        status: story.status as StoryStatus,
        employerApproval: story.employerApproval as "pending" | "approved" | "declined",
        view,
        shownNow: Boolean(published && (published.employerName || published.quote)),
      };
    }),
  );
}

/**
 * The employer approves or declines being named, with its quote, in the version she approved. A
 * decline takes its name and quote off a published story at once (the page, the feed and the index);
 * an approval after a decline puts back exactly what it approves, the view she approved, and lets a
 * coordinator publish a story not yet published. Either answer can be changed later.
 */
export async function decideEmployerPart(actor: SessionUser, storyId: string, decision: "approved" | "declined"): Promise<{ ok: true } | Failure> {
  requireEmployer(actor);
  const story = await StoryModel.findById(requireObjectId(storyId)).lean<Story>();
  if (!story || String(story.organisationId) !== String(actor.organisationId) || !story.showEmployer) notFound();
  // Edited back to draft (or withdrawn) since the employer's page was loaded: nothing of the new version is shown.
  if (!employerMaySee(story, actor)) return { ok: false, fieldErrors: { form: "stories.changedMeanwhile" } };
  const set: Record<string, unknown> = { employerApproval: decision };
  const unset: Record<string, ""> = {};
  const published = story.publishedView ? employerPartOf(story.publishedView) : null;
  const withheld = story.withheldEmployerPart ? employerPartOf(story.withheldEmployerPart) : null;
  if (decision === "declined" && published && (published.employerName || published.quote)) {
    Object.assign(set, { withheldEmployerPart: published, "publishedView.employerName": "", "publishedView.quote": "" });
  }
  // Put back only what the employer is approving now: a newer version with another quote waits for its own publication.
  const approving = employerPartOf(story.approvedView);
  if (decision === "approved" && published && withheld && withheld.employerName === approving.employerName && withheld.quote === approving.quote) {
    Object.assign(set, { "publishedView.employerName": withheld.employerName, "publishedView.quote": withheld.quote });
    unset.withheldEmployerPart = "";
  }
  const updated = await StoryModel.updateOne(
    { _id: story._id, version: story.version, status: story.status, showEmployer: true },
    { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
  );
  if (updated.modifiedCount !== 1 && story.employerApproval !== decision) return { ok: false, fieldErrors: { form: "stories.changedMeanwhile" } };
  if (story.publishedView && updated.modifiedCount === 1) await enqueueStoryIndex(story._id, story.menteeId);
  return { ok: true };
}

/**
 * Whether this person may see a story photo: anyone when it belongs to a story's public view;
 * otherwise (a preview) the author's side, the mentee herself, or the employer the story would name
 * once she approved the version that carries this photo.
 */
export async function photoVisibleTo(user: SessionUser | null, file: string): Promise<boolean> {
  const stories = await StoryModel.find({ $or: [{ "photo.file": file }, { "approvedView.photo.file": file }, { "publishedView.photo.file": file }] }).lean<Story[]>();
  for (const story of stories) {
    if (isPubliclyVisible(story) && story.publishedView?.photo?.file === file) return true;
    if (!user) continue;
    if (user.role === "coordinator") return true;
    if (user.role === "employer" && employerMaySee(story, user) && story.photo?.file === file) return true;
    const mentee = await MenteeModel.findById(story.menteeId).select("mentorId userId").lean();
    if (!mentee) continue;
    if (user.role === "mentee" && String(mentee.userId) === String(user._id)) return true;
    if (mayAccess(user, mentee)) return true;
  }
  return false;
}
