// A mentee's data as a whole, across every capability that holds some of it: her export, and her erasure.
import { SessionModel, TokenModel, UserModel } from "~/accounts/model.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { eraseAlertsOf } from "~/alerts/alerts.server.ts";
import { checkinDataOf, eraseCheckinsOf } from "~/checkins/privacy.server.ts";
import { ConsentModel } from "~/consent/model.server.ts";
import { IntroductionModel } from "~/introductions/model.server.ts";
import { ProposalModel } from "~/matching/model.server.ts";
import { OutboxModel } from "~/outbox/model.server.ts";
import { placementTitles } from "~/placements/titles.server.ts";
import { eraseStoriesOf, storyDataOf } from "~/stories/privacy.server.ts";
import { decryptList, decryptText } from "~/security/encryption.server.ts";
import { recordAccess } from "~/mentees/audit.server.ts";
import { deskSessionsOf } from "~/mentees/desk.server.ts";
import { recordPlanChanges } from "~/mentees/mentees.server.ts";
import { AuditEntryModel, DeskSessionModel, MenteeModel, PlanChangeModel, type Mentee } from "~/mentees/model.server.ts";
import { menteeOfAccount } from "~/mentees/lists.server.ts";
import { isObjectId } from "~/db/ids.server.ts";
import { forbidden } from "~/ui/responses.server.ts";

/** Everything the portal holds about the signed-in mentee, as one JSON document. */
export async function exportMenteeData(user: SessionUser) {
  if (user.role !== "mentee") forbidden();
  const mentee = await menteeOfAccount(user._id);
  const account = await UserModel.findById(user._id).select("email name language createdAt").lean();
  if (!mentee) return { account, mentee: null };
  await recordAccess(user, mentee._id, "plan");
  const [history, proposals, introductions, consents, accessLog, deskSessions, followUp, stories] = await Promise.all([
    PlanChangeModel.find({ menteeId: mentee._id }).select("-_id fields changedByName at").lean(),
    ProposalModel.find({ menteeId: mentee._id }).lean(),
    IntroductionModel.find({ menteeId: mentee._id }).lean(),
    ConsentModel.find({ menteeId: mentee._id }).lean(),
    AuditEntryModel.find({ menteeId: mentee._id }).select("-_id actorRole part at").sort({ at: -1 }).limit(1000).lean(),
    deskSessionsOf(mentee._id, 1000),
    checkinDataOf(mentee._id),
    storyDataOf(mentee._id),
  ]);
  const titles = await placementTitles([...proposals, ...introductions].map((p) => p.placementId));
  return {
    exportedAt: new Date().toISOString(),
    account: account && { email: account.email, name: account.name, language: account.language },
    plan: {
      firstName: mentee.firstName,
      fullName: mentee.fullName,
      email: mentee.email,
      language: mentee.language,
      readiness: mentee.readiness,
      readinessChangedAt: mentee.readinessChangedAt,
      goals: mentee.goals,
      strengths: mentee.strengths,
      interests: mentee.interests,
      skills: mentee.skills,
      languages: mentee.languages,
      town: mentee.town,
      travelKm: mentee.travelKm,
      hoursMin: mentee.hoursMin,
      hoursMax: mentee.hoursMax,
      supportNeeded: decryptList(mentee.supportNeededSealed),
      barriers: decryptText(mentee.barriersSealed),
      notes: decryptText(mentee.notesSealed),
    },
    planHistory: history,
    offers: proposals.map((p) => ({ placement: titles.get(String(p.placementId)), status: p.status, reason: p.reason, history: p.history })),
    introductions: introductions.map((i) => ({ placement: titles.get(String(i.placementId)), status: i.status, history: i.history })),
    consents: consents.map((c) => ({
      fields: c.fields,
      text: c.text,
      textVersion: c.textVersion,
      givenAt: c.givenAt,
      method: c.method,
      note: decryptText(c.noteSealed),
      withdrawnAt: c.withdrawnAt ?? null,
    })),
    deskSessions,
    followUps: followUp.followUps,
    checkins: followUp.checkins,
    outcomes: followUp.outcomes,
    stories,
    accessLog,
  };
}

/**
 * A coordinator carries out an erasure request: consents are withdrawn (so no employer sees
 * anything), the account and its sessions are deleted, and the record keeps only what programme
 * statistics need (readiness, country, outcomes), without the person.
 */
export async function eraseMentee(actor: SessionUser, menteeId: string): Promise<boolean> {
  if (actor.role !== "coordinator") forbidden();
  if (!isObjectId(menteeId)) return false;
  const mentee = await MenteeModel.findById(menteeId).lean<Mentee>();
  if (!mentee) return false;
  const now = new Date();
  await ConsentModel.updateMany(
    { menteeId: mentee._id, withdrawnAt: null },
    { $set: { withdrawnAt: now, withdrawnBy: actor._id, withdrawnByRole: "erasure" } },
  );
  await ConsentModel.updateMany({ menteeId: mentee._id }, { $set: { noteSealed: "" } });
  await IntroductionModel.updateMany(
    { menteeId: mentee._id, status: { $nin: ["withdrawn", "declined"] } },
    { $set: { status: "withdrawn" }, $push: { history: { status: "withdrawn", at: now, byRole: "erasure" } } },
  );
  await ProposalModel.updateMany({ menteeId: mentee._id }, { $set: { reason: "" } });
  await DeskSessionModel.deleteMany({ menteeId: mentee._id });
  // A handover's reason is a coordinator's words about her; who handed her over, and when, stays.
  await AuditEntryModel.updateMany({ menteeId: mentee._id, part: "handover" }, { $set: { "handover.reason": "" } });
  await eraseCheckinsOf(mentee._id);
  // E-mails to or about the person, sent or not, keep their address and name in the outbox. They
  // are found by the person's ids only: a name or an address can be someone else's too.
  await OutboxModel.deleteMany({ $or: [{ menteeId: mentee._id }, ...(mentee.userId ? [{ menteeUserId: mentee.userId }] : [])] });
  await eraseStoriesOf(mentee._id);
  await eraseAlertsOf(mentee._id);
  if (mentee.userId) {
    await Promise.all([
      SessionModel.deleteMany({ userId: mentee.userId }),
      TokenModel.deleteMany({ userId: mentee.userId }),
      UserModel.deleteOne({ _id: mentee.userId, role: "mentee" }),
    ]);
  }
  await MenteeModel.updateOne(
    { _id: mentee._id },
    {
      $set: {
        firstName: "—",
        fullName: "",
        email: "",
        goals: "",
        strengths: [],
        interests: [],
        skills: [],
        town: "—",
        lat: 0,
        lng: 0,
        supportNeededSealed: "",
        barriersSealed: "",
        notesSealed: "",
      },
      $unset: { userId: 1, key: 1 },
    },
  );
  await recordPlanChanges(actor, [{ menteeId: mentee._id, fields: ["erased"] }], now);
  return true;
}
