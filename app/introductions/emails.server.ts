import { UserModel } from "~/accounts/model.server.ts";
import { enqueueEmail } from "~/email/queue.server.ts";
import { enqueueOutbox } from "~/outbox/outbox.server.ts";
import type { EmailTemplateParams } from "~/email/templates/index.ts";
import { publicUrl } from "~/env.server.ts";
import { isLanguage, type Language } from "~/i18n/languages.ts";
import { MenteeModel } from "~/mentees/model.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { emailOrganisation } from "~/organisations/people.server.ts";
import { placementTitle } from "~/placements/titles.server.ts";
import type { Introduction } from "./model.server.ts";
import type { IntroductionStatus } from "./states.ts";

/** One e-mail per person of the organisation, in their language; what it says of her is decided when it is sent. */
export async function introduceToEmployer(introduction: Introduction) {
  const placement = await placementTitle(introduction.placementId);
  await emailOrganisation(introduction.organisationId, {
    template: "introduction",
    // No profile is queued: the outbox asks visibleProfileFor for it at the moment of sending.
    params: {
      placement,
      link: `${publicUrl()}/employer/introductions/${introduction._id}`,
      organisationId: String(introduction.organisationId),
      introductionId: String(introduction._id),
    } as unknown as Omit<EmailTemplateParams<"introduction">, "name">,
    about: { menteeId: introduction.menteeId },
  });
}

/**
 * After a withdrawal: the employer learns that access ended (only if they had been introduced,
 * and with nothing about the person but that she withdrew), and the lead mentor learns that the
 * mentee changed her mind, unless the mentor withdrew for her or was at the desk when she did.
 */
export async function tellOfWithdrawal(introduction: Introduction, from: IntroductionStatus, { toMentor }: { toMentor: boolean }) {
  const [placement, mentee] = await Promise.all([
    placementTitle(introduction.placementId),
    MenteeModel.findById(introduction.menteeId).select("firstName mentorId").lean(),
  ]);
  const about = { menteeId: introduction.menteeId };
  const employerTold = from !== "proposed";
  if (employerTold) {
    await emailOrganisation(introduction.organisationId, {
      template: "consentWithdrawnEmployer",
      params: { placement, link: `${publicUrl()}/employer/introductions/${introduction._id}` },
      about,
    });
  }
  const mentor = toMentor && mentee ? await UserModel.findById(mentee.mentorId).select("email name language").lean() : null;
  if (mentor) {
    const organisation = await OrganisationModel.findById(introduction.organisationId).select("name").lean();
    await enqueueEmail({
      to: mentor.email,
      language: languageOf(mentor.language),
      template: "consentWithdrawnMentor",
      params: { name: mentor.name, mentee: mentee!.firstName, placement, organisation: organisation?.name ?? "", employerTold, link: `${publicUrl()}/mentor/introductions/${introduction._id}` },
      about,
    });
  }
}

function languageOf(language: unknown): Language {
  return isLanguage(language) ? language : "en";
}

/** Mentor and mentee hear of the employer's answer, each in their own language. */
export async function tellMentorAndMentee(introduction: Introduction, answer: string) {
  const [organisation, placement, mentee] = await Promise.all([
    OrganisationModel.findById(introduction.organisationId).select("name").lean(),
    placementTitle(introduction.placementId),
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
      params: { name: user.name, organisation: organisation?.name ?? "", placement, answer, link: recipient.link },
    }, { menteeId: introduction.menteeId });
  }
}
