import { readFormData } from "~/ui/request.server.ts";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { setAccountLanguage } from "~/accounts/registration.server.ts";
import { getUser } from "~/accounts/session.server.ts";
import { safeRedirectTarget } from "~/security/safe-redirect.ts";
import { languageCookie } from "~/i18n/i18n.server.ts";
import { isLanguage } from "~/i18n/languages.ts";

export async function loader() {
  return redirect("/");
}

/** Changes the language for this browser and, when signed in (not at the desk), for the account. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const language = form.get("language");
  const target = safeRedirectTarget(form.get("redirectTo"), "/");
  if (!isLanguage(language)) return redirect(target);
  const user = await getUser(request);
  // A desk session changes the screen's language only: the mentee's own setting is hers.
  if (user && !user.desk) await setAccountLanguage(user._id, language);
  return redirect(target, { headers: { "Set-Cookie": await languageCookie.serialize(language) } });
}
