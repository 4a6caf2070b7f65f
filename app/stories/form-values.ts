/** A stored story as its form's values (strings, as the form sends them). */
export function storyValues(story: {
  title: string;
  body: string;
  language: string;
  placementKind: string;
  sector: string;
  country: string;
  town: string;
  nameChoice: string;
  changedName?: string | null;
  placeChoice: string;
  quote?: string | null;
  organisationId?: unknown;
  showEmployer: boolean;
}): Record<string, string> {
  return {
    title: story.title,
    body: story.body,
    language: story.language,
    placementKind: story.placementKind,
    sector: story.sector,
    country: story.country,
    town: story.town,
    nameChoice: story.nameChoice,
    changedName: story.changedName ?? "",
    placeChoice: story.placeChoice,
    quote: story.quote ?? "",
    organisationId: story.organisationId ? String(story.organisationId) : "",
    showEmployer: story.showEmployer ? "yes" : "",
  };
}
