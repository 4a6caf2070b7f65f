import type { Types } from "mongoose";
import { createInvitedAccount } from "~/accounts/invitations.server.ts";
import { UserModel, type User } from "~/accounts/model.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { publicUrl } from "~/env.server.ts";
import { enqueueEmail } from "~/email/queue.server.ts";
import type { Language } from "~/i18n/languages.ts";
import { syncOrganisationPlacements } from "~/placements/placements.server.ts";
import { waitingMentorList } from "~/accounts/lists.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";
import { isObjectId } from "~/db/ids.server.ts";
import { inDateOrder, newestInList, oldestInList, wholeLists } from "~/db/id-lists.server.ts";
import { OrganisationModel, type Organisation } from "./model.server.ts";
import { listOrganisationDecision, organisationDecisionList, organisationEmployerList, waitingOrganisationList } from "./lists.server.ts";
import { emailOrganisation } from "./people.server.ts";
import { forbidden } from "~/ui/responses.server.ts";
import { now } from "~/clock/clock.ts";

export type Coordinator = Pick<SessionUser, "_id" | "role">;

export function assertCoordinator(actor: Coordinator) {
  if (actor.role !== "coordinator") forbidden();
}

const createdAt = (record: object) => (record as { createdAt?: Date }).createdAt;

/** Every decision on an organisation or a mentor records who took it and when. */
export function decisionStamp(actor: Coordinator) {
  return { decidedAt: now(), decidedBy: actor._id };
}

/** What is waiting for a coordinator: organisations to verify and mentors to approve, oldest first, and the latest decisions. */
export async function listPendingVerifications(actor: SessionUser) {
  assertCoordinator(actor);
  // From lists, each record read by _id (app/db/id-lists.server.ts): filtering every organisation and account took seconds on FerretDB.
  const at = now();
  const [waitingOrganisations, waitingMentors, decided] = await Promise.all([
    oldestInList<Organisation>(waitingOrganisationList, { limit: 200, at, read: (ids) => findByIds<Organisation>(OrganisationModel, ids), belongs: (o) => o.status === "pending" }),
    oldestInList<User>(waitingMentorList, {
      limit: 200,
      at,
      read: (ids) => findByIds<User>(UserModel, ids, "name email role approval organisationId emailConfirmedAt createdAt"),
      belongs: (u) => u.role === "mentor" && u.approval === "pending",
    }),
    // A few more than shown: an organisation decided twice at once is listed twice, and the order is the decisions' own.
    newestInList<Organisation>(organisationDecisionList, {
      limit: 30,
      read: (ids) => findByIds<Organisation>(OrganisationModel, ids, "name kind status decidedAt"),
      belongs: (o) => (o.status === "verified" || o.status === "rejected") && Boolean(o.decidedAt),
    }),
  ]);
  const organisations = inDateOrder(waitingOrganisations, createdAt);
  const mentors = inDateOrder(waitingMentors, createdAt);
  const recent = decided.sort((a, b) => b.decidedAt!.getTime() - a.decidedAt!.getTime()).slice(0, 10);
  const employerLists = await wholeLists(organisations.map((o) => organisationEmployerList(o._id)), 50);
  const registrantIds = [...employerLists.values()].flat();
  const [registrantRecords, mentorOrganisationRecords] = await Promise.all([
    findByIds<User>(UserModel, registrantIds, "name email role organisationId emailConfirmedAt createdAt"),
    findByIds<Organisation>(
      OrganisationModel,
      mentors.flatMap((m) => (m.organisationId ? [m.organisationId] : [])),
      "name",
    ),
  ]);
  const registrants = inDateOrder(
    registrantRecords.filter((u): u is User => u?.role === "employer"),
    createdAt,
  );
  const mentorOrganisations = mentorOrganisationRecords.filter((o): o is Organisation => Boolean(o));
  return {
    organisations: organisations.map((o) => ({
      id: String(o._id),
      name: o.name,
      kind: o.kind,
      mentorOrganisationType: o.mentorOrganisationType ?? null,
      town: o.town,
      country: o.country,
      createdAt: (o as { createdAt?: Date }).createdAt?.toISOString() ?? null,
      registrants: registrants
        .filter((u) => String(u.organisationId) === String(o._id))
        .map((u) => ({ name: u.name, email: u.email, confirmed: Boolean(u.emailConfirmedAt) })),
    })),
    mentors: mentors.map((m) => ({
      id: String(m._id),
      name: m.name,
      email: m.email,
      confirmed: Boolean(m.emailConfirmedAt),
      organisation: mentorOrganisations.find((o) => String(o._id) === String(m.organisationId))?.name ?? "",
      createdAt: (m as { createdAt?: Date }).createdAt?.toISOString() ?? null,
    })),
    recent: recent.map((o) => ({ id: String(o._id), name: o.name, kind: o.kind, status: o.status, decidedAt: o.decidedAt?.toISOString() ?? null })),
  };
}

type Decision = { verdict: "verify" } | { verdict: "reject"; reason: string };

/** Only a pending organisation can be decided; a second coordinator's click finds it decided. */
export async function decideOrganisation(actor: SessionUser, organisationId: string, decision: Decision): Promise<boolean> {
  assertCoordinator(actor);
  if (!isObjectId(organisationId) || !(await OrganisationModel.exists({ _id: organisationId, status: "pending" }))) return false;
  await listOrganisationDecision(organisationId);
  const organisation = await OrganisationModel.findOneAndUpdate(
    { _id: organisationId, status: "pending" },
    {
      $set: {
        status: decision.verdict === "verify" ? "verified" : "rejected",
        rejectionReason: decision.verdict === "reject" ? decision.reason : undefined,
        ...decisionStamp(actor),
      },
    },
    { new: true, lean: true },
  );
  if (!organisation) return false;
  await syncOrganisationPlacements(organisation._id);
  const told = { organisation: organisation.name, link: `${publicUrl()}/login` };
  if (decision.verdict === "verify") await emailOrganisation(organisation._id, { template: "organisationVerified", params: told, about: null });
  else await emailOrganisation(organisation._id, { template: "organisationRejected", params: { ...told, reason: decision.reason }, about: null });
  return true;
}

export async function decideMentor(actor: SessionUser, mentorId: string, decision: Decision): Promise<boolean> {
  assertCoordinator(actor);
  const mentor = await UserModel.findOneAndUpdate(
    { _id: mentorId, role: "mentor", approval: "pending" },
    {
      $set: {
        approval: decision.verdict === "verify" ? "approved" : "rejected",
        rejectionReason: decision.verdict === "reject" ? decision.reason : undefined,
        ...decisionStamp(actor),
      },
    },
    { new: true, lean: true },
  );
  if (!mentor) return false;
  const organisation = await OrganisationModel.findById(mentor.organisationId as Types.ObjectId).select("name").lean();
  const common = { name: mentor.name, organisation: organisation?.name ?? "", link: `${publicUrl()}/login` };
  await enqueueEmail(
    decision.verdict === "verify"
      ? { to: mentor.email, language: mentor.language as Language, template: "mentorApproved", params: common, about: null }
      : {
          to: mentor.email,
          language: mentor.language as Language,
          template: "mentorRejected",
          params: { ...common, reason: decision.reason },
          about: null,
        },
  );
  return true;
}

export async function getOrganisationSummary(organisationId: unknown) {
  if (!organisationId) return null;
  return OrganisationModel.findById(organisationId).select("name kind status rejectionReason town country").lean();
}

/** A coordinator withdraws a verified organisation's verification: its placements leave the public list. */
export async function withdrawVerification(actor: SessionUser, organisationId: string, reason: string): Promise<boolean> {
  assertCoordinator(actor);
  if (!isObjectId(organisationId) || !(await OrganisationModel.exists({ _id: organisationId, status: "verified" }))) return false;
  await listOrganisationDecision(organisationId);
  const organisation = await OrganisationModel.findOneAndUpdate(
    { _id: organisationId, status: "verified" },
    { $set: { status: "rejected", rejectionReason: reason, ...decisionStamp(actor) } },
    { new: true, lean: true },
  );
  if (!organisation) return false;
  await syncOrganisationPlacements(organisation._id);
  await emailOrganisation(organisation._id, { template: "organisationRejected", params: { organisation: organisation.name, link: `${publicUrl()}/login`, reason }, about: null });
  return true;
}

export interface MentorByCoordinator {
  key: string;
  email: string;
  name: string;
  language: Language;
  organisationId: unknown;
}

/**
 * A mentor a coordinator vouches for without a registration (an import): approved at once, by
 * that coordinator, and e-mailed a link to choose a password.
 */
export async function approveMentorByCoordinator(actor: Coordinator, mentor: MentorByCoordinator): Promise<Types.ObjectId> {
  assertCoordinator(actor);
  const { user, link } = await createInvitedAccount({ ...mentor, organisationId: mentor.organisationId as Types.ObjectId, role: "mentor", approval: "approved", ...decisionStamp(actor) });
  await enqueueEmail({ to: mentor.email, language: mentor.language, template: "mentorInvitation", params: { name: mentor.name, link }, about: null });
  return user._id;
}

/** A coordinator changes an approved mentor's key, name, language and organisation (never the e-mail address: it signs them in). */
export async function updateMentorByCoordinator(actor: Coordinator, mentorId: unknown, mentor: Omit<MentorByCoordinator, "email">) {
  assertCoordinator(actor);
  await UserModel.updateOne({ _id: mentorId, role: "mentor" }, { $set: mentor });
}
