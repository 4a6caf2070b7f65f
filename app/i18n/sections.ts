// A page gets only the messages it shows: the shared sections below, plus the sections its route
// declares in `handle.i18n` (a top-level section of the locale files such as placements, or a part
// of one such as vocab.kind). The root loader sends them for the page being shown, also on client-side
// navigation (see root.tsx shouldRevalidate). tests/unit/i18n-sections.test.ts reads each route's
// modules for the keys they name and fails when a declaration misses one.

/**
 * Every page: the frame (header, navigation, language form, desk banner, footer), the error
 * pages, and form errors (actions return them from server code that a route's modules do not
 * name). The confirmation that follows a redirect (?notice=) is sent only with the page that
 * shows it (root.tsx, noticeSections).
 */
export const sharedSections = [
  "app",
  "nav",
  "language",
  "errorPages",
  "errors",
  "mentee.deskBannerLabel",
  "mentee.deskBanner",
  "mentee.deskEnd",
  "mentees.allMentees",
  "import.navLink",
  "outcomes.navLink",
  "stories.navLink",
  "publicStories.title",
  "storyDecision.title",
  "mailbox.title",
] as const;

/** The sections a page's routes declare, root first, leaf last. */
export function declaredSections(handles: readonly unknown[]): string[] {
  const sections = new Set<string>(sharedSections);
  for (const handle of handles) {
    const declared = (handle as { i18n?: unknown } | undefined)?.i18n;
    if (Array.isArray(declared)) for (const section of declared) if (typeof section === "string") sections.add(section);
  }
  return [...sections];
}
