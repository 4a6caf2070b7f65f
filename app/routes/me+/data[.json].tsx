import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/session.server.ts";
import { exportMenteeData } from "~/privacy/mentee-data.server.ts";

/** Everything the portal holds about me, as a JSON file: the same as the page /me/data, for computers. */
export async function loader({ request }: LoaderFunctionArgs) {
  const mentee = await requireUser(request, "mentee");
  const data = await exportMenteeData(mentee);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="my-data.json"',
      "Cache-Control": "no-store",
    },
  });
}
