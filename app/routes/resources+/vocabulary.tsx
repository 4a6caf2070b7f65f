import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/accounts/session.server.ts";
import { getT, pageLanguage } from "~/i18n/i18n.server.ts";
import { forbidden } from "~/ui/responses.server.ts";
import { pickerRoles, vocabularySuggestions } from "~/vocabulary/picker.server.ts";

/** Words from the skills and interests vocabulary for what someone types in an interests or skills field (JSON). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "anyRole");
  if (!pickerRoles.includes(user.role)) forbidden();
  const language = await pageLanguage(request, user);
  const answer = vocabularySuggestions(new URL(request.url), language);
  if (!answer.ok) return Response.json({ error: getT(language)(answer.error) }, { status: 400 });
  return Response.json({ suggestions: answer.suggestions }, { headers: { "Cache-Control": "private, no-store" } });
}
