import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { listOwnPlacements } from "~/placements/placements.server.ts";
import { formatDate, StatusBadge } from "~/ui/placement-bits.tsx";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = {
  title: "employerPlacements.title",
  i18n: ["employerPlacements", "import.downloadPlacements", "import.title", "placements", "vocab.kind", "vocab.status", "vocab.support", "vocab.supportPlain"],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "employer");
  const { organisation, placements } = await listOwnPlacements(user);
  return {
    organisation: { name: organisation.name, verified: organisation.status === "verified" },
    placements: placements.map((p) => ({ id: String(p._id), title: p.title, kind: p.kind, town: p.town, status: p.status, updatedAt: p.updatedAt.toISOString(), moderated: Boolean(p.moderationReason) })),
  };
}

export default function EmployerPlacements() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const { organisation, placements } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("employerPlacements.title")}</h1>
      <p>{t("employerPlacements.intro", { organisation: organisation.name })}</p>
      {!organisation.verified ? <p className="notice">{t("employerPlacements.waitingVerification")}</p> : null}
      <p>
        <Link to="/employer/placements/new" className="button">
          {t("employerPlacements.new")}
        </Link>
      </p>
      <p>
        {t("import.downloadPlacements")} <a href="/employer/export?kind=placements&format=csv">CSV</a> · <a href="/employer/export?kind=placements&format=json">JSON</a> ·{" "}
        <Link to="/employer/import">{t("import.title")}</Link>
      </p>
      {placements.length === 0 ? <p>{t("employerPlacements.none")}</p> : null}
      <ul className="cards">
        {placements.map((p) => (
          <li key={p.id}>
            <h2 className="card-title">
              <Link to={`/employer/placements/${p.id}`}>{p.title}</Link>
            </h2>
            <p>
              {t(`vocab.kind.${p.kind}`)} · {p.town} · <StatusBadge status={p.status} /> · {t("employerPlacements.updated", { date: formatDate(p.updatedAt, language) })}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
