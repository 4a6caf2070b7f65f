import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { townNames } from "~/placements/gazetteer.server.ts";
import { searchQuerySchema, searchParamsToObject } from "~/placements/schema.server.ts";
import { searchPlacements } from "~/placements/search.server.ts";
import { placementKinds, placementReadiness, radiusChoices, sectors, supportOptions, workLanguages } from "~/placements/vocabulary.ts";
import { formatDate, SupportList } from "~/ui/placement-bits.tsx";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";

export const handle = {
  title: "placements.searchTitle",
  i18n: ["placements", "vocab.kind", "vocab.readiness", "vocab.sector", "vocab.status", "vocab.support", "vocab.supportPlain", "vocab.workLanguage"],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = searchQuerySchema.parse(searchParamsToObject(url.searchParams));
  const dropped = [query.kind, query.sector, query.support, query.readiness, query.language, query.maxHours, query.radius, query.sort, query.page].some((f) => f.dropped);
  const result = await searchPlacements(query);
  return {
    result,
    dropped,
    towns: townNames(undefined, 150),
    query: {
      q: query.q,
      kind: query.kind.valid,
      sector: query.sector.valid,
      support: query.support.valid,
      readiness: query.readiness.valid ?? "",
      language: query.language.valid ?? "",
      maxHours: query.maxHours.valid ? String(query.maxHours.valid) : "",
      town: query.town,
      radius: query.radius.valid ? String(query.radius.valid) : "",
      sort: query.sort.valid ?? "relevance",
    },
  };
}

function CheckboxGroup({ name, legend, values, checked, counts, label }: { name: string; legend: string; values: readonly string[]; checked: string[]; counts?: Record<string, number>; label: (v: string) => string }) {
  return (
    <fieldset className="filter-group">
      <legend>{legend}</legend>
      {values.map((v) => (
        <div className="choice" key={v}>
          <input type="checkbox" id={`${name}-${v}`} name={name} value={v} defaultChecked={checked.includes(v)} />
          <label htmlFor={`${name}-${v}`}>
            {label(v)}
            {counts ? <span className="count"> ({counts[v] ?? 0})</span> : null}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export default function PlacementSearch() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const { result, query, dropped, towns } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const typing = useRef<ReturnType<typeof setTimeout>>();
  const searchKey = JSON.stringify(query);

  // With JavaScript, results follow the form as the person types; without it, the button submits.
  function onChange(event: React.FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    clearTimeout(typing.current);
    typing.current = setTimeout(() => {
      const data = new FormData(form);
      data.delete("page");
      submit(data, { replace: true, preventScrollReset: true });
    }, 300);
  }

  const pageLink = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      for (const v of Array.isArray(value) ? value : [value]) if (v) params.append(key, v);
    }
    params.set("page", String(page));
    return `?${params.toString()}`;
  };

  return (
    <>
      <h1>{t("placements.searchTitle")}</h1>
      <p>{t("placements.searchIntro")}</p>
      <Form method="get" role="search" className="search-form" onChange={onChange} key={searchKey}>
        <div className="search-bar">
          <div className="field">
            <label htmlFor="q">{t("placements.query")}</label>
            <p className="hint" id="q-hint">
              {t("placements.queryHint")}
            </p>
            <input type="search" id="q" name="q" defaultValue={query.q} aria-describedby="q-hint" maxLength={120} />
          </div>
          <button type="submit">{t("placements.search")}</button>
        </div>
        <details className="filters" open>
          <summary>{t("placements.filters")}</summary>
          <div className="filter-grid">
            <div className="field">
              <label htmlFor="town">{t("placements.town")}</label>
              <input type="text" id="town" name="town" defaultValue={query.town} list="town-names" autoComplete="off" maxLength={80} />
              <datalist id="town-names">
                {towns.map((name) => (
                  <option key={name} value={name} />
                ))}
              </datalist>
            </div>
            <div className="field">
              <label htmlFor="radius">{t("placements.radius")}</label>
              <select id="radius" name="radius" defaultValue={query.radius}>
                <option value="">{t("placements.anyDistance")}</option>
                {radiusChoices.map((km) => (
                  <option key={km} value={km}>
                    {t("placements.radiusKm", { km })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="maxHours">{t("placements.maxHours")}</label>
              <select id="maxHours" name="maxHours" defaultValue={query.maxHours}>
                <option value="">{t("placements.anyHours")}</option>
                {[5, 10, 15, 20, 25, 30, 37, 40].map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="readiness">{t("placements.readiness")}</label>
              <select id="readiness" name="readiness" defaultValue={query.readiness}>
                <option value="">—</option>
                {placementReadiness.map((r) => (
                  <option key={r} value={r}>
                    {t(`vocab.readiness.${r}`)} ({result.facets.readiness?.[r] ?? 0})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="language">{t("placements.language")}</label>
              <select id="language" name="language" defaultValue={query.language}>
                <option value="">—</option>
                {workLanguages.map((l) => (
                  <option key={l} value={l}>
                    {t(`vocab.workLanguage.${l}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="sort">{t("placements.sort")}</label>
              <select id="sort" name="sort" defaultValue={query.sort}>
                <option value="relevance">{t("placements.sortRelevance")}</option>
                <option value="distance">{t("placements.sortDistance")}</option>
                <option value="start">{t("placements.sortStart")}</option>
              </select>
            </div>
          </div>
          <div className="filter-grid">
            <CheckboxGroup name="kind" legend={t("placements.kind")} values={placementKinds} checked={query.kind} counts={result.mode === "search" ? result.facets.kind : undefined} label={(v) => t(`vocab.kind.${v}`)} />
            <CheckboxGroup name="support" legend={t("placements.support")} values={supportOptions} checked={query.support} counts={result.mode === "search" ? result.facets.support : undefined} label={(v) => t(`vocab.support.${v}`)} />
            <CheckboxGroup name="sector" legend={t("placements.sector")} values={sectors} checked={query.sector} counts={result.mode === "search" ? result.facets.sector : undefined} label={(v) => t(`vocab.sector.${v}`)} />
          </div>
          <button type="submit" className="secondary">
            {t("placements.apply")}
          </button>
        </details>
      </Form>

      <section aria-labelledby="results-title" aria-busy={navigation.state === "loading"}>
        {result.mode === "fallback" ? (
          <p className="alert" role="status">
            {t("placements.fallbackNotice")}
          </p>
        ) : null}
        {dropped ? <p className="notice">{t("placements.ignoredFilters")}</p> : null}
        {result.unknownTown ? <p className="notice">{t("placements.unknownTownNotice", { town: query.town })}</p> : null}
        <h2 id="results-title" aria-live="polite">
          {result.total === 1 ? t("placements.resultsOne") : t("placements.results", { count: result.total })}
        </h2>
        {result.total === 0 ? <p>{t("placements.noResults")}</p> : null}
        <ul className="cards results">
          {result.hits.map((hit) => (
            <li key={hit.id}>
              <h3>
                <Link to={`/placements/${hit.id}${result.origin ? `?town=${encodeURIComponent(result.origin.name)}` : ""}`}>{hit.title}</Link>
              </h3>
              <p className="meta">
                {t(`vocab.kind.${hit.kind}`)} · {hit.organisationName} · {hit.town}
                {hit.distanceKm !== null && result.origin ? ` · ${t("placements.distance", { km: hit.distanceKm, town: result.origin.name })}` : ""}
              </p>
              <p className="meta">
                {t("placements.hoursPerWeek", { min: hit.hoursMin, max: hit.hoursMax })} ·{" "}
                {hit.startDate ? t("placements.startsOn", { date: formatDate(hit.startDate, language) }) : t("placements.startsAnytime")}
              </p>
              <p>{hit.snippet}</p>
              <SupportList support={hit.support} />
            </li>
          ))}
        </ul>
        {result.pages > 1 ? (
          <nav aria-label={t("placements.pagination")} className="pagination">
            {result.page > 1 ? <Link to={pageLink(result.page - 1)}>{t("placements.previous")}</Link> : null}
            <span>{t("placements.page", { page: result.page, pages: result.pages })}</span>
            {result.page < result.pages ? <Link to={pageLink(result.page + 1)}>{t("placements.next")}</Link> : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}
