import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { destroySession, getUser } from "~/accounts/session.server.ts";
import { endDeskSession, mentorPageAfterDesk } from "~/mentees/desk.server.ts";

export async function loader() {
  return redirect("/");
}

/**
 * Also "End desk session": the mentee is told, and the mentor signs in again and is back on her
 * page (or on the page of their own they had asked for during the desk session).
 */
export async function action({ request }: ActionFunctionArgs) {
  // Signing out never fails on its body: whatever was sent, the session ends.
  const asked = await request
    .formData()
    .then((form) => form.get("redirectTo"))
    .catch(() => null);
  const user = await getUser(request);
  const deskMenteeId = user ? await endDeskSession(user) : null;
  const target = deskMenteeId
    ? `/login?notice=deskEnded&redirectTo=${encodeURIComponent(mentorPageAfterDesk(deskMenteeId, asked))}`
    : "/login?notice=loggedOut";
  return redirect(target, { headers: { "Set-Cookie": await destroySession(request) } });
}
