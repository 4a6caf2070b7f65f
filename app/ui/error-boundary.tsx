import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";

/** The one error view of every route: a clear, localised page per status, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const [title, text] =
    status === 403
      ? [t("errorPages.forbiddenTitle"), t("errorPages.forbiddenText")]
      : status === 404
        ? [t("errorPages.notFoundTitle"), t("errorPages.notFoundText")]
        : status >= 400 && status < 500
          ? [t("errorPages.badRequestTitle"), t("errorPages.errorText")]
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
