/**
 * A route whose page is whole without JavaScript can say `handle.scripts = false`: the page then
 * carries no scripts at all. Its links and forms are the browser's own (a form is answered by the
 * server, a link loads the next page), as for anyone whose browser runs no scripts. A mentee's
 * pages do so, because React and Remix alone weigh more than their budget of 60 KB compressed
 * (issue 17; docs/decisions/013-page-weight.md).
 */
export function pageHasScripts(matches: readonly { handle?: unknown }[]): boolean {
  return !matches.some((match) => (match.handle as { scripts?: boolean } | undefined)?.scripts === false);
}
