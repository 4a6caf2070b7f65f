import { UserModel } from "~/accounts/model.server.ts";
import { introductionConsentInForce, profileUnderConsent, type ConsentedProfile } from "~/consent/consent.server.ts";
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
  const introduction = await IntroductionModel.findById(introductionId).lean<Introduction>();
  if (!introduction || String(introduction.organisationId) !== String(organisationId)) return null;
  const mentor = await UserModel.findById(introduction.mentorId).select("name email").lean();
  const mentorContact = { name: mentor?.name ?? "", email: mentor?.email ?? "" };
  const consent = await introductionConsentInForce(introduction._id, organisationId);
  if (!consent || introduction.status === "withdrawn") return { withdrawn: true, fields: [], mentor: mentorContact };
  const mentee = await MenteeModel.findById(introduction.menteeId).lean<Mentee>();
  if (!mentee) return { withdrawn: true, fields: [], mentor: mentorContact };
  return { withdrawn: false, mentor: mentorContact, ...profileUnderConsent(consent, mentee) };
}
