import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { useMessage } from "./field.tsx";

/** The one error view of every route: a clear, localised page per status, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const message = useMessage();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A refusal that names its problem (badRequest in responses.server.ts) shows it instead of "try again".
  const named = isRouteErrorResponse(error) && typeof (error.data as { message?: unknown } | null)?.message === "string" ? (error.data as { message: string }).message : null;
  if (!isRouteErrorResponse(error)) console.error(error);
  const [title, text] =
    status === 403
      ? [t("errorPages.forbiddenTitle"), t("errorPages.forbiddenText")]
      : status === 404
        ? [t("errorPages.notFoundTitle"), t("errorPages.notFoundText")]
        : status >= 400 && status < 500
          ? [t("errorPages.badRequestTitle"), named ? message(named) : t("errorPages.errorText")]
          : [t("errorPages.errorTitle"), t("errorPages.errorText")];
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{text}</p>
      <p className="error-code">{status}</p>
      <p>
        <Link to="/">{t("errorPages.backHome")}</Link>
      </p>
    </section>
  );
}
