import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { getOrganisationSummary } from "~/organisations/verification.server.ts";
import { notFound } from "~/ui/responses.server.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "employer.title", i18n: ["countries", "employer", "orgKinds", "status"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "employer");
  const organisation = await getOrganisationSummary(user.organisationId);
  if (!organisation) notFound();
  return {
    organisation: {
      name: organisation.name,
      kind: organisation.kind,
      status: organisation.status,
      rejectionReason: organisation.rejectionReason ?? null,
      town: organisation.town,
      country: organisation.country,
    },
  };
}

export default function EmployerHome() {
  const { t } = useTranslation();
  const { organisation } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{organisation.name}</h1>
      <p>
        {t(`orgKinds.${organisation.kind}`)} · {organisation.town}, {t(`countries.${organisation.country}`)} ·{" "}
        <span className={`status ${organisation.status}`}>{t(`status.${organisation.status}`)}</span>
      </p>
      <div className="panel">
        {organisation.status === "pending" ? <p>{t("employer.waiting")}</p> : null}
        {organisation.status === "rejected" ? <p>{t("employer.rejected", { reason: organisation.rejectionReason })}</p> : null}
        {organisation.status === "verified" ? <p>{t("employer.verified")}</p> : null}
        <p>
          <Link to="/employer/placements">{t("nav.myPlacements")}</Link> · <Link to="/employer/placed">{t("nav.placed")}</Link>
        </p>
      </div>
    </>
  );
}
