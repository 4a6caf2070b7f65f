import mongoose from "mongoose";
import { beforeAll, describe, expect, it } from "vitest";
import { ProposalModel } from "~/matching/model.server.ts";
import { AuditEntryModel, MenteeModel, PlanChangeModel } from "~/mentees/model.server.ts";
import { createMentee, getMenteePlan, handOverMentee, updateMenteePlan } from "~/mentees/mentees.server.ts";
import { rankPlacements } from "~/matching/matching.server.ts";
import { answerOffer, offersForMentee, proposalsForMentee, proposePlacement } from "~/matching/proposals.server.ts";
import { createPlacement } from "~/placements/placements.server.ts";
import { getSearchClient } from "~/search/client.server.ts";
import { UserModel } from "~/accounts/model.server.ts";
import { drainOutbox, makeEmployer, placementInput } from "../support/placements.ts";
import { makeMentor, menteeInput } from "../support/mentees.ts";

const tag = `mt${Date.now().toString(36)}`;
const ids: Record<string, string> = {};

// One placement that satisfies every constraint of the plan, and one for each constraint it breaks.
const variants: Record<string, Record<string, unknown>> = {
  fits: {},
  tooFar: { town: "Zagreb" },
  hoursOutside: { hoursMin: "30", hoursMax: "40" },
  supportMissing: { support: ["onsite_buddy"] },
  otherLanguage: { languages: ["da"] },
  jobReadyOnly: { kind: "job", readiness: "job_ready" },
};

beforeAll(async () => {
  const employer = await makeEmployer();
  for (const [name, overrides] of Object.entries(variants)) {
    const created = await createPlacement(
      employer,
      placementInput({ title: `${tag} ${name} kuhinja`, description: `Kuhanje i pečenje u kuhinji. ${tag}`, language: "hr", support: ["gradual_start", "onsite_buddy"], ...overrides }),
      { publish: true },
    );
    if (!created.ok) throw new Error(`not created: ${name}`);
    ids[name] = created.id;
  }
  await drainOutbox();
});

async function mentorWithAna(overrides: Record<string, unknown> = {}) {
  const mentor = await makeMentor();
  const created = await createMentee(mentor, menteeInput(overrides));
  if (!created.ok) throw new Error("mentee not created");
  return { mentor, menteeId: created.id };
}

function ours(matches: Awaited<ReturnType<typeof rankPlacements>>) {
  return matches.filter((m) => Object.values(ids).includes(m.placement.id)).map((m) => Object.keys(ids).find((k) => ids[k] === m.placement.id)!);
}

describe("ranked matches for a mentee's plan", () => {
  it("never shows a placement that breaks a hard constraint, and explains the one that fits", async () => {
    const { mentor, menteeId } = await mentorWithAna();
    const plan = await getMenteePlan(mentor, menteeId);
    const matches = await rankPlacements(plan);
    expect(ours(matches)).toEqual(["fits"]);
    const fit = matches.find((m) => m.placement.id === ids.fits)!;
    expect(fit.matchedTerms).toEqual(expect.arrayContaining(["kuhanje", "pečenje"]));
    expect(fit.supportCovered).toEqual(["gradual_start"]);
    expect(fit.distanceKm).toBe(0);
    expect(fit.missing).toEqual({ support: [], hours: false, distance: false, languages: [] });
  });

  it("brings exactly the expected extra placement for each relaxed constraint, saying what is missing", async () => {
    const { mentor, menteeId } = await mentorWithAna();
    const plan = await getMenteePlan(mentor, menteeId);
    const cases = [
      [{ distance: true }, "tooFar", (m: { missing: { distance: boolean } }) => m.missing.distance],
      [{ hours: true }, "hoursOutside", (m: { missing: { hours: boolean } }) => m.missing.hours],
      [{ support: true }, "supportMissing", (m: { missing: { support: string[] } }) => m.missing.support.includes("gradual_start")],
      [{ languages: true }, "otherLanguage", (m: { missing: { languages: string[] } }) => m.missing.languages.includes("da")],
    ] as const;
    for (const [relax, extra, saysMissing] of cases) {
      const matches = await rankPlacements(plan, relax);
      expect(ours(matches).sort(), JSON.stringify(relax)).toEqual(["fits", extra].sort());
      const added = matches.find((m) => m.placement.id === ids[extra])!;
      expect(saysMissing(added as never), extra).toBe(true);
      expect(ours(matches)[0]).toBe("fits");
    }
  });

  it("shows a job-ready person jobs too, and a temporarily passive person only activity steps", async () => {
    const jobReady = await mentorWithAna({ readiness: "job_ready" });
    expect(ours(await rankPlacements(await getMenteePlan(jobReady.mentor, jobReady.menteeId))).sort()).toEqual(["fits", "jobReadyOnly"]);
    const passive = await mentorWithAna({ readiness: "temporarily_passive" });
    const matches = await rankPlacements(await getMenteePlan(passive.mentor, passive.menteeId));
    for (const m of matches) expect(["training", "volunteering", "social_enterprise"]).toContain(m.placement.kind);
  });
});

describe("languages at work", () => {
  it("fit a newcomer who speaks one of them, or who lacks them where language support is offered", async () => {
    const employer = await makeEmployer();
    const language = { town: "Aarhus", country: "DK", language: "da", title: `${tag} køkken`, description: `Køkkenhjælp i en travl kantine. ${tag}` };
    const variants = {
      danishOrEnglish: { ...language, languages: ["da", "en"], support: ["onsite_buddy"] },
      danishWithLanguageSupport: { ...language, languages: ["da"], support: ["language_support", "onsite_buddy"] },
      danishOnly: { ...language, languages: ["da"], support: ["onsite_buddy"] },
    };
    const placed: Record<string, string> = {};
    for (const [name, overrides] of Object.entries(variants)) {
      const created = await createPlacement(employer, placementInput(overrides), { publish: true });
      if (!created.ok) throw new Error(`not created: ${name}`);
      placed[name] = created.id;
    }
    await drainOutbox();
    const { mentor, menteeId } = await mentorWithAna({
      firstName: "Amal",
      language: "en",
      languages: ["en", "ar"],
      town: "Aarhus",
      country: "DK",
      interests: "køkken",
      skills: "",
      supportNeeded: [],
    });
    const plan = await getMenteePlan(mentor, menteeId);
    const found = (matches: Awaited<ReturnType<typeof rankPlacements>>) =>
      Object.keys(placed).filter((name) => matches.some((m) => m.placement.id === placed[name])).sort();

    const matches = await rankPlacements(plan);
    expect(found(matches)).toEqual(["danishOrEnglish", "danishWithLanguageSupport"]);
    const english = matches.find((m) => m.placement.id === placed.danishOrEnglish)!;
    expect(english.missing.languages).toEqual([]);
    const supported = matches.find((m) => m.placement.id === placed.danishWithLanguageSupport)!;
    expect(supported.missing.languages).toEqual(["da"]);
    expect(supported.languageSupportOffered).toBe(true);

    // "Ignore languages" brings the Danish-only work too, saying so, and below the two that fit.
    const relaxed = await rankPlacements(plan, { languages: true });
    expect(found(relaxed)).toEqual(["danishOnly", "danishOrEnglish", "danishWithLanguageSupport"]);
    const danishOnly = relaxed.find((m) => m.placement.id === placed.danishOnly)!;
    expect(danishOnly.missing.languages).toEqual(["da"]);
    expect(danishOnly.languageSupportOffered).toBe(false);
    const rank = (id: string) => relaxed.findIndex((m) => m.placement.id === id);
    expect(rank(placed.danishOnly)).toBeGreaterThan(Math.max(rank(placed.danishOrEnglish), rank(placed.danishWithLanguageSupport)));
  });
});

describe("a mentee's record", () => {
  it("is encrypted at rest, never in Meilisearch, and every read is audited", async () => {
    const marker = `Zzmarker${Date.now()}`;
    const { mentor, menteeId } = await mentorWithAna({ barriers: `${marker} health`, notes: `${marker} notes`, supportNeeded: ["gradual_start", "transport_help"] });
    const raw = await mongoose.connection.db!.collection("mentees").findOne({ _id: new mongoose.Types.ObjectId(menteeId) });
    expect(JSON.stringify(raw)).not.toContain(marker);
    expect(JSON.stringify(raw)).not.toContain("transport_help");
    const before = await AuditEntryModel.countDocuments({ menteeId });
    const plan = await getMenteePlan(mentor, menteeId);
    expect(plan.barriers).toBe(`${marker} health`);
    expect(plan.supportNeeded).toEqual(["gradual_start", "transport_help"]);
    expect(await AuditEntryModel.countDocuments({ menteeId, actorId: mentor._id, part: "plan" })).toBe(before + 1);
    await rankPlacements(plan);
    const indexes = await getSearchClient().getIndexes({ limit: 1000 });
    for (const index of indexes.results) expect((await getSearchClient().index(index.uid).search(marker)).hits, index.uid).toEqual([]);
  });

  it("is refused to other mentors, unapproved mentors and employers; open to coordinators", async () => {
    const { menteeId } = await mentorWithAna();
    const otherMentor = await makeMentor();
    const pendingMentor = await makeMentor("pending");
    const employer = await makeEmployer();
    for (const actor of [otherMentor, pendingMentor, employer]) {
      await expect(getMenteePlan(actor, menteeId)).rejects.toMatchObject({ status: 403 });
    }
    const coordinator = (await UserModel.create({ email: `c-${Date.now()}@example.test`, name: "C", role: "coordinator", passwordHash: "x" })).toObject();
    expect((await getMenteePlan(coordinator, menteeId)).firstName).toBe("Ana");
    expect(await AuditEntryModel.exists({ menteeId, actorId: coordinator._id })).not.toBeNull();
  });

  it("keeps a history of who changed which parts, and hands over to another mentor", async () => {
    const { mentor, menteeId } = await mentorWithAna();
    await updateMenteePlan(mentor, menteeId, menteeInput({ readiness: "job_ready", notes: "new note" }));
    const change = await PlanChangeModel.findOne({ menteeId, fields: "readiness" }).lean();
    expect(change?.fields.sort()).toEqual(["notes", "readiness"]);
    expect(change?.changedByName).toBe(mentor.name);
    expect(JSON.stringify(change)).not.toContain("new note");
    const coordinator = (await UserModel.create({ email: `c2-${Date.now()}@example.test`, name: "C", role: "coordinator", passwordHash: "x" })).toObject();
    const next = await makeMentor();
    // Another organisation: refused until the coordinator confirms the warning.
    expect(await handOverMentee(coordinator, menteeId, String(next._id), { acrossConfirmed: false, reason: "Ana moves to Zagreb" })).toEqual({ ok: false, fieldErrors: { confirmAcross: "errors.confirmHandoverAcross" } });
    expect((await getMenteePlan(mentor, menteeId)).firstName).toBe("Ana");
    expect(await handOverMentee(coordinator, menteeId, String(next._id), { acrossConfirmed: true, reason: "Ana moves to Zagreb" })).toEqual({ ok: true });
    await expect(getMenteePlan(mentor, menteeId)).rejects.toMatchObject({ status: 403 });
    expect((await getMenteePlan(next, menteeId)).firstName).toBe("Ana");
  });
});

describe("proposals", () => {
  it("reach the mentee once, are seen and answered, and the mentor sees the answer", async () => {
    const { mentor, menteeId } = await mentorWithAna();
    const menteeUser = (await UserModel.create({ email: `mentee-${Date.now()}@example.test`, name: "Ana", role: "mentee", passwordHash: "x", emailConfirmedAt: new Date() })).toObject();
    await MenteeModel.updateOne({ _id: menteeId }, { $set: { userId: menteeUser._id } });
    expect(await proposePlacement(mentor, menteeId, ids.fits)).toEqual({ ok: true });
    expect(await proposePlacement(mentor, menteeId, ids.fits)).toEqual({ ok: false, fieldErrors: { form: "errors.alreadyProposed" } });
    expect(await ProposalModel.countDocuments({ menteeId })).toBe(1);
    const offers = await offersForMentee(menteeUser);
    expect(offers.map((o) => o.placement?.title)).toEqual([`${tag} fits kuhinja`]);
    expect(offers[0].status).toBe("seen");
    expect(await answerOffer(menteeUser, offers[0].id, "interested", "Volim peći kruh")).toEqual({ ok: true });
    const seenByMentor = await proposalsForMentee(mentor, menteeId);
    expect(seenByMentor[0]).toMatchObject({ status: "interested", reason: "Volim peći kruh" });
    expect(seenByMentor[0].history.map((h) => h.status)).toEqual(["proposed", "seen", "interested"]);
  });

  it("cannot be answered by another mentee or proposed by another mentor", async () => {
    const { mentor, menteeId } = await mentorWithAna();
    await proposePlacement(mentor, menteeId, ids.fits);
    const proposal = await ProposalModel.findOne({ menteeId }).lean();
    const stranger = (await UserModel.create({ email: `stranger-${Date.now()}@example.test`, name: "S", role: "mentee", passwordHash: "x" })).toObject();
    const theirRecord = await mentorWithAna();
    await MenteeModel.updateOne({ _id: theirRecord.menteeId }, { $set: { userId: stranger._id } });
    expect(await answerOffer(stranger, String(proposal!._id), "declined", "")).toEqual({ ok: false, fieldErrors: { form: "errors.invalid" } });
    expect((await ProposalModel.findById(proposal!._id).lean())?.status).toBe("proposed");
    await expect(proposePlacement(await makeMentor(), menteeId, ids.tooFar)).rejects.toMatchObject({ status: 403 });
  });
});

describe("a session opened together at the mentor's desk", () => {
  it("gives a mentee without e-mail a 30-minute session of their own offers, and is audited", async () => {
    const { openDeskSession } = await import("~/mentees/desk.server.ts");
    const { getUser } = await import("~/accounts/session.server.ts");
    const { SessionModel } = await import("~/accounts/model.server.ts");
    const { mentor, menteeId } = await mentorWithAna({ email: "" });
    await proposePlacement(mentor, menteeId, ids.fits);
    // Without an account of her own there is no password to ask for: it opens directly.
    const opened = await openDeskSession(mentor, menteeId, { password: "", clientAddress: "127.0.0.1" });
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    const user = await getUser(new Request("http://localhost/me/offers", { headers: { Cookie: opened.cookie.split(";")[0] } }));
    expect(user?.role).toBe("mentee");
    expect(user?.desk?.mentorId).toBe(String(mentor._id));
    const session = await SessionModel.findOne({ userId: user!._id }).lean();
    expect(session!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    expect((await offersForMentee(user!)).map((o) => o.placement?.title)).toEqual([`${tag} fits kuhinja`]);
    expect(await AuditEntryModel.exists({ menteeId, actorId: mentor._id, part: "desk" })).not.toBeNull();
    await expect(openDeskSession(await makeMentor(), menteeId, { password: "", clientAddress: "127.0.0.1" })).rejects.toMatchObject({ status: 403 });
  });
});
