// The lists' one paging rule (pageWithin, app/db/paging.ts) for a search whose index pages it: the
// index answers a page past the last with no hits, so the last page is asked for instead.

// Past the last page of any index here (each answers at most its maxTotalHits): a larger page
// number is asked as this one.
const FURTHEST_PAGE = 10_000;

/** The page to ask the index for when `asked` is asked for. */
export const pageToAsk = (asked: number) => Math.min(Math.max(1, asked), FURTHEST_PAGE);

interface PagedResponse {
  totalHits?: number;
  totalPages?: number;
}

/**
 * The page shown for the index's `response` to page `asked` (from pageToAsk): that one, or, when
 * `asked` is past the last page of what was found, the last page, asked for with `searchPage`.
 */
export async function searchPageWithin<R extends PagedResponse>(asked: number, response: R, searchPage: (page: number) => Promise<R>) {
  const pages = Math.max(1, response.totalPages ?? 1);
  const page = Math.min(asked, pages);
  const shown = page < asked && (response.totalHits ?? 0) > 0 ? await searchPage(page) : response;
  return { response: shown, page, pages };
}
