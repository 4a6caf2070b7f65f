import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { distanceKm } from "~/placements/geo.ts";
import { findTown } from "~/placements/gazetteer.server.ts";
import { getPublicPlacement } from "~/placements/search.server.ts";
import { SupportList, useStartText } from "~/ui/placement-bits.tsx";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { notFound } from "~/ui/responses.server.ts";
import { hoursText } from "~/i18n/hours.ts";

/** The browser's title names the placement first (loader data; none on the error page). */
const ownTitle = (data: unknown) => (data as { placement?: { title?: string } } | undefined)?.placement?.title;

export const handle = {
  title: "placements.details",
  ownTitle,
  // A page to read, and a mentee's offer opens it: it carries no scripts (app/ui/page-scripts.ts).
  scripts: false,
  i18n: ["placements", "vocab.flexibility", "vocab.kind", "vocab.physical", "vocab.readiness", "vocab.sector", "vocab.status", "vocab.support", "vocab.supportPlain", "vocab.workLanguage"],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const placement = await getPublicPlacement(params.id ?? "");
  if (!placement) notFound();
  const from = new URL(request.url).searchParams.get("town")?.slice(0, 80);
  const origin = from ? findTown(from) : undefined;
  return {
    placement,
    distance: origin ? { km: Math.round(distanceKm(origin, placement._geo)), town: origin.name } : null,
  };
}

export default function PlacementPage() {
  const { t, i18n } = useTranslation();
  const startText = useStartText();
  const { placement: p, distance } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="placement-title">
      <p>
        <Link to="/placements">{t("placements.back")}</Link>
      </p>
      <h1 id="placement-title" lang={p.language}>
        {p.title}
      </h1>
      <p className="lead">
        {t(`vocab.kind.${p.kind}`)} · {t(`vocab.sector.${p.sector}`)} · {t("placements.offeredBy", { organisation: p.organisationName })}
      </p>
      <ul className="facts">
        <li>
          {p.town}
          {distance ? ` — ${t("placements.distance", distance)}` : ""}
        </li>
        <li>{hoursText(i18n, "placements.hoursPerWeek", p.hoursMin, p.hoursMax)} · {t(`vocab.flexibility.${p.scheduleFlexibility}`)}</li>
        <li>{startText(p.startDate)}</li>
        {p.durationWeeks ? <li>{t("placements.durationWeeks", { count: p.durationWeeks })}</li> : null}
        <li>{p.places === 1 ? t("placements.placesOne") : t("placements.places", { count: p.places })}</li>
        <li>{t(`vocab.readiness.${p.readiness}`)} · {t(`vocab.physical.${p.physicalDemands}`)}</li>
      </ul>
      <section aria-labelledby="support-title" className="panel">
        <h2 id="support-title">{t("placements.supportTitle")}</h2>
        <SupportList support={p.support} plain />
        {p.supportNotes ? <p lang={p.language}>{p.supportNotes}</p> : null}
      </section>
      <section aria-labelledby="about-title">
        <h2 id="about-title">{t("placements.aboutTitle")}</h2>
        <p lang={p.language} className="prewrap">
          {p.description}
        </p>
        {p.skills.length ? (
          <p>
            <strong>{t("placements.skills")}:</strong> <span lang={p.language}>{p.skills.join(", ")}</span>
          </p>
        ) : null}
        {p.languages.length ? (
          <p>
            <strong>{t("placements.languages")}:</strong> {p.languages.map((l) => t(`vocab.workLanguage.${l}`)).join(", ")}
          </p>
        ) : null}
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
