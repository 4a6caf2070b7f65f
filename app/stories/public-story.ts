// What the public sees of a story, from the editor's fields and the anonymisation choices: the one
// place that decides it. The editor's preview, the mentee's frozen preview, the consent's text,
// the published page, the search index and the feed all show this, never the story itself.
import type { StoryNameChoice, StoryPlaceChoice } from "./vocabulary.ts";

export interface StoryDraft {
  title: string;
  body: string;
  language: string;
  placementKind: string;
  sector: string;
  country: string;
  town: string;
  nameChoice: StoryNameChoice;
  changedName: string;
  placeChoice: StoryPlaceChoice;
  quote: string;
  showEmployer: boolean;
  photo?: { file: string; width: number; height: number } | null;
}

export interface PublicStoryView {
  title: string;
  body: string;
  name: string;
  place: string;
  country: string;
  placementKind: string;
  sector: string;
  quote: string;
  employerName: string;
  photo?: { file: string; width: number; height: number };
  language: string;
}

/** Text as text: tags and control characters are dropped, runs of blank lines kept to one (no HTML from editors reaches a page). */
export function plainText(text: string): string {
  return text
    .replace(/<[^>]*>/g, "")
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
    .replace(/\r\n?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * The public view of a draft. `mentee` is what the record knows (her first name), `region` the
 * region of her town, `employerName` the employer's name when it approved being named (else empty).
 */
export function publicViewOf(story: StoryDraft, context: { firstName: string; region: string; employerName: string }): PublicStoryView {
  const name = story.nameChoice === "first_name" ? context.firstName.split(/\s+/)[0] ?? "" : story.nameChoice === "changed" ? plainText(story.changedName) : "";
  return {
    title: plainText(story.title),
    body: plainText(story.body),
    name,
    place: story.placeChoice === "town" ? story.town : context.region,
    country: story.country,
    placementKind: story.placementKind,
    sector: story.sector,
    quote: plainText(story.quote),
    employerName: story.showEmployer ? context.employerName : "",
    ...(story.photo ? { photo: story.photo } : {}),
    language: story.language,
  };
}
