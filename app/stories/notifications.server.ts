// Who is told of a story's decisions, by e-mail through the outbox: the named employer's people
// when a version that names it waits for their answer, and her lead mentor when she approves,
// declines or withdraws. Least data: her first name to her own mentor, nothing of her to the
// employer, none of the story's text to anyone. Each e-mail has a key, so a retry sends it once.
import { UserModel } from "~/accounts/model.server.ts";
import { enqueueEmail } from "~/email/queue.server.ts";
import { publicUrl } from "~/env.server.ts";
import { isLanguage } from "~/i18n/languages.ts";
import type { Mentee } from "~/mentees/model.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { emailOrganisation } from "~/organisations/people.server.ts";
import type { Story } from "./model.server.ts";

type StoryFacts = Pick<Story, "_id" | "version" | "showEmployer" | "organisationId" | "employerApproval">;

/** After she approved a version that names an employer still to decide: its people are asked, each in their language. */
export async function askEmployerAboutStory(story: StoryFacts, mentee: Pick<Mentee, "_id">): Promise<void> {
  if (!story.showEmployer || !story.organisationId || story.employerApproval !== "pending") return;
  const organisation = await OrganisationModel.findById(story.organisationId).select("name").lean();
  if (!organisation) return;
  await emailOrganisation(story.organisationId, {
    template: "storyAwaitsEmployer",
    params: { organisation: organisation.name, link: `${publicUrl()}/employer/stories` },
    about: { menteeId: mentee._id },
    key: `story-employer-asked:${story._id}:v${story.version}`,
  });
}

export type MenteeStoryDecision = "approved" | "declined" | "withdrawn";

/** Her lead mentor learns that she approved, declined or withdrew the story (not when the mentor recorded it). */
export async function tellMentorOfDecision(story: StoryFacts, mentee: Pick<Mentee, "_id" | "firstName" | "mentorId">, decision: MenteeStoryDecision): Promise<void> {
  if (!mentee.mentorId) return;
  const mentor = await UserModel.findById(mentee.mentorId).select("email name language deactivatedAt").lean();
  if (!mentor || mentor.deactivatedAt) return;
  const waitsForEmployer = decision === "approved" && story.showEmployer && story.employerApproval !== "approved";
  await enqueueEmail({
    to: mentor.email,
    language: isLanguage(mentor.language) ? mentor.language : "en",
    template: "storyMenteeDecided",
    params: { name: mentor.name, firstName: mentee.firstName.split(/\s+/)[0] ?? "", decision: waitsForEmployer ? "approvedWaitsEmployer" : decision, link: `${publicUrl()}/mentor/stories/${story._id}` },
    about: { menteeId: mentee._id },
    key: decision === "withdrawn" ? `story-mentee-decided:${story._id}:withdrawn` : `story-mentee-decided:${story._id}:v${story.version}:${decision}`,
  });
}
