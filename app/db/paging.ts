// One rule for every list a page at a time: a page number past the last page shows the last page,
// anything that is not a page number shows the first, so a list never says "page 9 of 4".

/** The page an address asks for (`?page=3`): a whole number from 1; anything else is the first page. */
export function pageAsked(value: string | null | undefined): number {
  if (!value || !/^\d+$/.test(value)) return 1;
  return Math.max(1, Number(value));
}

/** The page shown of `total` rows: the one asked for, or the last when it is past the end (an empty list has one, empty, page). */
export function pageWithin(total: number, asked: number, pageSize: number) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(asked) || 1), pages);
  return { page, pages, first: (page - 1) * pageSize };
}
