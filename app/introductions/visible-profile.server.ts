import { UserModel } from "~/accounts/model.server.ts";
import { introductionConsentsInForce, profileUnderConsent, type ConsentedProfile } from "~/consent/consent.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";
import { MenteeModel, type Mentee } from "~/mentees/model.server.ts";
import { IntroductionModel, type Introduction } from "./model.server.ts";

export interface VisibleProfile extends ConsentedProfile {
  withdrawn: boolean;
  mentor: { name: string; email: string };
}

/**
 * THE one place that decides what an organisation may see of the mentee of an introduction, from
 * the consent in force right now. Every employer page, e-mail and export goes through it; without
 * a consent in force it returns no mentee data at all, only the mentor's contact.
 */
export async function visibleProfileFor(organisationId: unknown, introductionId: unknown): Promise<VisibleProfile | null> {
  return (await visibleProfilesFor(organisationId, [introductionId]))[0];
}

/** The same for many introductions (the employer's list), in the order asked, in a few queries for all. */
export async function visibleProfilesFor(organisationId: unknown, introductionIds: unknown[]): Promise<(VisibleProfile | null)[]> {
  const found = await findByIds<Introduction>(IntroductionModel, introductionIds);
  const introductions = found.filter((i): i is Introduction => Boolean(i) && String(i!.organisationId) === String(organisationId));
  const [mentors, consents] = await Promise.all([
    findByIds<{ name: string; email: string }>(
      UserModel,
      introductions.map((i) => i.mentorId),
      "name email",
    ),
    introductionConsentsInForce(
      introductions.map((i) => i._id),
      organisationId,
    ),
  ]);
  const consented = introductions.filter((i) => consents.has(String(i._id)) && i.status !== "withdrawn");
  const mentees = await findByIds<Mentee>(
    MenteeModel,
    consented.map((i) => i.menteeId),
  );
  const menteeOf = new Map(consented.map((i, n) => [String(i._id), mentees[n]]));
  const profiles = new Map<string, VisibleProfile>();
  introductions.forEach((introduction, n) => {
    const mentorContact = { name: mentors[n]?.name ?? "", email: mentors[n]?.email ?? "" };
    const consent = consents.get(String(introduction._id));
    const mentee = menteeOf.get(String(introduction._id));
    profiles.set(String(introduction._id), consent && mentee ? { withdrawn: false, mentor: mentorContact, ...profileUnderConsent(consent, mentee) } : { withdrawn: true, fields: [], mentor: mentorContact });
  });
  return introductionIds.map((id) => profiles.get(String(id)) ?? null);
}
