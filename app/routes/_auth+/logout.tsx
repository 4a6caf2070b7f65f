import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { destroySession, getUser } from "~/accounts/session.server.ts";
import { endDeskSession } from "~/mentees/desk.server.ts";

export async function loader() {
  return redirect("/");
}

/** Also "End desk session": the mentee is told, and the mentor signs in again to go back to her page. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request);
  const deskMenteeId = user ? await endDeskSession(user) : null;
  const target = deskMenteeId ? `/login?notice=deskEnded&redirectTo=${encodeURIComponent(`/mentor/mentees/${deskMenteeId}`)}` : "/login?notice=loggedOut";
  return redirect(target, { headers: { "Set-Cookie": await destroySession(request) } });
}
