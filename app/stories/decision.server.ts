// The mentee's decision about a story about her: she sees exactly what the public would see,
// approves it for the channels and the time she chooses (a story publication consent that freezes
// that view), or declines it; later she withdraws it as easily. Her consent runs out by itself.
// A mentee without an account decides through a one-time link her mentor asks for.
import { Types } from "mongoose";
import { UserModel } from "~/accounts/model.server.ts";
import { actingRole, type SessionUser } from "~/accounts/session.server.ts";
import { now } from "~/clock/clock.ts";
import { claimOnce } from "~/db/claims.server.ts";
import { isObjectId } from "~/db/ids.server.ts";
import { ConsentModel } from "~/consent/model.server.ts";
import type { ConsentMethod } from "~/consent/vocabulary.ts";
import { enqueueEmail } from "~/email/queue.server.ts";
import { publicUrl } from "~/env.server.ts";
import { formatDay } from "~/i18n/dates.ts";
import { getT } from "~/i18n/i18n.server.ts";
import { isLanguage, type Language } from "~/i18n/languages.ts";
import { isPlaceholderAddress } from "~/mentees/desk.server.ts";
import { mayAccess } from "~/mentees/mentees.server.ts";
import { MenteeModel, type Mentee } from "~/mentees/model.server.ts";
import { menteeOfAccount } from "~/mentees/lists.server.ts";
import { registerOutboxHandler } from "~/outbox/outbox.server.ts";
import { hashToken, randomToken } from "~/security/tokens.server.ts";
import { parseForm } from "~/ui/form-data.ts";
import { forbidden, notFound } from "~/ui/responses.server.ts";
import { decisionLinkFormSchema, storyDecisionFormSchema } from "./decision-schema.server.ts";
import { StoryDecisionLinkModel } from "./decision-link-model.server.ts";
import { StoryModel, type Story } from "./model.server.ts";
import type { PublicStoryView } from "./public-story.ts";
import { askEmployerAboutStory, tellMentorOfDecision } from "./notifications.server.ts";
import { enqueueStoryIndex } from "./search-index.server.ts";
import { previewOf } from "./stories.server.ts";
import { endStoryConsents, scheduleStoryConsentEnd } from "./story-consents.server.ts";
import { STORY_CONSENT_YEARS, storyChannels, type StoryChannel, type StoryStatus } from "./vocabulary.ts";

type Failure = { ok: false; fieldErrors: Record<string, string> };

const DAY_MS = 24 * 60 * 60_000;
/** How long a one-time decision link works. */
export const STORY_LINK_DAYS = 14;
/** The durations she may choose, in years. */
export const storyConsentYears = [1, STORY_CONSENT_YEARS] as const;

const ended: StoryStatus[] = ["withdrawn", "expired"];

/** Who decides, and how it is recorded in her consent. */
interface Decider {
  by: Types.ObjectId;
  byRole: string;
  method: ConsentMethod;
  recordedBy: Types.ObjectId;
  witnessedBy?: Types.ObjectId;
}

/** Whether her consent is still in force for this story: what the "Withdraw" button is for. */
export function withdrawable(story: Pick<Story, "status" | "consentId">): boolean {
  return Boolean(story.consentId) && !ended.includes(story.status as StoryStatus);
}

async function storyWithMentee(storyId: string) {
  if (!isObjectId(storyId)) notFound();
  const story = await StoryModel.findById(storyId).lean<Story>();
  if (!story) notFound();
  const mentee = await MenteeModel.findById(story!.menteeId).lean<Mentee>();
  if (!mentee) notFound();
  return { story: story!, mentee: mentee! };
}

function isHerself(actor: SessionUser, mentee: Pick<Mentee, "userId">) {
  return actor.role === "mentee" && Boolean(mentee.userId) && String(mentee.userId) === String(actor._id);
}

function deciderOf(actor: SessionUser): Decider {
  const desk = actor.desk ? new Types.ObjectId(actor.desk.mentorId) : undefined;
  return { by: actor._id, byRole: actingRole(actor), method: desk ? "with_mentor" : "own_device", recordedBy: actor._id, witnessedBy: desk };
}

export interface StoryForDecision {
  id: string;
  status: StoryStatus;
  version: number;
  /** What she decides about now (awaiting), or what she approved (afterwards). */
  view: PublicStoryView;
  channels: StoryChannel[];
  expiresAt: string | null;
  withdrawable: boolean;
  /** Her consent runs out within RENEWAL_OFFERED_DAYS and she may keep the story longer. */
  renewable: boolean;
}

async function describe(story: Story): Promise<StoryForDecision> {
  const awaiting = story.status === "awaiting_mentee";
  const frozen = story.approvedView ?? story.publishedView;
  const view = awaiting || !frozen ? await previewOf(story) : (frozen as unknown as PublicStoryView);
  return {
    id: String(story._id),
    status: story.status as StoryStatus,
    version: story.version,
    view,
    channels: (story.channels ?? []) as StoryChannel[],
    expiresAt: story.expiresAt ? story.expiresAt.toISOString() : null,
    withdrawable: withdrawable(story),
    renewable: renewable(story) && Boolean(story.expiresAt) && story.expiresAt!.getTime() - now().getTime() <= RENEWAL_OFFERED_DAYS * DAY_MS,
  };
}

/** One story, for the mentee herself (or in her desk session). */
export async function storyForDecision(actor: SessionUser, storyId: string): Promise<StoryForDecision> {
  const { story, mentee } = await storyWithMentee(storyId);
  if (!isHerself(actor, mentee)) forbidden();
  return describe(story);
}

/** Her stories that await her decision or that she approved and may withdraw. */
export async function storiesForMentee(actor: SessionUser): Promise<StoryForDecision[]> {
  if (actor.role !== "mentee") forbidden();
  const mentee = await menteeOfAccount(actor._id);
  if (!mentee) return [];
  // A draft too: an edit of a published story leaves her consent (and the public page) in force.
  const stories = await StoryModel.find({ menteeId: mentee._id, status: { $nin: ended } })
    .sort({ updatedAt: -1 })
    .lean<Story[]>();
  const shown = stories.filter((story) => story.status === "awaiting_mentee" || withdrawable(story));
  return Promise.all(shown.map((story) => describe(story)));
}

export interface ApprovalInput {
  version: number;
  channels: string[];
  years: number;
}

/** The consent's text: what she approved, where, and until when, in her language. */
export function storyConsentText(language: string, view: PublicStoryView, channels: StoryChannel[], expiresAt: Date): string {
  const t = getT(isLanguage(language) ? language : "en");
  return [
    t("storyDecision.consentText.intro"),
    "",
    view.title,
    view.name ? t("storyDecision.consentText.name", { name: view.name }) : t("storyDecision.consentText.noName"),
    t("storyDecision.consentText.place", { place: view.place }),
    view.employerName ? t("storyDecision.consentText.employer", { employer: view.employerName }) : "",
    "",
    view.body,
    view.quote ? `\n“${view.quote}”` : "",
    view.photo ? t("storyDecision.consentText.photo") : "",
    "",
    t("storyDecision.consentText.channels", { channels: channels.map((c) => t(`storyDecision.channels.${c}`)).join(", ") }),
    t("storyDecision.consentText.until", { date: formatDay(expiresAt, language) }),
    t("storyDecision.consentText.withdraw"),
  ]
    .filter((line, index, lines) => line !== "" || (index > 0 && lines[index - 1] !== ""))
    .join("\n");
}

function validApproval(input: ApprovalInput): Failure | { ok: true; channels: StoryChannel[]; years: number } {
  const channels = storyChannels.filter((c) => input.channels.includes(c));
  if (channels.length === 0) return { ok: false, fieldErrors: { channels: "storyDecision.errors.channelRequired" } };
  if (!storyConsentYears.includes(input.years as 1)) return { ok: false, fieldErrors: { years: "storyDecision.errors.yearsInvalid" } };
  return { ok: true, channels, years: input.years };
}


async function approve(decider: Decider, story: Story, mentee: Mentee, input: ApprovalInput): Promise<{ ok: true } | Failure> {
  const valid = validApproval(input);
  if (!valid.ok) return valid;
  if (story.status !== "awaiting_mentee") return { ok: false, fieldErrors: { form: "storyDecision.errors.notAwaiting" } };
  if (story.version !== input.version) return { ok: false, fieldErrors: { form: "storyDecision.errors.versionChanged" } };
  // One decision per version: two tabs, or her and her link, must not both record one.
  if (!(await claimOnce(`story-decision:${story._id}:${story.version}`))) return { ok: false, fieldErrors: { form: "storyDecision.errors.notAwaiting" } };
  const at = now();
  const expiresAt = new Date(at);
  expiresAt.setUTCFullYear(expiresAt.getUTCFullYear() + valid.years);
  const view = await previewOf(story);
  const language = mentee.language ?? story.language;
  const consent = new ConsentModel({
    menteeId: mentee._id,
    purpose: "story_publication",
    storyId: story._id,
    storyVersion: story.version,
    channels: valid.channels,
    expiresAt,
    text: storyConsentText(language, view, valid.channels, expiresAt),
    textVersion: `story-${story._id}-v${story.version}`,
    language,
    givenAt: at,
    method: decider.method,
    recordedBy: decider.recordedBy,
    witnessedBy: decider.witnessedBy,
  });
  await consent.validate();
  // Filtered on the version she saw: an edit that came in meanwhile leaves the story as it is.
  const updated = await StoryModel.updateOne(
    { _id: story._id, status: "awaiting_mentee", version: input.version },
    {
      $set: { status: "approved", approvedView: view, approvedVersion: story.version, consentId: consent._id, channels: valid.channels, expiresAt },
      $push: { history: { status: "approved", version: story.version, at, byRole: decider.byRole } },
    },
  );
  if (updated.modifiedCount === 0) return { ok: false, fieldErrors: { form: "storyDecision.errors.versionChanged" } };
  await consent.save();
  // An earlier consent is replaced by this one; the one the public's version stands on stays until a
  // coordinator publishes this version (or it runs out or she withdraws).
  await endStoryConsents(story._id, [consent._id, story.publishedView ? story.publishedConsentId : null], { at, by: decider.by, byRole: "replaced" });
  await scheduleStoryConsentEnd(story, consent._id, expiresAt);
  await askEmployerAboutStory(story, mentee);
  await tellMentorOfDecision(story, mentee, "approved");
  return { ok: true };
}

async function decline(decider: Decider, story: Story, mentee: Mentee, version: number): Promise<{ ok: true } | Failure> {
  if (story.status !== "awaiting_mentee") return { ok: false, fieldErrors: { form: "storyDecision.errors.notAwaiting" } };
  if (story.version !== version) return { ok: false, fieldErrors: { form: "storyDecision.errors.versionChanged" } };
  if (!(await claimOnce(`story-decision:${story._id}:${story.version}`))) return { ok: false, fieldErrors: { form: "storyDecision.errors.notAwaiting" } };
  const updated = await StoryModel.updateOne(
    { _id: story._id, status: "awaiting_mentee", version },
    { $set: { status: "declined" }, $push: { history: { status: "declined", version, at: now(), byRole: decider.byRole } } },
  );
  if (!updated.modifiedCount) return { ok: false, fieldErrors: { form: "storyDecision.errors.versionChanged" } };
  await tellMentorOfDecision(story, mentee, "declined");
  return { ok: true };
}

/** She approves the version she saw, for the channels and the years she chose. */
export async function approveStory(actor: SessionUser, storyId: string, input: ApprovalInput): Promise<{ ok: true } | Failure> {
  const { story, mentee } = await storyWithMentee(storyId);
  if (!isHerself(actor, mentee)) forbidden();
  return approve(deciderOf(actor), story, mentee, input);
}

/** She declines the version she saw. */
export async function declineStory(actor: SessionUser, storyId: string, input: { version: number }): Promise<{ ok: true } | Failure> {
  const { story, mentee } = await storyWithMentee(storyId);
  if (!isHerself(actor, mentee)) forbidden();
  return decline(deciderOf(actor), story, mentee, input.version);
}

/** Takes the story out of public view: after her withdrawal, or when her consent ran out. */
async function endPublication(story: Story, status: "withdrawn" | "expired", by: { by?: Types.ObjectId; byRole: string }) {
  const at = now();
  const updated = await StoryModel.updateOne(
    { _id: story._id, status: { $nin: ended } },
    { $set: { status, ...(status === "withdrawn" ? { withdrawnAt: at } : {}) }, $push: { history: { status, version: story.version, at, byRole: by.byRole } } },
  );
  if (updated.modifiedCount === 0) return false;
  if (story.publishedView) await enqueueStoryIndex(story._id, story.menteeId);
  return true;
}

/**
 * She takes the story back (herself, in a desk session, or her lead mentor recording that she
 * said so): it leaves the public at once, her consent ends, the search index is told.
 */
export async function withdrawStory(actor: SessionUser, storyId: string): Promise<{ ok: true } | Failure> {
  const { story, mentee } = await storyWithMentee(storyId);
  const herself = isHerself(actor, mentee);
  const herMentor = actor.role === "mentor" && mayAccess(actor, mentee);
  if (!herself && !herMentor) forbidden();
  if (!withdrawable(story)) return { ok: false, fieldErrors: { form: "storyDecision.errors.notWithdrawable" } };
  const byRole = herself ? actingRole(actor) : "mentor_on_her_behalf";
  const tookDown = await endPublication(story, "withdrawn", { by: actor._id, byRole });
  await endStoryConsents(story._id, [], { at: now(), by: actor._id, byRole, witnessedBy: actor.desk?.mentorId });
  // Her mentor knows already when the mentor recorded it.
  if (tookDown && herself) await tellMentorOfDecision(story, mentee, "withdrawn");
  return { ok: true };
}

/** How long before her consent runs out /me/stories offers to renew it (the reminder comes a month before). */
export const RENEWAL_OFFERED_DAYS = 90;

/** Whether she may renew now: the version she approved is still the current one, and her consent is in force. */
export function renewable(story: Pick<Story, "status" | "consentId" | "approvedView" | "approvedVersion" | "version">): boolean {
  return (story.status === "published" || story.status === "approved") && Boolean(story.consentId && story.approvedView) && story.approvedVersion === story.version;
}

/**
 * She keeps the story for longer: a new consent for the same version, channels and text, running
 * for the default years from today. The story stays as it is (published stays published); the
 * expiry and reminder of the consent it replaces no longer come.
 */
export async function renewStory(actor: SessionUser, storyId: string): Promise<{ ok: true } | Failure> {
  const { story, mentee } = await storyWithMentee(storyId);
  if (!isHerself(actor, mentee)) forbidden();
  return renew(deciderOf(actor), story, mentee);
}

async function renew(decider: Decider, story: Story, mentee: Mentee): Promise<{ ok: true } | Failure> {
  if (!renewable(story)) return { ok: false, fieldErrors: { form: "storyDecision.errors.notRenewable" } };
  const at = now();
  const expiresAt = new Date(at);
  expiresAt.setUTCFullYear(expiresAt.getUTCFullYear() + STORY_CONSENT_YEARS);
  const channels = (story.channels ?? []) as StoryChannel[];
  const language = mentee.language ?? story.language;
  const view = story.approvedView as unknown as PublicStoryView;
  const consent = new ConsentModel({
    menteeId: mentee._id,
    purpose: "story_publication",
    storyId: story._id,
    storyVersion: story.approvedVersion,
    channels,
    expiresAt,
    text: storyConsentText(language, view, channels, expiresAt),
    textVersion: `story-${story._id}-v${story.approvedVersion}`,
    language,
    givenAt: at,
    method: decider.method,
    recordedBy: decider.recordedBy,
    witnessedBy: decider.witnessedBy,
  });
  await consent.validate();
  const published = story.status === "published";
  const updated = await StoryModel.updateOne(
    { _id: story._id, status: story.status, version: story.version, consentId: story.consentId },
    {
      $set: { consentId: consent._id, expiresAt, ...(published ? { publishedConsentId: consent._id } : {}) },
      $push: { history: { status: "renewed", version: story.version, at, byRole: decider.byRole } },
    },
  );
  if (updated.modifiedCount === 0) return { ok: false, fieldErrors: { form: "storyDecision.errors.versionChanged" } };
  await consent.save();
  await endStoryConsents(story._id, [consent._id, published ? null : story.publishedConsentId], { at, by: decider.by, byRole: "replaced" });
  await scheduleStoryConsentEnd(story, consent._id, expiresAt);
  return { ok: true };
}

// The one-time link.

/** The lead mentor asks for a link for a story that awaits the mentee's decision; returns the link (to print or to e-mail). */
export async function issueDecisionLink(actor: SessionUser, storyId: string, sendTo: string): Promise<{ ok: true; link: string; emailed: boolean } | Failure> {
  const { story, mentee } = await storyWithMentee(storyId);
  if (!mayAccess(actor, mentee)) forbidden();
  const purpose = story.status === "awaiting_mentee" ? "decision" : renewable(story) ? "renewal" : null;
  if (!purpose) return { ok: false, fieldErrors: { form: "storyDecision.errors.notAwaiting" } };
  const token = randomToken();
  const at = now();
  // Only the newest link works: one she was given earlier (perhaps sent to an old address) stops working.
  await StoryDecisionLinkModel.updateMany({ storyId: story._id, usedAt: null, expiresAt: { $gt: at } }, { $set: { expiresAt: at } });
  await StoryDecisionLinkModel.create({
    tokenHash: hashToken(token),
    storyId: story._id,
    menteeId: mentee._id,
    createdBy: actor._id,
    createdAt: at,
    purpose,
    expiresAt: new Date(at.getTime() + STORY_LINK_DAYS * DAY_MS),
  });
  // The link names her language: her page opens in it whatever the browser she opens it in prefers.
  const language: Language = isLanguage(mentee.language) ? mentee.language : "en";
  const link = `${publicUrl()}/stories/decide/${token}?lng=${language}`;
  if (sendTo) {
    await enqueueEmail({ to: sendTo, language, template: "storyDecisionLink", params: { name: mentee.firstName, link, days: STORY_LINK_DAYS }, about: { menteeId: mentee._id } });
  }
  return { ok: true, link, emailed: Boolean(sendTo) };
}

async function usableLink(token: string) {
  if (typeof token !== "string" || token.length < 20 || token.length > 100) return null;
  return StoryDecisionLinkModel.findOne({ tokenHash: hashToken(token), usedAt: null, expiresAt: { $gt: now() } }).lean();
}

/** What the link's page shows; null when the link is unknown, used or expired. Opening it uses nothing. */
export async function storyForLink(token: string): Promise<(StoryForDecision & { language: string; linkFor: "decision" | "renewal" | null }) | null> {
  const link = await usableLink(token);
  if (!link) return null;
  const story = await StoryModel.findById(link.storyId).lean<Story>();
  const mentee = await MenteeModel.findById(link.menteeId).lean<Mentee>();
  if (!story || !mentee || String(story.menteeId) !== String(mentee._id)) return null;
  const purpose = link.purpose ?? "decision";
  const linkFor = purpose === "decision" ? (story.status === "awaiting_mentee" ? "decision" : null) : renewable(story) ? "renewal" : null;
  return { ...(await describe(story)), language: mentee.language ?? "en", linkFor };
}

/** Whether a usable link opens the photo of the story it is for (the photo her decision is about). */
export async function photoOpensWithLink(token: string, file: string): Promise<boolean> {
  const link = await usableLink(token);
  if (!link) return false;
  const story = await StoryModel.findById(link.storyId).lean<Story>();
  if (!story) return false;
  if (link.purpose === "renewal") return renewable(story) && story.approvedView?.photo?.file === file;
  return story.status === "awaiting_mentee" && story.photo?.file === file;
}

/** The answer given with a used link (for the page that thanks her), or null. */
export async function answerGivenWithLink(token: string): Promise<"approved" | "declined" | "renewed" | null> {
  if (typeof token !== "string" || token.length < 20 || token.length > 100) return null;
  const link = await StoryDecisionLinkModel.findOne({ tokenHash: hashToken(token), usedAt: { $ne: null } }).select("answer").lean();
  const notices = { approve: "approved", decline: "declined", renew: "renewed" } as const;
  return link?.answer ? notices[link.answer] : null;
}

/** Approves or declines with the link, using it up; null when the link is unknown, used or expired. */
export async function decideWithLink(
  token: string,
  decision: { answer: "approve"; input: ApprovalInput } | { answer: "decline"; version: number } | { answer: "renew" },
): Promise<{ ok: true } | Failure | null> {
  const link = await usableLink(token);
  if (!link) return null;
  const story = await StoryModel.findById(link.storyId).lean<Story>();
  const mentee = await MenteeModel.findById(link.menteeId).lean<Mentee>();
  if (!story || !mentee) return null;
  if ((decision.answer === "renew") !== (link.purpose === "renewal")) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  if (decision.answer === "renew") {
    if (!renewable(story)) return { ok: false, fieldErrors: { form: "storyDecision.errors.notRenewable" } };
    if (!(await claimOnce(`story-link:${link._id}`))) return null;
    await StoryDecisionLinkModel.updateOne({ _id: link._id }, { $set: { usedAt: now(), answer: "renew" } });
    return renew({ by: mentee._id, byRole: "mentee_by_link", method: "link", recordedBy: link.createdBy }, story, mentee);
  }
  if (decision.answer === "approve") {
    const valid = validApproval(decision.input);
    if (!valid.ok) return valid;
  }
  // A form that cannot succeed leaves the link usable.
  const version = decision.answer === "approve" ? decision.input.version : decision.version;
  if (story.status !== "awaiting_mentee") return { ok: false, fieldErrors: { form: "storyDecision.errors.notAwaiting" } };
  if (story.version !== version) return { ok: false, fieldErrors: { form: "storyDecision.errors.versionChanged" } };
  // Used once: of two requests with the same link only the first gets past the claim.
  if (!(await claimOnce(`story-link:${link._id}`))) return null;
  await StoryDecisionLinkModel.updateOne({ _id: link._id }, { $set: { usedAt: now(), answer: decision.answer } });
  const decider: Decider = { by: mentee._id, byRole: "mentee_by_link", method: "link", recordedBy: link.createdBy };
  return decision.answer === "approve" ? approve(decider, story, mentee, decision.input) : decline(decider, story, mentee, decision.version);
}

// Expiry: the story leaves the public when her consent runs out; a month before, she and the coordinators are reminded.

function payloadOf(payload: unknown) {
  const { storyId, consentId } = payload as { storyId?: string; consentId?: string };
  return isObjectId(storyId) && isObjectId(consentId) ? { storyId, consentId } : null;
}

async function storyUnderConsent(payload: unknown) {
  const ids = payloadOf(payload);
  if (!ids) return null;
  const story = await StoryModel.findById(ids.storyId).lean<Story>();
  // Replaced by a later approval, or already taken back: nothing to do.
  if (!story || ended.includes(story.status as StoryStatus)) return null;
  if (String(story.consentId) !== ids.consentId && String(story.publishedConsentId) !== ids.consentId) return null;
  return story;
}

async function expireStory(payload: unknown) {
  const story = await storyUnderConsent(payload);
  if (!story || !story.expiresAt || story.expiresAt.getTime() > now().getTime()) return;
  await endPublication(story, "expired", { byRole: "system" });
}

async function remindOfExpiry(payload: unknown) {
  const story = await storyUnderConsent(payload);
  if (!story || !story.expiresAt) return;
  const mentee = await MenteeModel.findById(story.menteeId).lean<Mentee>();
  if (!mentee) return;
  const title = (story.approvedView?.title ?? story.title) as string;
  // She renews on her page when she has an account; without one, her lead mentor gives her a link to renew.
  const recipients: { key: string; to: string; name: string; language: string; link?: string; reader: "mentee" | "menteeWithoutAccount" | "mentor" | "coordinator" }[] = [];
  const account = mentee.userId ? await UserModel.findById(mentee.userId).select("email name language").lean() : null;
  const menteeAddress = account && !isPlaceholderAddress(account.email) ? account.email : mentee.email;
  if (menteeAddress && !isPlaceholderAddress(menteeAddress)) {
    const reader = account ? "mentee" : "menteeWithoutAccount";
    recipients.push({ key: "mentee", to: menteeAddress, name: mentee.firstName, language: mentee.language ?? "en", reader, ...(account ? { link: `${publicUrl()}/me/stories` } : {}) });
  }
  if (!account) {
    const mentor = await UserModel.findById(mentee.mentorId).select("email name language deactivatedAt").lean();
    if (mentor && !mentor.deactivatedAt) recipients.push({ key: "mentor", to: mentor.email, name: mentor.name, language: mentor.language ?? "en", reader: "mentor", link: `${publicUrl()}/mentor/stories/${story._id}/decision-link` });
  }
  const coordinators = await UserModel.find({ role: "coordinator", deactivatedAt: null }).select("email name language").lean();
  for (const c of coordinators) recipients.push({ key: String(c._id), to: c.email, name: c.name, language: c.language ?? "en", reader: "coordinator", link: `${publicUrl()}/coordinator/stories` });
  for (const r of recipients) {
    const language: Language = isLanguage(r.language) ? r.language : "en";
    await enqueueEmail({
      to: r.to,
      language,
      template: "storyExpiryReminder",
      params: { name: r.name, title, date: formatDay(story.expiresAt, language), reader: r.reader, ...(r.link ? { link: r.link } : {}) },
      about: { menteeId: mentee._id },
      key: `story-expiry-reminder-email:${story.consentId}:${r.key}`,
    });
  }
}

registerOutboxHandler("story-expiry", expireStory);
registerOutboxHandler("story-expiry-reminder", remindOfExpiry);

// The forms of the mentee's page and of the link's page.

function approvalInput(data: { version?: number; channels: string[]; years?: number }): ApprovalInput {
  return { version: data.version ?? 0, channels: data.channels, years: data.years ?? STORY_CONSENT_YEARS };
}

/** The mentee's answer from her page: approve, decline or withdraw one of her stories. */
export async function answerStory(actor: SessionUser, storyId: string, formData: FormData): Promise<{ ok: true; notice: string } | Failure> {
  if (actor.role !== "mentee") forbidden();
  const form = parseForm(formData, storyDecisionFormSchema, ["channels"]);
  if (!form.ok) return { ok: false, fieldErrors: form.fieldErrors };
  const { intent } = form.data;
  const answers = {
    withdraw: () => withdrawStory(actor, storyId),
    renew: () => renewStory(actor, storyId),
    decline: () => declineStory(actor, storyId, { version: form.data.version ?? 0 }),
    approve: () => approveStory(actor, storyId, approvalInput(form.data)),
  };
  const result = await answers[intent]();
  if (!result.ok) return result;
  const notices = { withdraw: "withdrawn", renew: "renewed", decline: "declined", approve: "approved" } as const;
  return { ok: true, notice: notices[intent] };
}

/** The answer sent with a one-time link; null when the link is unknown, used or expired. */
export async function answerWithLink(token: string, formData: FormData): Promise<{ ok: true; notice: string } | Failure | null> {
  if (!(await usableLink(token))) return null;
  const form = parseForm(formData, storyDecisionFormSchema, ["channels"]);
  if (!form.ok) return { ok: false, fieldErrors: form.fieldErrors };
  if (form.data.intent === "withdraw") return { ok: false, fieldErrors: { form: "errors.invalid" } };
  if (form.data.intent === "renew") {
    const renewed = await decideWithLink(token, { answer: "renew" });
    return renewed && renewed.ok ? { ok: true, notice: "renewed" } : renewed;
  }
  const result =
    form.data.intent === "decline"
      ? await decideWithLink(token, { answer: "decline", version: form.data.version ?? 0 })
      : await decideWithLink(token, { answer: "approve", input: approvalInput(form.data) });
  if (!result || !result.ok) return result;
  return { ok: true, notice: form.data.intent === "decline" ? "declined" : "approved" };
}

/** The mentor's request for a link, from the form. */
export async function requestDecisionLink(actor: SessionUser, storyId: string, formData: FormData) {
  const form = parseForm(formData, decisionLinkFormSchema);
  if (!form.ok) return { ok: false as const, fieldErrors: { email: "storyDecision.errors.emailInvalid" } };
  return issueDecisionLink(actor, storyId, form.data.email);
}

/** Whether this person may ask for a link for the story (before any form is read). */
export async function requireStoryOfOwnMentee(actor: SessionUser, storyId: string): Promise<{ status: StoryStatus; title: string; linkFor: "decision" | "renewal" | null }> {
  const { story, mentee } = await storyWithMentee(storyId);
  if (!mayAccess(actor, mentee)) forbidden();
  const linkFor = story.status === "awaiting_mentee" ? "decision" : renewable(story) ? "renewal" : null;
  return { status: story.status as StoryStatus, title: story.title, linkFor };
}
