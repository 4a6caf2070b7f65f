import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { readCalendarFeed } from "~/checkins/calendar.server.ts";
import { notFound } from "~/ui/responses.server.ts";

const NOT_KEPT = "private, no-store";

/** Also for the same data asked for as /calendar/<token>.ics.data, which Remix answers itself. */
export const headers: HeadersFunction = () => ({ "Cache-Control": NOT_KEPT });

/**
 * A mentor's check-ins as an iCalendar feed, for her calendar app: no session (the secret address
 * is the key), 404 for an address that is not, or no longer, a feed's.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const answer = await readCalendarFeed(params.token ?? "", context.clientAddress);
  if (answer.status === 404) notFound();
  if (answer.status !== 200) {
    return new Response(null, { status: answer.status, headers: { "Retry-After": String(Math.max(1, Math.ceil(answer.retryAfterMs / 1000))), "Cache-Control": "no-store" } });
  }
  return new Response(answer.body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="check-ins.ics"',
      // Names of people: kept by no cache on the way, nor in the browser.
      "Cache-Control": NOT_KEPT,
      "X-Robots-Tag": "noindex",
    },
  });
}
