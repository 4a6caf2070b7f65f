import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { confirmEmail } from "~/accounts/registration.server.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "confirm.title", i18n: ["confirm"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  if (!token || token.length < 20 || token.length > 100) return { ok: false as const };
  return confirmEmail(token);
}

export default function ConfirmEmail() {
  const { t } = useTranslation();
  const result = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="confirm-title">
      <h1 id="confirm-title">{t("confirm.title")}</h1>
      {result.ok ? (
        <div role="status">
          <p className="notice">{t("confirm.confirmed")}</p>
          {result.waitingFor === "organisation" ? <p>{t("confirm.waitingOrganisation")}</p> : null}
          {result.waitingFor === "mentorApproval" ? <p>{t("confirm.waitingMentor")}</p> : null}
          <p>
            <Link to="/login">{t("nav.login")}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="alert">{t("confirm.invalid")}</p>
          <p>
            <Link to="/confirm-email/resend">{t("confirm.resendLink")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
