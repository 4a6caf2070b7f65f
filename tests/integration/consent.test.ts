import { beforeAll, describe, expect, it } from "vitest";
import { UserModel } from "~/accounts/model.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { ConsentModel } from "~/consent/model.server.ts";
import { consentFields, consentNamesThePerson, type ConsentField } from "~/consent/vocabulary.ts";
import { introductionForEmployer, respondToIntroduction } from "~/introductions/employer.server.ts";
import { giveConsent, startIntroduction, transition, withdrawConsent } from "~/introductions/introductions.server.ts";
import { IntroductionModel } from "~/introductions/model.server.ts";
import { introductionStatuses, transitionAllowed } from "~/introductions/states.ts";
import { visibleProfileFor } from "~/introductions/visible-profile.server.ts";
import { ProposalModel } from "~/matching/model.server.ts";
import { createMentee } from "~/mentees/mentees.server.ts";
import { AuditEntryModel, MenteeModel } from "~/mentees/model.server.ts";
import { createPlacement } from "~/placements/placements.server.ts";
import { drainOutbox, makeEmployer, placementInput } from "../support/placements.ts";
import { makeMentor, menteeInput } from "../support/mentees.ts";
import { storeProposal } from "../support/proposals.ts";

// Every field of the mentee's profile carries a unique marker, so a leak anywhere is visible.
const marker = (field: string) => `MARK${field.toUpperCase()}x${Date.now().toString(36)}`;
const markers = {
  firstName: marker("first"),
  fullName: marker("full"),
  email: `${marker("mail").toLowerCase()}@example.test`,
  skills: marker("skill"),
  strengths: marker("strength"),
  note: marker("note"),
  barriers: marker("barrier"),
  notes: marker("privatenote"),
  goals: marker("goal"),
  town: "Varaždin",
};

let employer: SessionUser;
let mentor: SessionUser;
let menteeUser: SessionUser;
let menteeId = "";
let placementId = "";

beforeAll(async () => {
  employer = await makeEmployer();
  mentor = await makeMentor();
  const created = await createPlacement(employer, placementInput({ title: "Consent test placement" }), { publish: true });
  if (!created.ok) throw new Error("placement");
  placementId = created.id;
  await drainOutbox();
  const mentee = await createMentee(
    mentor,
    menteeInput({
      firstName: markers.firstName,
      fullName: markers.fullName,
      email: markers.email,
      skills: markers.skills,
      strengths: markers.strengths,
      barriers: markers.barriers,
      notes: markers.notes,
      goals: markers.goals,
      hoursMin: "7",
      hoursMax: "23",
      supportNeeded: ["transport_help"],
    }),
  );
  if (!mentee.ok) throw new Error("mentee");
  menteeId = mentee.id;
  menteeUser = (await UserModel.create({ email: markers.email, name: markers.firstName, role: "mentee", passwordHash: "x", emailConfirmedAt: new Date() })).toObject();
  await MenteeModel.updateOne({ _id: menteeId }, { $set: { userId: menteeUser._id } });
});

/** A fresh interested proposal and its introduction, as the mentor opens "Introduce". */
async function freshIntroduction() {
  const proposal = await storeProposal({ menteeId, placementId, mentorId: mentor._id, status: "interested" }).catch(async () => {
    // One proposal per mentee and placement: reuse it with a new placement for each round.
    const other = await createPlacement(employer, placementInput({ title: `Consent extra ${Math.random()}` }), { publish: true });
    if (!other.ok) throw new Error("placement");
    return storeProposal({ menteeId, placementId: other.id, mentorId: mentor._id, status: "interested" });
  });
  const started = await startIntroduction(mentor, String(proposal._id));
  if (!started.ok) throw new Error("introduction");
  return started.id;
}

function subsets<T>(items: readonly T[]): T[][] {
  return Array.from({ length: 2 ** items.length }, (_, mask) => items.filter((_, i) => mask & (1 << i)));
}

const markerOf: Record<ConsentField, string[]> = {
  firstName: [markers.firstName],
  fullName: [markers.fullName],
  ownContact: [markers.email],
  skillsSummary: [markers.skills, markers.strengths],
  availability: ["\"hoursMin\":7"],
  supportNeeded: ["transport_help"],
  note: [markers.note],
};

describe("what an employer may see", () => {
  it("is exactly the consented fields, for every combination that names the person, and never the private plan", async () => {
    for (const fields of subsets(consentFields).filter(consentNamesThePerson)) {
      const introductionId = await freshIntroduction();
      expect(await giveConsent(mentor, introductionId, { fields, note: markers.note, method: "with_mentor" })).toEqual({ ok: true });
      const seen = JSON.stringify(await visibleProfileFor(employer.organisationId, introductionId));
      for (const field of consentFields) {
        for (const m of markerOf[field]) {
          if (fields.includes(field)) expect(seen, `${field} consented: ${fields}`).toContain(m);
          else expect(seen, `${field} not consented: ${fields}`).not.toContain(m);
        }
      }
      for (const never of [markers.barriers, markers.notes, markers.goals]) expect(seen).not.toContain(never);
    }
  });

  it("needs at least the first or the full name: a consent without one is refused and introduces nobody", async () => {
    for (const fields of subsets(consentFields).filter((f) => !consentNamesThePerson(f))) {
      const introductionId = await freshIntroduction();
      expect(await giveConsent(mentor, introductionId, { fields, note: markers.note, method: "with_mentor" }), `${fields}`).toEqual({ ok: false, fieldErrors: { fields: "errors.consentNeedsName" } });
      expect(await ConsentModel.countDocuments({ introductionId })).toBe(0);
      expect((await IntroductionModel.findById(introductionId).lean())?.status).toBe("proposed");
      await expect(introductionForEmployer(employer, introductionId)).rejects.toMatchObject({ status: 404 });
    }
  });

  it("is nothing for another organisation, and nothing once consent is withdrawn", async () => {
    const introductionId = await freshIntroduction();
    await giveConsent(menteeUser, introductionId, { fields: ["firstName", "skillsSummary"], note: "", method: "own_device" });
    const other = await makeEmployer();
    expect(await visibleProfileFor(other.organisationId, introductionId)).toBeNull();
    // Another organisation's introduction does not exist for this employer.
    await expect(introductionForEmployer(other, introductionId)).rejects.toMatchObject({ status: 404 });
    expect(await withdrawConsent(menteeUser, introductionId)).toEqual({ ok: true });
    const after = await visibleProfileFor(employer.organisationId, introductionId);
    expect(after?.withdrawn).toBe(true);
    // Pressed again (an old tab): she is told it is already withdrawn, not that the state forbids it.
    expect(await withdrawConsent(menteeUser, introductionId)).toEqual({ ok: false, fieldErrors: { form: "errors.consentAlreadyWithdrawn" } });
    expect(JSON.stringify(after)).not.toContain(markers.firstName);
    const record = await ConsentModel.findOne({ introductionId }).lean();
    expect(record?.withdrawnByRole).toBe("mentee");
    expect(record?.fields).toEqual(["firstName", "skillsSummary"]);
    const { OrganisationModel } = await import("~/organisations/model.server.ts");
    expect(record?.text).toContain((await OrganisationModel.findById(employer.organisationId).lean())!.name);
    expect(record?.textVersion).toBeTruthy();
  });

  it("is audited whenever the employer's list shows it", async () => {
    const { introductionsForEmployer } = await import("~/introductions/employer.server.ts");
    const before = await AuditEntryModel.countDocuments({ actorId: employer._id });
    const list = await introductionsForEmployer(employer);
    const shown = list.filter((i) => i.firstName).length;
    expect(shown).toBeGreaterThan(0);
    expect(await AuditEntryModel.countDocuments({ actorId: employer._id })).toBe(before + shown);
  });

  it("is audited whenever the employer opens the introduction", async () => {
    const introductionId = await freshIntroduction();
    await giveConsent(mentor, introductionId, { fields: ["firstName"], note: "", method: "with_mentor" });
    const before = await AuditEntryModel.countDocuments({ actorId: employer._id });
    const { profile } = await introductionForEmployer(employer, introductionId);
    expect(profile.firstName).toBe(markers.firstName);
    expect(await AuditEntryModel.countDocuments({ actorId: employer._id, part: "introduction" })).toBe(before + 1);
  });
});

describe("the introduction e-mail", () => {
  beforeAll(async () => {
    // The leak test above queued an e-mail and a search update per combination; none matter here.
    const { OutboxModel } = await import("~/outbox/model.server.ts");
    await OutboxModel.updateMany({ status: "pending" }, { $set: { status: "cancelled" } });
  });

  it("carries exactly the consented fields, decided when it is sent", async () => {
    const { runOutboxOnce } = await import("~/outbox/outbox.server.ts");
    const { emailsTo, waitForEmail } = await import("../support/mailbox.ts");
    const introductionId = await freshIntroduction();
    await giveConsent(mentor, introductionId, { fields: ["firstName", "availability"], note: markers.note, method: "with_mentor" });
    await runOutboxOnce("test", 200);
    const message = await waitForEmail(process.env.MAILBOX_DIR!, employer.email, (m) => m.text.includes(`/employer/introductions/${introductionId}`));
    expect(message.text).toContain(markers.firstName);
    expect(message.text).toMatch(/7–23/);
    for (const leak of [markers.fullName, markers.email, markers.skills, markers.strengths, markers.note, markers.barriers, markers.notes, markers.goals]) {
      expect(message.text).not.toContain(leak);
      expect(message.html).not.toContain(leak);
    }
    expect((await emailsTo(process.env.MAILBOX_DIR!, employer.email)).filter((m) => m.text.includes(introductionId))).toHaveLength(1);
  });

  it("is not sent at all when consent is withdrawn before delivery", async () => {
    const { runOutboxOnce } = await import("~/outbox/outbox.server.ts");
    const { OutboxModel } = await import("~/outbox/model.server.ts");
    const { emailsTo } = await import("../support/mailbox.ts");
    const introductionId = await freshIntroduction();
    await giveConsent(mentor, introductionId, { fields: ["firstName"], note: "", method: "with_mentor" });
    await withdrawConsent(menteeUser, introductionId);
    await runOutboxOnce("test", 200);
    const item = await OutboxModel.findOne({ "payload.params.introductionId": introductionId }).lean();
    // Cancelled, so never handed to SMTP (the mailbox holds a message before SMTP says it took it).
    expect(item?.status).toBe("cancelled");
    // What does reach the employer is only that the candidate withdrew (see "a withdrawal" below).
    const { getT } = await import("~/i18n/i18n.server.ts");
    const { PlacementModel } = await import("~/placements/model.server.ts");
    const placement = await PlacementModel.findById((await IntroductionModel.findById(introductionId).lean())!.placementId).lean();
    const withdrawal = getT("en")("email.consentWithdrawnEmployer.subject", { placement: placement!.title });
    expect((await emailsTo(process.env.MAILBOX_DIR!, employer.email)).filter((m) => m.text.includes(introductionId) && m.subject !== withdrawal)).toHaveLength(0);
  });
});

describe("a withdrawal", () => {
  beforeAll(async () => {
    const { OutboxModel } = await import("~/outbox/model.server.ts");
    await OutboxModel.updateMany({ status: "pending" }, { $set: { status: "cancelled" } });
  });

  async function emailsAbout(to: string, introductionId: string, subject: string) {
    const { emailsTo } = await import("../support/mailbox.ts");
    return (await emailsTo(process.env.MAILBOX_DIR!, to)).filter((m) => m.text.includes(introductionId) && m.subject === subject);
  }

  it("tells the employer that access ended, with nothing about the candidate, and the lead mentor that she changed her mind", async () => {
    const { getT } = await import("~/i18n/i18n.server.ts");
    const { waitForEmail } = await import("../support/mailbox.ts");
    const introductionId = await freshIntroduction();
    // Everything consented, so that every piece of her profile would show if it leaked.
    await giveConsent(mentor, introductionId, { fields: [...consentFields], note: markers.note, method: "with_mentor" });
    await drainOutbox();
    expect(await withdrawConsent(menteeUser, introductionId)).toEqual({ ok: true });
    await drainOutbox();
    const introduction = (await IntroductionModel.findById(introductionId).lean())!;
    const placement = (await (await import("~/placements/model.server.ts")).PlacementModel.findById(introduction.placementId).lean())!;
    const en = getT("en");
    const toEmployer = await waitForEmail(process.env.MAILBOX_DIR!, employer.email, (m) => m.subject === en("email.consentWithdrawnEmployer.subject", { placement: placement.title }) && m.text.includes(introductionId));
    expect(toEmployer.text).toContain(en("email.consentWithdrawnEmployer.body", { placement: placement.title }));
    for (const leak of [...Object.values(markers).filter((m) => m !== "Varaždin"), "7–23", "transport_help", en("vocab.support.transport_help")]) {
      expect(toEmployer.text, leak).not.toContain(leak);
      expect(toEmployer.html, leak).not.toContain(leak);
    }
    const toMentor = await waitForEmail(process.env.MAILBOX_DIR!, mentor.email, (m) => m.subject === en("email.consentWithdrawnMentor.subject", { mentee: markers.firstName }));
    expect(toMentor.text).toContain(`/mentor/introductions/${introductionId}`);
    expect(toMentor.text).toContain(placement.title);
  });

  it("does not write to the mentor who withdrew on her behalf, nor to an employer who was never introduced", async () => {
    const { getT } = await import("~/i18n/i18n.server.ts");
    const en = getT("en");
    const { OutboxModel } = await import("~/outbox/model.server.ts");
    const onBehalf = await freshIntroduction();
    await giveConsent(mentor, onBehalf, { fields: ["firstName"], note: "", method: "with_mentor" });
    expect(await withdrawConsent(mentor, onBehalf)).toEqual({ ok: true });
    const beforeConsent = await freshIntroduction();
    expect(await withdrawConsent(menteeUser, beforeConsent)).toEqual({ ok: true });
    const queued = async (template: string, introductionId: string) => OutboxModel.countDocuments({ "payload.template": template, "payload.params.link": { $regex: introductionId } });
    expect(await queued("consentWithdrawnEmployer", onBehalf)).toBeGreaterThan(0);
    expect(await queued("consentWithdrawnMentor", onBehalf)).toBe(0);
    expect(await queued("consentWithdrawnEmployer", beforeConsent)).toBe(0);
    expect(await queued("consentWithdrawnMentor", beforeConsent)).toBe(1);
    await drainOutbox();
    expect(await emailsAbout(mentor.email, onBehalf, en("email.consentWithdrawnMentor.subject", { mentee: markers.firstName }))).toHaveLength(0);
  });

  it("ends a consent even after the employer declined, and the introduction stays declined", async () => {
    const introductionId = await freshIntroduction();
    await giveConsent(menteeUser, introductionId, { fields: ["firstName"], note: "", method: "own_device" });
    expect(await respondToIntroduction(employer, introductionId, { answer: "declined", reason: "The hours do not fit." })).toEqual({ ok: true });
    expect((await visibleProfileFor(employer.organisationId, introductionId))?.firstName).toBe(markers.firstName);
    expect(await withdrawConsent(menteeUser, introductionId)).toEqual({ ok: true });
    expect((await visibleProfileFor(employer.organisationId, introductionId))?.withdrawn).toBe(true);
    expect((await IntroductionModel.findById(introductionId).lean())?.status).toBe("declined");
    // A second press finds nothing in force, and says it is already withdrawn.
    expect(await withdrawConsent(menteeUser, introductionId)).toEqual({ ok: false, fieldErrors: { form: "errors.consentAlreadyWithdrawn" } });
  });
});

describe("the introduction's states", () => {
  it("refuses every transition the state machine does not allow", async () => {
    const introductionId = await freshIntroduction();
    for (const from of introductionStatuses) {
      for (const to of introductionStatuses) {
        if (transitionAllowed(from, to)) continue;
        await IntroductionModel.updateOne({ _id: introductionId }, { $set: { status: from }, $inc: { version: 1 } });
        expect(await transition(introductionId, from, to, "test"), `${from} → ${to}`).toBe(false);
        expect((await IntroductionModel.findById(introductionId).lean())?.status).toBe(from);
      }
    }
  });

  it("records a double-submitted consent once, and one introduction per proposal", async () => {
    const introductionId = await freshIntroduction();
    const [a, b] = await Promise.all([
      giveConsent(mentor, introductionId, { fields: ["firstName"], note: "", method: "with_mentor" }),
      giveConsent(mentor, introductionId, { fields: ["firstName"], note: "", method: "with_mentor" }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(await ConsentModel.countDocuments({ introductionId })).toBe(1);
    const introduction = await IntroductionModel.findById(introductionId).lean();
    expect(await startIntroduction(mentor, String(introduction!.proposalId))).toEqual({ ok: true, id: introductionId });
    expect(await IntroductionModel.countDocuments({ proposalId: introduction!.proposalId })).toBe(1);
  });

  it("lets the employer answer once, and refuses an answer after withdrawal", async () => {
    const introductionId = await freshIntroduction();
    await giveConsent(mentor, introductionId, { fields: ["firstName"], note: "", method: "with_mentor" });
    expect(await respondToIntroduction(employer, introductionId, { answer: "meeting_proposed", at: new Date("2026-12-03T09:00:00Z"), place: "Pekara, Varaždin" })).toEqual({ ok: true });
    expect(await withdrawConsent(mentor, introductionId)).toEqual({ ok: true });
    expect(await respondToIntroduction(employer, introductionId, { answer: "accepted" })).toEqual({ ok: false, fieldErrors: { form: "errors.transitionNotAllowed" } });
    expect((await ConsentModel.findOne({ introductionId }).lean())?.withdrawnByRole).toBe("mentor_on_behalf");
  });

  it("cannot be started or consented by someone who is not the lead mentor or the mentee", async () => {
    const introductionId = await freshIntroduction();
    const stranger = await makeMentor();
    await expect(giveConsent(stranger, introductionId, { fields: ["firstName"], note: "", method: "with_mentor" })).rejects.toMatchObject({ status: 403 });
    await expect(giveConsent(mentor, introductionId, { fields: ["firstName"], note: "", method: "own_device" })).rejects.toMatchObject({ status: 403 });
    expect(await ConsentModel.countDocuments({ introductionId })).toBe(0);
  });
});

describe("the mentee's own data", () => {
  it("can be downloaded whole, and holds nothing of anyone else", async () => {
    const { exportMenteeData } = await import("~/privacy/mentee-data.server.ts");
    const other = await createMentee(mentor, menteeInput({ firstName: "Otherperson", barriers: "OTHERMARKER" }));
    expect(other.ok).toBe(true);
    const exported = JSON.stringify(await exportMenteeData(menteeUser));
    for (const m of [markers.firstName, markers.fullName, markers.barriers, markers.notes, markers.goals, markers.skills]) expect(exported).toContain(m);
    expect(exported).toContain("textVersion");
    expect(exported).not.toContain("OTHERMARKER");
    expect(exported).not.toContain("Otherperson");
  });

  it("is erased on request, leaving statistics without the person", async () => {
    const mongoose = (await import("mongoose")).default;
    const { eraseMentee } = await import("~/privacy/mentee-data.server.ts");
    const coordinator = (await UserModel.create({ email: `coord-${Date.now()}@example.test`, name: "C", role: "coordinator", passwordHash: "x" })).toObject();
    const proposals = await ProposalModel.countDocuments({ menteeId });
    const introductions = await IntroductionModel.countDocuments({ menteeId });
    await expect(eraseMentee(mentor, menteeId)).rejects.toMatchObject({ status: 403 });
    expect(await eraseMentee(coordinator, menteeId)).toBe(true);
    const everything: string[] = [];
    for (const collection of await mongoose.connection.db!.listCollections().toArray()) {
      everything.push(JSON.stringify(await mongoose.connection.db!.collection(collection.name).find({}).toArray()));
    }
    const dump = everything.join("\n");
    for (const m of Object.values(markers).filter((m) => m !== "Varaždin")) expect(dump, m).not.toContain(m);
    expect(await ProposalModel.countDocuments({ menteeId })).toBe(proposals);
    expect(await IntroductionModel.countDocuments({ menteeId })).toBe(introductions);
    expect(await IntroductionModel.countDocuments({ menteeId, status: { $nin: ["withdrawn", "declined"] } })).toBe(0);
    expect(await UserModel.exists({ _id: menteeUser._id })).toBeNull();
    expect((await MenteeModel.findById(menteeId).lean())?.readiness).toBe("activity_ready");
  });
});
