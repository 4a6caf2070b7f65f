import { notDeactivated } from "~/accounts/activation.server.ts";
import { UserModel } from "~/accounts/model.server.ts";
import { openCheckinCount } from "~/checkins/open.server.ts";
import { publicUrl } from "~/env.server.ts";
import { createInvitedAccount } from "~/accounts/invitations.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { enqueueEmail } from "~/email/queue.server.ts";
import { isLanguage, type Language } from "~/i18n/languages.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { placeOf } from "~/placements/gazetteer.server.ts";
import { decryptList, decryptText, encryptList, encryptText } from "~/security/encryption.server.ts";
import { recordAccess, recordHandover, type AuditPart } from "./audit.server.ts";
import { recordLedgerEvent } from "~/ledger/ledger.server.ts";
import { MenteeModel, PlanChangeModel, type Mentee } from "./model.server.ts";
import { caseloadList, listInCaseload, listLeftCaseload, listMenteeAccount, listNames, listNewMentees, menteeIdsByName, menteeOfAccount, nameWords, programmeMenteeList } from "./lists.server.ts";
import { pageOfList, wholeList } from "~/db/id-lists.server.ts";
import { Types } from "mongoose";
import type { MenteeInput } from "./schema.server.ts";
import { now } from "~/clock/clock.ts";
import { isObjectId, requireObjectId } from "~/db/ids.server.ts";
import { forbidden, notFound } from "~/ui/responses.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";

type Failure = { ok: false; fieldErrors: Record<string, string> };

/** Only approved mentors keep a caseload; coordinators see the programme's mentees. */
function assertMentorOrCoordinator(actor: SessionUser) {
  if (actor.role === "coordinator") return;
  if (actor.role === "mentor" && actor.approval === "approved") return;
  forbidden();
}

export function mayAccess(actor: SessionUser, mentee: Pick<Mentee, "mentorId">): boolean {
  if (actor.role === "coordinator") return true;
  return actor.role === "mentor" && actor.approval === "approved" && String(mentee.mentorId) === String(actor._id);
}

export interface MenteePlan {
  id: string;
  mentorId: string;
  hasAccount: boolean;
  firstName: string;
  fullName: string;
  email: string;
  language: string;
  readiness: string;
  readinessChangedAt: string;
  goals: string;
  strengths: string[];
  interests: string[];
  skills: string[];
  languages: string[];
  town: string;
  country: string;
  lat: number;
  lng: number;
  travelKm: number;
  hoursMin: number;
  hoursMax: number;
  supportNeeded: string[];
  barriers: string;
  notes: string;
}

export function toPlan(m: Mentee): MenteePlan {
  return {
    id: String(m._id),
    mentorId: String(m.mentorId),
    hasAccount: Boolean(m.userId),
    firstName: m.firstName,
    fullName: m.fullName ?? "",
    email: m.email ?? "",
    language: m.language ?? "hr",
    readiness: m.readiness,
    readinessChangedAt: m.readinessChangedAt.toISOString(),
    goals: m.goals ?? "",
    strengths: m.strengths ?? [],
    interests: m.interests ?? [],
    skills: m.skills ?? [],
    languages: m.languages ?? [],
    town: m.town,
    country: m.country,
    lat: m.lat,
    lng: m.lng,
    travelKm: m.travelKm,
    hoursMin: m.hoursMin,
    hoursMax: m.hoursMax,
    supportNeeded: decryptList(m.supportNeededSealed),
    barriers: decryptText(m.barriersSealed),
    notes: decryptText(m.notesSealed),
  };
}

/** The plan, decrypted, for the lead mentor or a coordinator; the read is audited first. */
export async function getMenteePlan(actor: SessionUser, menteeId: string, part: AuditPart = "plan"): Promise<MenteePlan> {
  assertMentorOrCoordinator(actor);
  requireObjectId(menteeId);
  const mentee = await MenteeModel.findById(menteeId).lean<Mentee>();
  if (!mentee) notFound();
  if (!mayAccess(actor, mentee!)) forbidden();
  await recordAccess(actor, mentee!._id, part);
  return toPlan(mentee!);
}

/**
 * Before anything else in a mentor's action on a mentee: only the lead mentor goes on (404 for an
 * unknown id, 403 for anyone else), so a refused person learns nothing from a form's errors.
 */
export async function requireLeadMentor(actor: SessionUser, menteeId: string): Promise<void> {
  if (actor.role !== "mentor" || actor.approval !== "approved") forbidden();
  requireObjectId(menteeId);
  const mentee = await MenteeModel.findById(menteeId).select("mentorId").lean();
  if (!mentee) notFound();
  if (!mayAccess(actor, mentee!)) forbidden();
}

/** Names and readiness only, by first name: a mentor's caseload, or for a coordinator the programme's newest 1000. */
export async function listCaseload(actor: SessionUser) {
  assertMentorOrCoordinator(actor);
  const ids = actor.role === "coordinator" ? (await pageOfList(programmeMenteeList, { page: 1, pageSize: 1000 })).ids : await wholeList(caseloadList(actor._id), 1000);
  const mentees = (await caseloadEntries(ids)).filter((m) => actor.role === "coordinator" || String(m.mentorId) === String(actor._id));
  return withMentorNames(mentees.sort((a, b) => a.firstName.localeCompare(b.firstName)));
}

/**
 * The ids her caseload's list names (some may have been handed over since): what a page reads the
 * mentees' other lists by while it reads the mentees themselves (caseloadOf with these ids).
 */
export async function caseloadIds(mentor: { _id: unknown }): Promise<string[]> {
  return wholeList(caseloadList(mentor._id), 1000);
}

/** The mentor's own caseload as records (first name and country), read by _id from her list. */
export async function caseloadOf(mentor: { _id: unknown }, listed?: string[]): Promise<Pick<Mentee, "_id" | "firstName" | "fullName" | "country" | "mentorId">[]> {
  const ids = listed ?? (await caseloadIds(mentor));
  const found = await findByIds<Mentee>(MenteeModel, ids, "firstName fullName country mentorId");
  return found.filter((m): m is Mentee => Boolean(m) && String(m!.mentorId) === String(mentor._id));
}

/** The programme's mentees for a coordinator, newest first, a page at a time. */
export async function listProgrammeMentees(actor: SessionUser, page: number) {
  if (actor.role !== "coordinator") forbidden();
  const pageSize = 50;
  const { ids, length, page: shown, pages } = await pageOfList(programmeMenteeList, { page, pageSize });
  return { mentees: await withMentorNames(await caseloadEntries(ids)), page: shown, pages, total: length };
}

/** The programme's mentees with a word of their name starting with each word asked, by name, at most `limit`. */
export async function findProgrammeMenteesByName(actor: SessionUser, query: string, limit = 50) {
  if (actor.role !== "coordinator") forbidden();
  const { words, ids } = await menteeIdsByName(query);
  const named = (await caseloadEntries(ids)).filter((m) => {
    const own = nameWords(`${m.firstName} ${m.fullName}`);
    return words.every((word) => own.some((w) => w.startsWith(word)));
  });
  const sorted = named.sort((a, b) => (a.fullName || a.firstName).localeCompare(b.fullName || b.firstName));
  return { mentees: await withMentorNames(sorted.slice(0, limit)), more: sorted.length > limit };
}

/** Each mentee by _id (FerretDB answers those from its primary key); the ones erased since are left out. */
async function caseloadEntries(ids: string[]): Promise<Mentee[]> {
  const found = await findByIds<Mentee>(MenteeModel, ids, "firstName fullName readiness town mentorId userId updatedAt");
  return found.filter((m): m is Mentee => Boolean(m));
}

async function withMentorNames(mentees: Mentee[]) {
  const mentorIds = [...new Set(mentees.map((m) => String(m.mentorId)))];
  const mentors = await findByIds<{ _id: unknown; name: string }>(UserModel, mentorIds, "name");
  const names = new Map(mentorIds.map((id, n) => [id, mentors[n]?.name ?? ""]));
  return mentees.map((m) => ({
    id: String(m._id),
    name: m.fullName || m.firstName,
    readiness: m.readiness,
    town: m.town,
    mentorName: names.get(String(m.mentorId)) ?? "",
    hasAccount: Boolean(m.userId),
  }));
}

/** The stored form of a plan: special-category parts sealed. */
export function menteeRecordFields(input: MenteeInput, place: { town: string; lat: number; lng: number }) {
  return {
    firstName: input.firstName,
    fullName: input.fullName,
    email: input.email ?? "",
    language: input.language,
    readiness: input.readiness,
    goals: input.goals,
    strengths: input.strengths,
    interests: input.interests,
    skills: input.skills,
    languages: input.languages,
    town: place.town,
    country: input.country,
    lat: place.lat,
    lng: place.lng,
    travelKm: input.travelKm,
    hoursMin: input.hoursMin,
    hoursMax: input.hoursMax,
    supportNeededSealed: encryptList(input.supportNeeded),
    barriersSealed: encryptText(input.barriers),
    notesSealed: encryptText(input.notes),
  };
}

function sealedFields(input: MenteeInput) {
  const place = placeOf(input);
  return place ? menteeRecordFields(input, place) : null;
}

/** A mentee as stored: the plan's fields, the lead mentor and, when an import brought it, its key. */
export type MenteeRecord = ReturnType<typeof menteeRecordFields> & { mentorId: unknown; key?: string };

/** Stores a new mentee, typed in or imported; her readiness counts from now. */
export async function createMenteeRecord(record: MenteeRecord, at = now()) {
  const _id = new Types.ObjectId();
  await listNewMentees([{ _id, mentorId: record.mentorId, firstName: record.firstName, fullName: record.fullName }]);
  const created = await MenteeModel.create({ ...record, _id, readinessChangedAt: at });
  await recordLedgerEvent(created, { kind: "joined", to: record.readiness });
  return created._id;
}

/** Stores a changed plan; a change of readiness restarts the date it counts from. */
export async function updateMenteeRecord(menteeId: unknown, record: Partial<MenteeRecord>, changedFields: string[], at = now()) {
  const readinessChanges = changedFields.includes("readiness") && record.readiness !== undefined;
  const before = readinessChanges || record.mentorId !== undefined ? await MenteeModel.findById(menteeId).select("readiness mentorId country").lean() : null;
  if (before && record.mentorId !== undefined && String(before.mentorId) !== String(record.mentorId)) await listInCaseload(menteeId, record.mentorId);
  if (record.firstName !== undefined || record.fullName !== undefined) {
    const name = record.firstName !== undefined && record.fullName !== undefined ? record : await MenteeModel.findById(menteeId).select("firstName fullName").lean();
    await listNames([{ _id: menteeId, firstName: record.firstName ?? name?.firstName, fullName: record.fullName ?? name?.fullName }]);
  }
  await MenteeModel.updateOne({ _id: menteeId }, { $set: { ...record, ...(readinessChanges ? { readinessChangedAt: at } : {}) } });
  if (before && record.mentorId !== undefined && String(before.mentorId) !== String(record.mentorId)) await listLeftCaseload(menteeId, before.mentorId);
  if (before && readinessChanges && before.readiness !== record.readiness) await recordLedgerEvent(before, { kind: "readiness", from: before.readiness, to: record.readiness });
}

/** Who changed which parts of plans, one entry a plan: a form, an import's rows, a handover, an erasure. */
export async function recordPlanChanges(actor: Pick<SessionUser, "_id" | "name">, changes: { menteeId: unknown; fields: string[] }[], at = now()) {
  if (!changes.length) return;
  await PlanChangeModel.insertMany(changes.map((change) => ({ ...change, changedBy: actor._id, changedByName: actor.name, at })));
}

export async function createMentee(actor: SessionUser, input: MenteeInput): Promise<{ ok: true; id: string } | Failure> {
  if (actor.role !== "mentor" || actor.approval !== "approved") forbidden();
  const fields = sealedFields(input);
  if (!fields) return { ok: false, fieldErrors: { town: "errors.unknownTown" } };
  const menteeId = await createMenteeRecord({ ...fields, mentorId: actor._id });
  await recordPlanChanges(actor, [{ menteeId, fields: ["created"] }]);
  return { ok: true, id: String(menteeId) };
}

const comparedFields: (keyof MenteePlan)[] = ["firstName", "fullName", "email", "language", "readiness", "goals", "strengths", "interests", "skills", "languages", "town", "travelKm", "hoursMin", "hoursMax", "supportNeeded", "barriers", "notes"];

export async function updateMenteePlan(actor: SessionUser, menteeId: string, input: MenteeInput): Promise<{ ok: true } | Failure> {
  const before = await getMenteePlan(actor, menteeId, "plan");
  const fields = sealedFields(input);
  if (!fields) return { ok: false, fieldErrors: { town: "errors.unknownTown" } };
  const after: Record<string, unknown> = { ...input, town: fields.town, email: input.email ?? "" };
  const changed = comparedFields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
  if (changed.length === 0) return { ok: true };
  await updateMenteeRecord(menteeId, fields, changed);
  await recordPlanChanges(actor, [{ menteeId, fields: changed }]);
  return { ok: true };
}

export async function planHistory(actor: SessionUser, menteeId: string) {
  return historyForPlan(await getMenteePlan(actor, menteeId, "plan"));
}

/** The history of a plan the caller has already read (and so authorised and audited). */
export function historyForPlan(plan: Pick<MenteePlan, "id">) {
  return PlanChangeModel.find({ menteeId: plan.id }).sort({ at: -1 }).limit(50).lean();
}

export interface MentorChoice {
  id: string;
  name: string;
  organisationId: string | null;
  organisation: string;
  country: string | null;
}

/** Mentors with their organisation and its country, as a choice on a handover form. */
export async function mentorChoices(mentors: { _id: unknown; name: string; organisationId?: unknown }[]): Promise<MentorChoice[]> {
  const organisations = await OrganisationModel.find({ _id: { $in: [...new Set(mentors.map((m) => String(m.organisationId ?? "")).filter(Boolean))] } })
    .select("name country")
    .lean();
  const byId = new Map(organisations.map((o) => [String(o._id), o]));
  return mentors.map((m) => {
    const organisation = byId.get(String(m.organisationId ?? ""));
    return { id: String(m._id), name: m.name, organisationId: organisation ? String(organisation._id) : null, organisation: organisation?.name ?? "", country: organisation?.country ?? null };
  });
}

/** Approved mentors whose account is active, with their organisation and its country: who a coordinator may hand a mentee over to. */
export async function listApprovedMentors(): Promise<MentorChoice[]> {
  return mentorChoices(await UserModel.find({ role: "mentor", approval: "approved", ...notDeactivated }).select("name organisationId").sort({ name: 1 }).limit(2000).lean());
}

/** A mentee's lead mentor as a choice, and whether the account is still active (a deactivated one is in no list of choices). */
export async function leadMentorOf(mentorId: unknown): Promise<(MentorChoice & { active: boolean }) | null> {
  const mentor = await UserModel.findById(mentorId).select("name organisationId deactivatedAt").lean();
  if (!mentor) return null;
  const [choice] = await mentorChoices([mentor]);
  return { ...choice, active: !mentor.deactivatedAt };
}

/**
 * What a handover to this mentor crosses: another organisation than the lead mentor's, another
 * country than the one the mentee lives in. The plan goes with the mentee, private part included.
 */
export function handoverCrossing(mentee: { country: string }, currentMentor: MentorChoice | undefined, newMentor: MentorChoice) {
  return {
    organisation: Boolean(currentMentor) && currentMentor!.organisationId !== newMentor.organisationId,
    country: newMentor.country !== mentee.country,
  };
}

/**
 * A coordinator makes another approved, active mentor the lead mentor, with a reason. Across an
 * organisation or a country only with `acrossConfirmed`: the coordinator has read the warning and
 * ticked its box. Every open check-in and pending reminder moves in this one change (a check-in's
 * mentor is always the mentee's lead mentor, see app/checkins). The handover is audited (who,
 * from, to, why) and the new mentor is told by e-mail, in their language, with the mentee's first
 * name and how many open check-ins came with them.
 */
export async function handOverMentee(actor: SessionUser, menteeId: string, newMentorId: string, options: { acrossConfirmed: boolean; reason: string }): Promise<{ ok: true } | Failure> {
  if (actor.role !== "coordinator") forbidden();
  if (!isObjectId(menteeId)) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const reason = options.reason.trim();
  const missing = { ...(newMentorId ? {} : { mentorId: "errors.chooseOne" }), ...(reason ? {} : { reason: "errors.required" }) };
  if (Object.keys(missing).length) return { ok: false, fieldErrors: missing };
  const mentee = await MenteeModel.findById(menteeId).select("mentorId country firstName").lean();
  if (!mentee) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const mentors = await listApprovedMentors();
  const newMentor = mentors.find((m) => m.id === newMentorId);
  if (!newMentor) return { ok: false, fieldErrors: { mentorId: "errors.choice" } };
  if (newMentor.id === String(mentee.mentorId)) return { ok: false, fieldErrors: { mentorId: "errors.sameMentor" } };
  const lead = await leadMentorOf(mentee.mentorId);
  const crossing = handoverCrossing(mentee, lead ?? undefined, newMentor);
  if ((crossing.organisation || crossing.country) && !options.acrossConfirmed) return { ok: false, fieldErrors: { confirmAcross: "errors.confirmHandoverAcross" } };
  await listInCaseload(mentee._id, newMentor.id);
  // The filter on the old lead makes a double submit a no-op rather than a second history entry.
  const result = await MenteeModel.updateOne({ _id: menteeId, mentorId: mentee.mentorId }, { $set: { mentorId: newMentor.id } });
  if (result.modifiedCount === 0) {
    await listLeftCaseload(mentee._id, newMentor.id);
    return { ok: false, fieldErrors: { form: "errors.alreadyDecided" } };
  }
  await listLeftCaseload(mentee._id, mentee.mentorId);
  const at = now();
  await recordHandover(actor, mentee._id, { fromMentorId: mentee.mentorId, toMentorId: newMentor.id, reason }, at);
  await recordLedgerEvent({ _id: mentee._id, mentorId: newMentor.id, country: mentee.country }, { kind: "handover" });
  await recordPlanChanges(actor, [{ menteeId, fields: ["leadMentor"] }], at);
  const [account, openCheckins] = await Promise.all([UserModel.findById(newMentor.id).select("email name language").lean(), openCheckinCount(mentee._id)]);
  if (account) {
    await enqueueEmail({
      to: account.email,
      language: (isLanguage(account.language) ? account.language : "en") as Language,
      template: "menteeHandedOver",
      params: { name: account.name, mentee: mentee.firstName, previous: lead?.name ?? "", openCheckins, link: `${publicUrl()}/mentor/mentees/${menteeId}` },
      about: { menteeId: mentee._id },
    });
  }
  return { ok: true };
}

/** Creates the mentee's account and e-mails a single-use link to choose a password. */
export async function inviteMentee(actor: SessionUser, menteeId: string): Promise<{ ok: true; email: string } | Failure> {
  const plan = await getMenteePlan(actor, menteeId, "plan");
  if (actor.role !== "mentor") forbidden();
  if (!plan.email) return { ok: false, fieldErrors: { form: "errors.required" } };
  if (plan.hasAccount) return { ok: false, fieldErrors: { form: "errors.invitationExists" } };
  let invited;
  try {
    invited = await createInvitedAccount({ email: plan.email, name: plan.firstName, role: "mentee", language: plan.language as Language, approval: "approved" });
  } catch (error) {
    if (isDuplicateKeyError(error)) return { ok: false, fieldErrors: { form: "errors.emailTaken" } };
    throw error;
  }
  await listMenteeAccount(invited.user._id, menteeId);
  await MenteeModel.updateOne({ _id: menteeId }, { $set: { userId: invited.user._id } });
  await enqueueEmail({
    to: plan.email,
    language: plan.language as Language,
    template: "menteeInvitation",
    params: { name: plan.firstName, mentor: actor.name, link: invited.link },
    about: { menteeId: plan.id },
  });
  return { ok: true, email: plan.email };
}

/** The mentee record of a signed-in mentee. */
export async function getOwnMenteeRecord(user: SessionUser) {
  if (user.role !== "mentee") forbidden();
  const mentee = await menteeOfAccount(user._id);
  if (!mentee) notFound();
  return mentee!;
}
