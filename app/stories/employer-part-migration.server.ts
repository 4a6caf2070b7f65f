import { ConsentModel } from "~/consent/model.server.ts";
import { getT } from "~/i18n/i18n.server.ts";
import { isLanguage } from "~/i18n/languages.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { StoryModel, type Story } from "./model.server.ts";
import { enqueueStoryIndex } from "./search-index.server.ts";

/** Whether her consent's text named the employer: the line it carries when the view she approved did (storyConsentText). */
async function consentNamedEmployer(consentId: unknown, employer: string): Promise<boolean> {
  const consent = consentId ? await ConsentModel.findById(consentId).select("text language").lean() : null;
  if (!consent?.text) return false;
  const t = getT(isLanguage(consent.language) ? consent.language : "en");
  return consent.text.split("\n").includes(t("storyDecision.consentText.employer", { employer }));
}

/**
 * Stories stored before the employer's part was kept apart (decision 017): a decline cleared the
 * employer's name from the view she approved and left its quote public, and an approval never put
 * the name back. Her consent's text tells whether the version she approved named the employer: that
 * name goes back into her approved view; a published story whose employer declined loses its quote
 * (kept aside, as a decline keeps it now), and one whose employer approved shows its name again.
 * Returns how many stories changed; a second run changes none.
 */
export async function settleEarlierEmployerParts(): Promise<number> {
  const stories = await StoryModel.find({ showEmployer: true, organisationId: { $exists: true }, "approvedView.employerName": "" }).lean<Story[]>();
  let changed = 0;
  for (const story of stories) {
    const organisation = await OrganisationModel.findById(story.organisationId).select("name").lean();
    const employerName = organisation && (await consentNamedEmployer(story.consentId, organisation.name)) ? organisation.name : "";
    const set: Record<string, unknown> = {};
    if (employerName) set["approvedView.employerName"] = employerName;
    // Published: the public view is the version she approved.
    const published = story.status === "published" ? story.publishedView : null;
    if (published && story.employerApproval === "declined" && (published.quote || published.employerName)) {
      Object.assign(set, { withheldEmployerPart: { employerName, quote: published.quote ?? "" }, "publishedView.employerName": "", "publishedView.quote": "" });
    }
    if (published && story.employerApproval === "approved" && employerName && !published.employerName) set["publishedView.employerName"] = employerName;
    if (Object.keys(set).length === 0) continue;
    const updated = await StoryModel.updateOne({ _id: story._id, version: story.version, status: story.status, employerApproval: story.employerApproval }, { $set: set });
    if (updated.modifiedCount === 0) continue;
    if (published) await enqueueStoryIndex(story._id, story.menteeId);
    changed++;
  }
  return changed;
}
