// The words of a success story, shared by the editor, the mentee's decision, the public pages and
// the server's schemas.

/**
 * draft → awaiting_mentee (sent for her decision) → approved (she said yes to this version) →
 * published (a coordinator put it out) → withdrawn (she took it back) / expired (her consent ran
 * out). She may also decline (declined). Any edit takes a story back to draft: the public keeps
 * seeing the version she approved until a new version is approved and published.
 */
export const storyStatuses = ["draft", "awaiting_mentee", "approved", "declined", "published", "withdrawn", "expired"] as const;
export type StoryStatus = (typeof storyStatuses)[number];

/** The programme's countries, each with a page of its own (/hr, /si, /dk) and a filter on the list. */
export const storyCountries = ["HR", "SI", "DK"] as const;
export type StoryCountry = (typeof storyCountries)[number];

export { storyChannels, type StoryChannel } from "~/consent/vocabulary.ts";

/** How the story names the person: left out (default), a changed first name, or her own first name. Never a surname. */
export const storyNameChoices = ["omitted", "changed", "first_name"] as const;
export type StoryNameChoice = (typeof storyNameChoices)[number];

/** Where: the region (default) or the town. */
export const storyPlaceChoices = ["region", "town"] as const;
export type StoryPlaceChoice = (typeof storyPlaceChoices)[number];

/** How long a publication consent lasts unless the mentee chooses otherwise. */
export const STORY_CONSENT_YEARS = 2;

/** The limits of a story's texts (also named in their messages). */
export const storyLimits = {
  title: { min: 3, max: 120 },
  body: { min: 50, max: 4000 },
  quote: { max: 500 },
  changedName: { min: 2, max: 40 },
} as const;

/** The largest photo an editor may upload (it is re-encoded smaller). */
export const STORY_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
