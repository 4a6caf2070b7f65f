import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { safeRedirectTarget } from "~/security/safe-redirect.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "mentee.deskStillOpenTitle", i18n: ["mentee"], scripts: false };

/**
 * A desk session asked for a page that is not the mentee's (the mentor went back to their own
 * pages): say whose screen this still is, and offer to end the session, after which the mentor
 * signs in and lands on the page they asked for. Outside a desk session there is nothing to end.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "mentee", { desk: true });
  if (!user.desk) throw redirect("/me");
  return { mentor: user.desk.mentorName, redirectTo: safeRedirectTarget(new URL(request.url).searchParams.get("redirectTo"), "") };
}

export default function DeskStillOpen() {
  const { t } = useTranslation();
  const { mentor, redirectTo } = useLoaderData<typeof loader>();
  return (
    <div className="easy">
      <h1>{t("mentee.deskStillOpenTitle")}</h1>
      <p>{t("mentee.deskStillOpenText", { mentor })}</p>
      <Form method="post" noValidate action="/logout">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <button type="submit">{t("mentee.deskEndAndSignIn")}</button>
      </Form>
      <p>
        <Link to="/me/offers">{t("mentee.deskContinue")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
