import { UserModel } from "~/accounts/model.server.ts";
import { hashPassword } from "~/accounts/password.server.ts";
import { confirmWithOwnPassword } from "~/accounts/registration.server.ts";
import { createSession, type SessionUser } from "~/accounts/session.server.ts";
import { now } from "~/clock/clock.ts";
import { completeWhenSent, enqueueEmail } from "~/email/queue.server.ts";
import { publicUrl } from "~/env.server.ts";
import { formatDateAndTime } from "~/i18n/dates.ts";
import { isLanguage, type Language } from "~/i18n/languages.ts";
import { CancelledDelivery, rescheduleOutbox } from "~/outbox/outbox.server.ts";
import { safeRedirectTarget } from "~/security/safe-redirect.ts";
import { randomToken } from "~/security/tokens.server.ts";
import { recordAccess } from "./audit.server.ts";
import { deskActionText, type DeskAction } from "./desk-actions.ts";
import { mayAccess } from "./mentees.server.ts";
import { DeskSessionModel, MenteeModel, type Mentee } from "./model.server.ts";
import { listMenteeAccount, menteeOfAccount } from "./lists.server.ts";
import { isObjectId, requireObjectId } from "~/db/ids.server.ts";
import { forbidden, notFound } from "~/ui/responses.server.ts";

type Failure = { ok: false; fieldErrors: Record<string, string> };

const DESK_SESSION_MS = 30 * 60_000;
/** Accounts the desk made for mentees without one: reserved, never delivered. */
const PLACEHOLDER_DOMAIN = "@mentee.invalid";

/** The outbox key of the e-mail that tells the mentee about a desk session: due when it ends, sooner when it is ended early. */
const deskEmailKey = (deskSessionId: unknown) => `desk-session-email:${deskSessionId}`;

export function isPlaceholderAddress(email: string) {
  return email.endsWith(PLACEHOLDER_DOMAIN);
}

/**
 * A mentee whose account has a real address and a password she chose (following the invitation
 * or a reset link is what confirms the address) has an account of her own: a desk session opens
 * only when she agrees by typing that password herself. See docs/decisions/009-desk-sessions.md.
 */
function hasOwnPassword(account: { email: string; emailConfirmedAt?: Date | null }) {
  return Boolean(account.emailConfirmedAt) && !isPlaceholderAddress(account.email);
}

async function leadMentorsMentee(actor: SessionUser, menteeId: string) {
  if (actor.role !== "mentor") forbidden();
  requireObjectId(menteeId);
  const mentee = await MenteeModel.findById(menteeId).lean<Mentee>();
  if (!mentee) notFound();
  if (!mayAccess(actor, mentee!)) forbidden();
  return mentee!;
}

async function accountOf(mentee: Pick<Mentee, "userId">) {
  return mentee.userId ? UserModel.findById(mentee.userId).select("email name language emailConfirmedAt").lean() : null;
}

/** What the mentor's page needs to offer a desk session: whether the mentee must agree with her password. */
export async function deskSessionTerms(actor: SessionUser, menteeId: string): Promise<{ needsOwnPassword: boolean }> {
  const account = await accountOf(await leadMentorsMentee(actor, menteeId));
  return { needsOwnPassword: Boolean(account && hasOwnPassword(account)) };
}

/**
 * The lead mentor opens a 30-minute session of the mentee on the mentor's screen, to look at
 * offers and consents together. A mentee without an account gets one without e-mail; a mentee
 * with her own account agrees by typing her password. The opening is in the audit trail, the
 * session knows its mentor (so everything done in it is recorded as done with the mentor
 * present), and a mentee with a real address gets an e-mail when it ends. Returns the session's
 * cookie and the mentee's language.
 */
export async function openDeskSession(
  actor: SessionUser,
  menteeId: string,
  agreement: { password: string; clientAddress: string },
): Promise<{ ok: true; cookie: string; language: Language } | Failure> {
  const mentee = await leadMentorsMentee(actor, menteeId);
  let account = await accountOf(mentee);
  const needsOwnPassword = Boolean(account && hasOwnPassword(account));
  if (needsOwnPassword) {
    if (!agreement.password) return { ok: false, fieldErrors: { deskPassword: "errors.required" } };
    const confirmed = await confirmWithOwnPassword(account!._id, agreement.password, agreement.clientAddress);
    if (confirmed === "rateLimited") return { ok: false, fieldErrors: { deskPassword: "errors.rateLimited" } };
    if (confirmed === "wrong") return { ok: false, fieldErrors: { deskPassword: "errors.menteePasswordWrong" } };
  }
  await recordAccess(actor, mentee._id, "desk");
  if (!account) {
    const created = await UserModel.create({
      // Never delivered: .invalid is reserved, and the address only keeps the unique index content.
      email: `desk-${mentee._id}${PLACEHOLDER_DOMAIN}`,
      passwordHash: await hashPassword(randomToken()),
      name: mentee.firstName,
      role: "mentee",
      language: mentee.language,
      approval: "approved",
      emailConfirmedAt: now(),
    });
    await listMenteeAccount(created._id, mentee._id);
    await MenteeModel.updateOne({ _id: mentee._id }, { $set: { userId: created._id } });
    account = created.toObject();
  }
  const language = isLanguage(account!.language) ? account!.language : "en";
  const openedAt = now();
  const endsAt = new Date(openedAt.getTime() + DESK_SESSION_MS);
  const record = await DeskSessionModel.create({
    menteeId: mentee._id,
    mentorId: actor._id,
    mentorName: actor.name,
    openedAt,
    endsAt,
    agreement: needsOwnPassword ? "own_password" : "no_own_account",
  });
  if (!isPlaceholderAddress(account!.email)) {
    const emailId = await enqueueEmail({
      to: account!.email,
      language,
      template: "deskSession",
      params: { name: account!.name, deskSessionId: String(record._id), link: `${publicUrl()}/me` },
      about: { menteeId: mentee._id },
      dueAt: endsAt,
      key: deskEmailKey(record._id),
    });
    await DeskSessionModel.updateOne({ _id: record._id }, { $set: { emailId } });
  }
  const cookie = await createSession(account!._id, DESK_SESSION_MS, { mentorId: actor._id, mentorName: actor.name, recordId: record._id });
  return { ok: true, cookie, language };
}

/** "End desk session": the record is closed and the mentee's e-mail goes out now. Returns the mentee's id. */
export async function endDeskSession(user: SessionUser): Promise<string | null> {
  if (!user.desk) return null;
  const record = await DeskSessionModel.findByIdAndUpdate(user.desk.recordId, { $set: { endedAt: now() } }, { new: true, lean: true });
  if (!record) return null;
  if (record.emailId) await rescheduleOutbox(deskEmailKey(record._id), now());
  return String(record.menteeId);
}

/**
 * Where the mentor lands after signing in again once a desk session ended: a page of their own
 * they asked for during it, else the mentee's page. Never one of the mentee's pages, which would
 * refuse the mentor.
 */
export function mentorPageAfterDesk(menteeId: string, asked: unknown): string {
  const menteePage = `/mentor/mentees/${menteeId}`;
  const target = safeRedirectTarget(asked, menteePage);
  return target === "/me" || target.startsWith("/me/") || target.startsWith("/me?") || target.startsWith("/login") ? menteePage : target;
}

/** Written by every action a desk session allows; nothing outside a desk session. */
export async function recordDeskAction(actor: SessionUser, action: Partial<DeskAction> & Pick<DeskAction, "kind">) {
  if (!actor.desk) return;
  await DeskSessionModel.updateOne({ _id: actor.desk.recordId }, { $push: { actions: { placement: "", organisation: "", answer: "", ...action, at: now() } } });
}

export interface DeskSessionSummary {
  mentor: string;
  openedAt: string;
  endsAt: string;
  actions: DeskAction[];
}

function summarise(record: { mentorName: string; openedAt: Date; endsAt: Date; endedAt?: Date | null; actions?: DeskAction[] }): DeskSessionSummary {
  return {
    mentor: record.mentorName,
    openedAt: record.openedAt.toISOString(),
    endsAt: (record.endedAt ?? record.endsAt).toISOString(),
    actions: (record.actions ?? []).map(({ kind, placement, organisation, answer }) => ({ kind, placement, organisation, answer })),
  };
}

/** For the e-mail, worked out when it is sent: the session is over by then. */
export async function deskSessionSummary(deskSessionId: string): Promise<DeskSessionSummary | null> {
  if (!isObjectId(deskSessionId)) return null;
  const record = await DeskSessionModel.findById(deskSessionId).lean<Parameters<typeof summarise>[0]>();
  return record ? summarise(record) : null;
}

/** The mentee's own history of desk sessions, newest first. */
export async function deskSessionsOf(menteeId: unknown, limit = 50): Promise<DeskSessionSummary[]> {
  const records = await DeskSessionModel.find({ menteeId }).sort({ openedAt: -1 }).limit(limit).lean<Parameters<typeof summarise>[0][]>();
  return records.map(summarise);
}

/** The signed-in mentee's desk sessions, for her home page. */
export async function deskHistoryFor(user: SessionUser): Promise<DeskSessionSummary[]> {
  if (user.role !== "mentee") forbidden();
  const mentee = await menteeOfAccount(user._id);
  return mentee ? deskSessionsOf(mentee._id) : [];
}

// The desk-session e-mail is written when it is sent, after the session is over: who, when, and
// what was done in it, in the mentee's words.
completeWhenSent("deskSession", async (params, { language, t }) => {
  const summary = await deskSessionSummary(String(params.deskSessionId));
  if (!summary) throw new CancelledDelivery("desk session no longer on record");
  return {
    ...(params as { name: string; deskSessionId: string; link: string }),
    mentor: summary.mentor,
    when: formatDateAndTime(summary.openedAt, language),
    actions: summary.actions.map((action) => deskActionText(t, action)),
  };
});
