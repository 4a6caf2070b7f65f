/**
 * What a consent is for. Each purpose has its own record fields besides the common evidence (who,
 * what text, when, how, witnessed by whom, withdrawn when): an "introduction" names the
 * introduction, the organisation it is given to and the placement; a "story_publication" names
 * the story, the version she approved, the channels and when it runs out.
 */
export const consentPurposes = ["introduction", "story_publication"] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/** Where a published story may appear: a story publication consent names each channel it covers. */
export const storyChannels = ["portal", "print", "social"] as const;
export type StoryChannel = (typeof storyChannels)[number];

/** How the mentee gave it: at her mentor's screen, on her own device (signed in), or by a one-time link without an account. */
export const consentMethods = ["with_mentor", "own_device", "link"] as const;
export type ConsentMethod = (typeof consentMethods)[number];

/**
 * What an employer may be shown of a mentee in an introduction, each only with a consent that
 * names it. The mentor's contact is always shown: it is the mentor's, not the mentee's.
 */
export const consentFields = ["firstName", "fullName", "ownContact", "skillsSummary", "availability", "supportNeeded", "note"] as const;
export type ConsentField = (typeof consentFields)[number];

/** Ticked when the consent screen opens; everything else is the mentee's active choice. */
export const preTickedFields: ConsentField[] = ["firstName"];

/**
 * An employer cannot meet someone nameless: an introduction needs at least one of these. A way to
 * reach the person always goes with it (the mentor's contact), so her own address stays optional.
 */
export const namingFields: ConsentField[] = ["firstName", "fullName"];

export function consentNamesThePerson(fields: readonly string[]): boolean {
  return namingFields.some((field) => fields.includes(field));
}

export const CONSENT_TEXT_VERSION = "introduction-2026-11-v1";
