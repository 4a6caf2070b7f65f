import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { destroySession } from "~/accounts/session.server.ts";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/login?notice=loggedOut", { headers: { "Set-Cookie": await destroySession(request) } });
}
