import { peopleOfOrganisation } from "~/organisations/people.server.ts";
import { actingRole, type SessionUser } from "~/accounts/session.server.ts";
import { UserModel } from "~/accounts/model.server.ts";
import { claimOnce } from "~/db/claims.server.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { enqueueEmail } from "~/email/queue.server.ts";
import { enqueueOutbox } from "~/outbox/outbox.server.ts";
import { publicUrl } from "~/env.server.ts";
import { getT } from "~/i18n/i18n.server.ts";
import { isLanguage, type Language } from "~/i18n/languages.ts";
import { recordAccess, recordAccessMany } from "~/mentees/audit.server.ts";
import { recordDeskAction } from "~/mentees/desk.server.ts";
import { MenteeModel, ProposalModel, type Mentee } from "~/mentees/model.server.ts";
import { decryptList, decryptText, encryptText } from "~/security/encryption.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { PlacementModel } from "~/placements/model.server.ts";
import { ConsentModel, IntroductionModel, type Consent, type Introduction } from "./model.server.ts";
import { CONSENT_TEXT_VERSION, consentNamesThePerson, introductionTransitions, transitionAllowed, type ConsentField, type IntroductionStatus } from "./vocabulary.ts";

type Failure = { ok: false; fieldErrors: Record<string, string> };
const forbidden = (): never => {
  throw new Response("Forbidden", { status: 403 });
};

function isId(id: string) {
  return /^[a-f0-9]{24}$/.test(id);
}

async function leadMentorOf(mentee: Pick<Mentee, "mentorId">, actor: SessionUser) {
  return actor.role === "mentor" && actor.approval === "approved" && String(mentee.mentorId) === String(actor._id);
}

/** The mentor opens "Introduce" for an offer the mentee is interested in; opening it twice gives the same one. */
export async function startIntroduction(actor: SessionUser, proposalId: string): Promise<{ ok: true; id: string } | Failure> {
  if (!isId(proposalId)) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const proposal = await ProposalModel.findById(proposalId).lean();
  if (!proposal) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const mentee = await MenteeModel.findById(proposal.menteeId).select("mentorId").lean();
  if (!mentee || !(await leadMentorOf(mentee, actor))) forbidden();
  if (proposal.status !== "interested") return { ok: false, fieldErrors: { form: "errors.transitionNotAllowed" } };
  const placement = await PlacementModel.findById(proposal.placementId).select("organisationId").lean();
  if (!placement) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  try {
    const created = await IntroductionModel.create({
      menteeId: proposal.menteeId,
      proposalId: proposal._id,
      placementId: proposal.placementId,
      organisationId: placement.organisationId,
      mentorId: actor._id,
      status: "proposed",
      history: [{ status: "proposed", at: new Date(), byRole: "mentor" }],
    });
    return { ok: true, id: String(created._id) };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const existing = await IntroductionModel.findOne({ proposalId: proposal._id }).select("_id").lean();
    return { ok: true, id: String(existing!._id) };
  }
}

/**
 * Moves an introduction only along an allowed edge, and only from the state it is in now. The
 * transition is claimed once per version, so of two racing requests exactly one moves it.
 */
export async function transition(introductionId: unknown, from: IntroductionStatus, to: IntroductionStatus, byRole: string, set: Record<string, unknown> = {}) {
  if (!introductionTransitions[from]?.[to]) return false;
  const current = await IntroductionModel.findById(introductionId).select("status version").lean();
  if (!current || current.status !== from) return false;
  if (!(await claimOnce(`introduction:${String(introductionId)}:${current.version}`))) return false;
  const result = await IntroductionModel.updateOne(
    { _id: introductionId, status: from, version: current.version },
    { $set: { status: to, version: current.version + 1, ...set }, $push: { history: { status: to, at: new Date(), byRole } } },
  );
  return result.modifiedCount === 1;
}

/** The exact text the mentee is shown and agrees to, in their language. */
export function consentText(language: string, p: { organisation: string; placement: string; fields: ConsentField[]; mentor: string }) {
  const t = getT(isLanguage(language) ? language : "en");
  return [
    t("consent.purpose", { organisation: p.organisation, placement: p.placement }),
    t("consent.recipient", { organisation: p.organisation }),
    t("consent.fieldsIntro"),
    ...p.fields.map((f) => `• ${t(`consent.fields.${f}`)}`),
    t("consent.mentorContact", { mentor: p.mentor }),
    t("consent.withdraw"),
  ].join("\n");
}

export async function consentContext(introductionId: string) {
  const introduction = await IntroductionModel.findById(introductionId).lean<Introduction>();
  if (!introduction) return null;
  const [organisation, placement, mentor, mentee] = await Promise.all([
    OrganisationModel.findById(introduction.organisationId).select("name").lean(),
    PlacementModel.findById(introduction.placementId).select("title").lean(),
    UserModel.findById(introduction.mentorId).select("name email").lean(),
    MenteeModel.findById(introduction.menteeId).lean<Mentee>(),
  ]);
  return { introduction, organisation, placement, mentor, mentee };
}

/**
 * The mentee gives consent, with the mentor (recorded by the mentor on the mentor's page, or by
 * the mentee in a desk session the mentor opened: witnessed by that mentor either way) or on
 * their own device. A second submit finds the introduction already consented and changes nothing.
 */
export async function giveConsent(
  actor: SessionUser,
  introductionId: string,
  input: { fields: ConsentField[]; note: string; method: "with_mentor" | "own_device" },
): Promise<{ ok: true } | Failure> {
  if (!isId(introductionId)) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const context = await consentContext(introductionId);
  if (!context?.mentee) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const { introduction, mentee } = context;
  const asMentee = actor.role === "mentee" && String(mentee.userId) === String(actor._id);
  const asMentor = await leadMentorOf(mentee, actor);
  if (!(asMentee || asMentor)) forbidden();
  if (input.method === "own_device" && !asMentee) forbidden();
  // A desk session is the mentor's screen with the mentor present, whatever the page submitted.
  const method = actor.desk ? "with_mentor" : input.method;
  const witness = actor.desk ? actor.desk.mentorId : introduction.mentorId;
  const fields = [...new Set(input.fields)].filter((f) => f !== "note" || input.note.trim());
  if (!consentNamesThePerson(fields)) return { ok: false, fieldErrors: { fields: "errors.consentNeedsName" } };
  if (!(await transition(introduction._id, "proposed", "consented", asMentee ? actingRole(actor) : "mentor"))) {
    return { ok: false, fieldErrors: { form: "errors.transitionNotAllowed" } };
  }
  await ConsentModel.create({
    menteeId: mentee._id,
    introductionId: introduction._id,
    purpose: "introduction",
    organisationId: introduction.organisationId,
    placementId: introduction.placementId,
    fields,
    noteSealed: fields.includes("note") ? encryptText(input.note.trim()) : "",
    text: consentText(mentee.language ?? "en", {
      organisation: context.organisation?.name ?? "",
      placement: context.placement?.title ?? "",
      fields,
      mentor: context.mentor?.name ?? "",
    }),
    textVersion: CONSENT_TEXT_VERSION,
    language: mentee.language ?? "en",
    givenAt: new Date(),
    method,
    recordedBy: actor._id,
    witnessedBy: method === "with_mentor" ? witness : undefined,
  });
  await recordDeskAction(actor, { kind: "consent_given", placement: context.placement?.title ?? "", organisation: context.organisation?.name ?? "" });
  await transition(introduction._id, "consented", "introduced", "system");
  await enqueueIntroductionEmails(introduction);
  return { ok: true };
}

/** One e-mail per person of the organisation, in their language; the content is decided when it is sent. */
async function enqueueIntroductionEmails(introduction: Introduction) {
  const [people, placement] = await Promise.all([
    peopleOfOrganisation(introduction.organisationId),
    PlacementModel.findById(introduction.placementId).select("title").lean(),
  ]);
  for (const person of people) {
    await enqueueOutbox("email", {
      to: person.email,
      language: person.language,
      template: "introduction",
      params: {
        name: person.name,
        placement: placement?.title ?? "",
        link: `${publicUrl()}/employer/introductions/${introduction._id}`,
        organisationId: String(introduction.organisationId),
        introductionId: String(introduction._id),
      },
    }, { menteeId: introduction.menteeId });
  }
}

/**
 * Withdrawal: as few steps as giving; by the mentee, or by the lead mentor on their behalf (recorded
 * as such). A consent in force can always be withdrawn: after the employer declined, the
 * introduction stays "declined" and only the consent ends.
 */
export async function withdrawConsent(actor: SessionUser, introductionId: string): Promise<{ ok: true } | Failure> {
  if (!isId(introductionId)) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const context = await consentContext(introductionId);
  if (!context?.mentee) return { ok: false, fieldErrors: { form: "errors.invalid" } };
  const asMentee = actor.role === "mentee" && String(context.mentee.userId) === String(actor._id);
  if (!(asMentee || (await leadMentorOf(context.mentee, actor)))) forbidden();
  const now = new Date();
  const byRole = asMentee ? actingRole(actor) : "mentor_on_behalf";
  const withdrawn = await ConsentModel.updateMany(
    { introductionId: context.introduction._id, withdrawnAt: null },
    { $set: { withdrawnAt: now, withdrawnBy: actor._id, withdrawnByRole: byRole, ...(actor.desk ? { withdrawalWitnessedBy: actor.desk.mentorId } : {}) } },
  );
  const from = context.introduction.status as IntroductionStatus;
  const moved = transitionAllowed(from, "withdrawn")
    ? await transition(context.introduction._id, from, "withdrawn", byRole)
    : withdrawn.modifiedCount > 0;
  if (!moved) return { ok: false, fieldErrors: { form: "errors.transitionNotAllowed" } };
  await recordDeskAction(actor, { kind: "consent_withdrawn", placement: context.placement?.title ?? "", organisation: context.organisation?.name ?? "" });
  await tellOfWithdrawal(context.introduction, from, { toMentor: asMentee && !actor.desk });
  return { ok: true };
}

/**
 * After a withdrawal: the employer learns that access ended (only if they had been introduced,
 * and with nothing about the person but that she withdrew), and the lead mentor learns that the
 * mentee changed her mind, unless the mentor withdrew for her or was at the desk when she did.
 */
async function tellOfWithdrawal(introduction: Introduction, from: IntroductionStatus, { toMentor }: { toMentor: boolean }) {
  const [placement, mentee] = await Promise.all([
    PlacementModel.findById(introduction.placementId).select("title").lean(),
    MenteeModel.findById(introduction.menteeId).select("firstName mentorId").lean(),
  ]);
  const about = { menteeId: introduction.menteeId };
  const employerTold = from !== "proposed";
  if (employerTold) {
    for (const person of await peopleOfOrganisation(introduction.organisationId)) {
      await enqueueEmail({
        to: person.email,
        language: languageOf(person.language),
        template: "consentWithdrawnEmployer",
        params: { name: person.name, placement: placement?.title ?? "", link: `${publicUrl()}/employer/introductions/${introduction._id}` },
        about,
      });
    }
  }
  const mentor = toMentor && mentee ? await UserModel.findById(mentee.mentorId).select("email name language").lean() : null;
  if (mentor) {
    const organisation = await OrganisationModel.findById(introduction.organisationId).select("name").lean();
    await enqueueEmail({
      to: mentor.email,
      language: languageOf(mentor.language),
      template: "consentWithdrawnMentor",
      params: { name: mentor.name, mentee: mentee!.firstName, placement: placement?.title ?? "", organisation: organisation?.name ?? "", employerTold, link: `${publicUrl()}/mentor/introductions/${introduction._id}` },
      about,
    });
  }
}

function languageOf(language: unknown): Language {
  return isLanguage(language) ? language : "en";
}

export interface VisibleProfile {
  withdrawn: boolean;
  fields: ConsentField[];
  firstName?: string;
  fullName?: string;
  ownContact?: string;
  skillsSummary?: string;
  availability?: { hoursMin: number; hoursMax: number };
  supportNeeded?: string[];
  note?: string;
  mentor: { name: string; email: string };
}

/**
 * THE one place that decides what an organisation may see of a mentee, from the consent in force
 * right now. Every employer page, e-mail and export goes through it; without a consent in force
 * it returns no mentee data at all.
 */
export async function visibleProfileFor(organisationId: unknown, introductionId: unknown): Promise<VisibleProfile | null> {
  const introduction = await IntroductionModel.findById(introductionId).lean<Introduction>();
  if (!introduction || String(introduction.organisationId) !== String(organisationId)) return null;
  const mentor = await UserModel.findById(introduction.mentorId).select("name email").lean();
  const mentorContact = { name: mentor?.name ?? "", email: mentor?.email ?? "" };
  const consent = await ConsentModel.findOne({ introductionId: introduction._id, organisationId, withdrawnAt: null }).lean<Consent>();
  if (!consent || introduction.status === "withdrawn") return { withdrawn: true, fields: [], mentor: mentorContact };
  const mentee = await MenteeModel.findById(introduction.menteeId).lean<Mentee>();
  if (!mentee) return { withdrawn: true, fields: [], mentor: mentorContact };
  const fields = consent.fields as ConsentField[];
  const profile: VisibleProfile = { withdrawn: false, fields, mentor: mentorContact };
  if (fields.includes("firstName")) profile.firstName = mentee.firstName;
  if (fields.includes("fullName")) profile.fullName = mentee.fullName || mentee.firstName;
  if (fields.includes("ownContact") && mentee.email && !mentee.email.endsWith("@mentee.invalid")) profile.ownContact = mentee.email;
  if (fields.includes("skillsSummary")) profile.skillsSummary = [...(mentee.skills ?? []), ...(mentee.strengths ?? [])].join(", ");
  if (fields.includes("availability")) profile.availability = { hoursMin: mentee.hoursMin, hoursMax: mentee.hoursMax };
  if (fields.includes("supportNeeded")) profile.supportNeeded = decryptList(mentee.supportNeededSealed);
  if (fields.includes("note")) profile.note = decryptText(consent.noteSealed);
  return profile;
}

/**
 * THE query behind every employer view of introductions: their organisation's, and only those a
 * consent has covered (the history holds "consented" from the moment one was given, and keeps it
 * after a withdrawal). An introduction still waiting for the mentee's consent does not exist for
 * the employer: not in the list, not as a page.
 */
function employerIntroductions(actor: SessionUser, filter: { _id?: string } = {}) {
  if (actor.role !== "employer" || !actor.organisationId) forbidden();
  return IntroductionModel.find({ ...filter, organisationId: actor.organisationId, "history.status": "consented" });
}

/** Before an employer's answer is read: the introduction must be one their list shows, else 404. */
export async function requireEmployerIntroduction(actor: SessionUser, introductionId: string): Promise<void> {
  if (actor.role !== "employer") forbidden();
  if (!isId(introductionId) || !(await employerIntroductions(actor, { _id: introductionId }).limit(1).select("_id").lean()).length) {
    throw new Response("Not found", { status: 404 });
  }
}

/** An employer opening an introduction: only one their list shows (else 404), and the view is audited. */
export async function introductionForEmployer(actor: SessionUser, introductionId: string) {
  if (actor.role !== "employer") forbidden();
  if (!isId(introductionId)) throw new Response("Not found", { status: 404 });
  const [introduction] = await employerIntroductions(actor, { _id: introductionId }).limit(1).lean<Introduction[]>();
  if (!introduction) throw new Response("Not found", { status: 404 });
  const profile = await visibleProfileFor(actor.organisationId, introduction._id);
  if (profile && !profile.withdrawn) await recordAccess(actor, introduction.menteeId, "introduction");
  return { introduction, profile: profile! };
}

/** The employer's answer: accept, propose a meeting, or decline with a reason. */
export async function respondToIntroduction(
  actor: SessionUser,
  introductionId: string,
  response: { answer: "accepted"; } | { answer: "meeting_proposed"; at: Date; place: string } | { answer: "declined"; reason: string },
): Promise<{ ok: true } | Failure> {
  const { introduction } = await introductionForEmployer(actor, introductionId);
  const set =
    response.answer === "meeting_proposed"
      ? { meetingAt: response.at, meetingPlace: response.place }
      : response.answer === "declined"
        ? { declineReason: response.reason }
        : {};
  if (!(await transition(introduction._id, introduction.status as IntroductionStatus, response.answer, "employer", set))) {
    return { ok: false, fieldErrors: { form: "errors.transitionNotAllowed" } };
  }
  await tellMentorAndMentee(introduction, response.answer);
  return { ok: true };
}

/** Mentor and mentee hear of the employer's answer, each in their own language. */
async function tellMentorAndMentee(introduction: Introduction, answer: string) {
  const [organisation, placement, mentee] = await Promise.all([
    OrganisationModel.findById(introduction.organisationId).select("name").lean(),
    PlacementModel.findById(introduction.placementId).select("title").lean(),
    MenteeModel.findById(introduction.menteeId).select("userId mentorId").lean(),
  ]);
  const recipients = [
    { userId: mentee?.mentorId, link: `${publicUrl()}/mentor/introductions/${introduction._id}` },
    { userId: mentee?.userId, link: `${publicUrl()}/me/consents` },
  ];
  for (const recipient of recipients) {
    if (!recipient.userId) continue;
    const user = await UserModel.findById(recipient.userId).select("email name language").lean();
    if (!user || user.email.endsWith("@mentee.invalid")) continue;
    await enqueueOutbox("email", {
      to: user.email,
      language: user.language,
      template: "introductionAnswered",
      params: { name: user.name, organisation: organisation?.name ?? "", placement: placement?.title ?? "", answer, link: recipient.link },
    }, { menteeId: introduction.menteeId });
  }
}

/** The employer's list: each entry shows only what visibleProfileFor allows. */
export async function introductionsForEmployer(actor: SessionUser) {
  const introductions = await employerIntroductions(actor).sort({ updatedAt: -1 }).limit(200).lean<Introduction[]>();
  return Promise.all(
    introductions.map(async (i) => {
      const [placement, profile] = await Promise.all([PlacementModel.findById(i.placementId).select("title").lean(), visibleProfileFor(actor.organisationId, i._id)]);
      // The list shows only a name; the read is recorded when it shows one.
      if (profile && !profile.withdrawn && (profile.firstName || profile.fullName)) await recordAccess(actor, i.menteeId, "introduction");
      return { id: String(i._id), status: i.status, placement: placement?.title ?? "", firstName: profile?.firstName ?? profile?.fullName ?? null };
    }),
  );
}

/**
 * Before anything else in an action on an introduction: only its mentee or her lead mentor goes
 * on (404 for an unknown id, 403 for anyone else), so a refused person learns nothing from a form's errors.
 */
export async function requireIntroductionParty(actor: SessionUser, introductionId: string): Promise<void> {
  if (!isId(introductionId)) throw new Response("Not found", { status: 404 });
  const introduction = await IntroductionModel.findById(introductionId).select("menteeId").lean();
  const mentee = introduction ? await MenteeModel.findById(introduction.menteeId).select("mentorId userId").lean() : null;
  if (!mentee) throw new Response("Not found", { status: 404 });
  const asMentee = actor.role === "mentee" && String(mentee.userId) === String(actor._id);
  if (!asMentee && !(await leadMentorOf(mentee, actor))) forbidden();
}

/** The lead mentor's view of one introduction (the consent screen before consent, the progress after). */
export async function introductionForMentor(actor: SessionUser, introductionId: string) {
  if (!isId(introductionId)) throw new Response("Not found", { status: 404 });
  const context = await consentContext(introductionId);
  if (!context?.mentee) throw new Response("Not found", { status: 404 });
  if (!(await leadMentorOf(context.mentee, actor))) forbidden();
  await recordAccess(actor, context.mentee._id, "introduction");
  const consent = await ConsentModel.findOne({ introductionId: context.introduction._id }).sort({ givenAt: -1 }).lean<Consent>();
  return { ...context, consent };
}

/** Each proposal's introduction, if one was started, for the lead mentor's page of a plan already read. */
export async function introductionsForPlan(plan: { id: string }): Promise<Record<string, { id: string; status: IntroductionStatus }>> {
  const introductions = await IntroductionModel.find({ menteeId: plan.id }).select("proposalId status").lean();
  return Object.fromEntries(introductions.map((i) => [String(i.proposalId), { id: String(i._id), status: i.status as IntroductionStatus }]));
}

/**
 * The lead mentor's introductions across the caseload, latest change first: how each stands and
 * what the employer answered. Reading it is recorded for every mentee it shows.
 */
export async function introductionsForLeadMentor(actor: SessionUser) {
  if (actor.role !== "mentor" || actor.approval !== "approved") forbidden();
  const mentees = await MenteeModel.find({ mentorId: actor._id }).select("firstName").limit(1000).lean();
  // One indexed lookup per mentee: FerretDB scans the collection for $in.
  const perMentee = await Promise.all(mentees.map((m) => IntroductionModel.find({ menteeId: m._id }).lean<Introduction[]>()));
  const introductions = perMentee.flat();
  const lastChange = (i: Introduction) => (i.history?.at(-1)?.at ?? i.createdAt ?? new Date(0)) as Date;
  introductions.sort((a, b) => lastChange(b).getTime() - lastChange(a).getTime());
  const names = new Map(mentees.map((m) => [String(m._id), m.firstName]));
  const [placements, organisations] = await Promise.all([
    readEachOnce(introductions.map((i) => i.placementId), async (id) => (await PlacementModel.findById(id).select("title").lean())?.title ?? ""),
    readEachOnce(introductions.map((i) => i.organisationId), async (id) => (await OrganisationModel.findById(id).select("name").lean())?.name ?? ""),
  ]);
  await recordAccessMany(actor, [...new Set(introductions.map((i) => String(i.menteeId)))], "introduction");
  return introductions.map((i) => ({
    id: String(i._id),
    menteeId: String(i.menteeId),
    mentee: names.get(String(i.menteeId)) ?? "",
    placementId: String(i.placementId),
    placement: placements.get(String(i.placementId)) ?? "",
    organisation: organisations.get(String(i.organisationId)) ?? "",
    status: i.status as IntroductionStatus,
    changedAt: lastChange(i).toISOString(),
    meetingAt: i.meetingAt?.toISOString() ?? null,
    meetingPlace: i.meetingPlace ?? null,
    declineReason: i.declineReason ?? null,
  }));
}

/** One _id lookup per distinct id (FerretDB answers those from its primary key). */
async function readEachOnce<T>(ids: unknown[], read: (id: string) => Promise<T>): Promise<Map<string, T>> {
  const unique = [...new Set(ids.map(String))];
  const values = await Promise.all(unique.map(read));
  return new Map(unique.map((id, n) => [id, values[n]]));
}

/** The mentee's introductions, for /me/consents. */
export async function introductionsForMentee(user: SessionUser) {
  if (user.role !== "mentee") forbidden();
  const mentee = await MenteeModel.findOne({ userId: user._id }).select("_id language").lean();
  if (!mentee) return [];
  await recordAccess(user, mentee._id, "introduction");
  const introductions = await IntroductionModel.find({ menteeId: mentee._id }).sort({ updatedAt: -1 }).lean<Introduction[]>();
  return Promise.all(
    introductions.map(async (i) => {
      const [organisation, placement, consent] = await Promise.all([
        OrganisationModel.findById(i.organisationId).select("name").lean(),
        PlacementModel.findById(i.placementId).select("title").lean(),
        ConsentModel.findOne({ introductionId: i._id }).sort({ givenAt: -1 }).lean<Consent>(),
      ]);
      return {
        id: String(i._id),
        status: i.status,
        organisation: organisation?.name ?? "",
        placement: placement?.title ?? "",
        fields: (consent?.fields ?? []) as ConsentField[],
        givenAt: consent?.givenAt?.toISOString() ?? null,
        withdrawn: Boolean(consent?.withdrawnAt) || i.status === "withdrawn",
        withdrawnAt: (consent?.withdrawnAt ?? (i.status === "withdrawn" ? i.history?.at(-1)?.at : null))?.toISOString() ?? null,
        meetingAt: i.meetingAt?.toISOString() ?? null,
        meetingPlace: i.meetingPlace ?? null,
      };
    }),
  );
}

/** The mentee's own consent screen: only their own introductions. */
export async function introductionForMentee(user: SessionUser, introductionId: string) {
  if (user.role !== "mentee" || !isId(introductionId)) forbidden();
  const context = await consentContext(introductionId);
  if (!context?.mentee || String(context.mentee.userId) !== String(user._id)) forbidden();
  return context!;
}

export async function markPlaced(actor: SessionUser, introductionId: string): Promise<{ ok: true } | Failure> {
  const { introduction } = await introductionForMentor(actor, introductionId);
  if (!(await transition(introduction._id, introduction.status as IntroductionStatus, "placed", "mentor"))) return { ok: false, fieldErrors: { form: "errors.transitionNotAllowed" } };
  return { ok: true };
}
