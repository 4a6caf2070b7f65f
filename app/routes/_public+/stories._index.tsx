import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { placementKinds, sectors } from "~/placements/vocabulary.ts";
import { publicStories, readStoryQuery } from "~/stories/public.server.ts";
import { storyCountries } from "~/stories/vocabulary.ts";
import { StoryCards } from "~/stories/story-cards.tsx";
import { Pager } from "~/ui/pager.tsx";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "publicStories.title", i18n: ["publicStories", "countries", "vocab.kind", "vocab.sector"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const query = readStoryQuery(new URL(request.url).searchParams);
  const result = await publicStories(query);
  return { result, query: { q: query.q, country: query.country ?? "", sector: query.sector ?? "", kind: query.kind ?? "" } };
}

type Query = ReturnType<typeof useLoaderData<typeof loader>>["query"];

function pageHref(query: Query, page: number) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  params.set("page", String(page));
  return `?${params.toString()}`;
}

function Filter({ name, label, value, options }: { name: string; label: string; value: string; options: { value: string; text: string }[] }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={value}>
        <option value="">{t("publicStories.any")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function Stories() {
  const { t } = useTranslation();
  const { result, query } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("publicStories.title")}</h1>
      <p className="lead">{t("publicStories.intro")}</p>
      <Form method="get" role="search" className="search-form">
        <div className="search-bar">
          <div className="field">
            <label htmlFor="q">{t("publicStories.query")}</label>
            <input type="search" id="q" name="q" defaultValue={query.q} maxLength={120} />
          </div>
          <button type="submit">{t("publicStories.search")}</button>
        </div>
        <div className="filter-grid">
          <Filter name="country" label={t("publicStories.country")} value={query.country} options={storyCountries.map((c) => ({ value: c, text: t(`countries.${c}`) }))} />
          <Filter name="sector" label={t("publicStories.sector")} value={query.sector} options={sectors.map((s) => ({ value: s, text: t(`vocab.sector.${s}`) }))} />
          <Filter name="kind" label={t("publicStories.kind")} value={query.kind} options={placementKinds.map((k) => ({ value: k, text: t(`vocab.kind.${k}`) }))} />
        </div>
      </Form>
      <section aria-labelledby="stories-found">
        {result.mode === "fallback" ? <p className="alert">{t("publicStories.fallbackNotice")}</p> : null}
        <h2 id="stories-found">{t("publicStories.found", { count: result.total })}</h2>
        {result.total === 0 ? <p>{t("publicStories.none")}</p> : null}
        <StoryCards stories={result.stories} />
        <Pager label={t("publicStories.pagination")} page={result.page} pages={result.pages} link={(n) => pageHref(query, n)} words="publicStories" />
      </section>
      <p>
        <Link to="/stories/feed.xml" reloadDocument>
          {t("publicStories.feed")}
        </Link>
      </p>
    </>
  );
}
