import { expect } from "vitest";
import { UserModel } from "~/accounts/model.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { startFollowUp } from "~/checkins/checkins.server.ts";
import { addDays, localToday } from "~/checkins/days.ts";
import { now } from "~/clock/clock.ts";
import { respondToIntroduction } from "~/introductions/employer.server.ts";
import { giveConsent, startIntroduction } from "~/introductions/introductions.server.ts";
import { createMentee } from "~/mentees/mentees.server.ts";
import { MenteeModel } from "~/mentees/model.server.ts";
import { createPlacement } from "~/placements/placements.server.ts";
import { makeMentor, menteeInput } from "./mentees.ts";
import { drainOutbox, makeEmployer, placementInput } from "./placements.ts";
import { storeProposal } from "./proposals.ts";

let counter = 0;

/**
 * A mentee with her own account, introduced with consent to an employer who accepted: what a
 * start is recorded on. The introduction's own e-mails have gone out, so only what follows remains.
 */
export async function acceptedIntroduction(options: { kind?: string; mentor?: SessionUser; country?: "HR" | "SI" | "DK" } = {}) {
  const n = `${Date.now()}-${counter++}`;
  const employer = await makeEmployer();
  const mentor = options.mentor ?? (await makeMentor());
  const placement = await createPlacement(employer, placementInput({ title: `Pekara ${n}`, kind: options.kind ?? "job" }), { publish: true });
  if (!placement.ok) throw new Error("placement");
  const email = `mentee-${n}@example.test`;
  const firstName = `Ana${counter}`;
  const mentee = await createMentee(mentor, menteeInput({ firstName, email }));
  if (!mentee.ok) throw new Error("mentee");
  const menteeUser = (await UserModel.create({ email, name: firstName, role: "mentee", language: "hr", passwordHash: "x", emailConfirmedAt: new Date() })).toObject() as SessionUser;
  await MenteeModel.updateOne({ _id: mentee.id }, { $set: { userId: menteeUser._id, ...(options.country ? { country: options.country } : {}) } });
  const proposal = await storeProposal({ menteeId: mentee.id, placementId: placement.id, mentorId: mentor._id, status: "interested" });
  const introduction = await startIntroduction(mentor, String(proposal._id));
  if (!introduction.ok) throw new Error("introduction");
  expect(await giveConsent(mentor, introduction.id, { fields: ["firstName"], note: "", method: "with_mentor" })).toEqual({ ok: true });
  expect(await respondToIntroduction(employer, introduction.id, { answer: "accepted" })).toEqual({ ok: true });
  await drainOutbox();
  return { employer, mentor, menteeUser, menteeId: mentee.id, firstName, introductionId: introduction.id };
}

export type Party = Awaited<ReturnType<typeof acceptedIntroduction>>;

/** The start recorded today (Zagreb), with a planned end that many days later or none. Returns the follow-up's id. */
export async function startToday(party: Party, plannedEndInDays?: number) {
  const startDay = localToday(now(), "Europe/Zagreb");
  const result = await startFollowUp(party.mentor, party.introductionId, { startDay, hoursPerWeek: 20, plannedEndDay: plannedEndInDays === undefined ? undefined : addDays(startDay, plannedEndInDays) });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.id;
}

export async function makeCoordinator(name = "Koordinatorica"): Promise<SessionUser> {
  return (await UserModel.create({ email: `coordinator-${Date.now()}-${counter++}@example.test`, name, role: "coordinator", passwordHash: "x", emailConfirmedAt: new Date() })).toObject() as SessionUser;
}
