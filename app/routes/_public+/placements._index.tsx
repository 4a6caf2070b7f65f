import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation, useNavigationType, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { isLanguage } from "~/i18n/languages.ts";
import { townNames } from "~/placements/gazetteer.server.ts";
import { searchQuerySchema, searchParamsToObject } from "~/placements/schema.server.ts";
import { searchPlacements, type Relaxation, type SearchResult } from "~/placements/search.server.ts";
import { placementKinds, placementReadiness, radiusChoices, sectors, supportOptions, workLanguages } from "~/placements/vocabulary.ts";
import { CheckboxGroup } from "~/ui/field.tsx";
import { useOpenWhenWide } from "~/ui/open-when-wide.ts";
import { PageLink } from "~/ui/page-link.tsx";
import { SupportList, useStartText } from "~/ui/placement-bits.tsx";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
import { Pager } from "~/ui/pager.tsx";
import { hoursText } from "~/i18n/hours.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = {
  title: "placements.searchTitle",
  i18n: ["placements", "vocab.kind", "vocab.readiness", "vocab.sector", "vocab.status", "vocab.support", "vocab.supportPlain", "vocab.workLanguage"],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = searchQuerySchema.parse(searchParamsToObject(url.searchParams));
  const dropped = [query.kind, query.sector, query.support, query.readiness, query.language, query.maxHours, query.radius, query.sort, query.page].some((f) => f.dropped);
  const result = await searchPlacements(query);
  const lng = url.searchParams.get("lng");
  return {
    result: shownOnPage(result),
    dropped,
    towns: suggestedTowns(),
    // A language chosen in the address stays with the search as it changes.
    lng: isLanguage(lng) ? lng : null,
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

// Every field the loader returns is written into the page twice (as HTML and as data for the
// browser), so it returns what the page shows and no more.
function shownOnPage({ hits, facets, origin, ...rest }: SearchResult) {
  return {
    ...rest,
    hits: hits.map(({ sector: _sector, country: _country, ...shown }) => shown),
    facets: { kind: facets.kind, support: facets.support, sector: facets.sector, readiness: facets.readiness },
    origin: origin ? { name: origin.name } : null,
  };
}

let towns: string[] | undefined;
/** The form's town suggestions: the 150 largest towns, the same for every page. */
function suggestedTowns() {
  return (towns ??= townNames(undefined, 150));
}

type SearchParams = ReturnType<typeof useLoaderData<typeof loader>>["query"];

/** One labelled drop-down of the search's filters; `blank` is the choice that sets no filter. */
function FilterSelect({ name, label, value, blank, options }: { name: string; label: string; value: string; blank?: string; options: { value: string; text: string }[] }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={value}>
        {blank === undefined ? null : <option value="">{blank}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Marks the navigations the search form makes itself, as the person types or presses "Search". */
const fromSearchForm = { searchForm: true };

/**
 * Changes only when the address changed by something other than the form (a link, back and
 * forward), which then draws the form again from the address. The form's own searches leave
 * what the person is typing, and where the focus is, untouched.
 */
function useSearchFormGeneration() {
  const location = useLocation();
  const navigationType = useNavigationType();
  const mine = (location.state as typeof fromSearchForm | null)?.searchForm === true && navigationType !== "POP";
  const [generation, setGeneration] = useState(location.key);
  if (!mine && generation !== location.key) setGeneration(location.key);
  return mine ? generation : location.key;
}

function searchHref(query: SearchParams, lng: string | null, change: { leaveOut?: Pick<Relaxation, "param" | "value">; page?: number }) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (!v) continue;
      if (change.leaveOut && key === change.leaveOut.param && (change.leaveOut.value === null || change.leaveOut.value === v)) continue;
      params.append(key, v);
    }
  }
  if (change.page) params.set("page", String(change.page));
  if (lng) params.set("lng", lng);
  return `?${params.toString()}`;
}

function chosenFilters(query: SearchParams) {
  return query.kind.length + query.sector.length + query.support.length + [query.readiness, query.language, query.maxHours, query.town, query.radius].filter(Boolean).length;
}

const escapedAttribute = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const townOptionsOf = new WeakMap<string[], string>();
/**
 * The 150 suggestions as markup, made once for the list: the same on every page, they are not
 * worth 150 elements for React to render on each one (and again in the browser as one types).
 */
function townOptions(towns: string[]) {
  let html = townOptionsOf.get(towns);
  if (html === undefined) townOptionsOf.set(towns, (html = towns.map((name) => `<option value="${escapedAttribute(name)}"></option>`).join("")));
  return html;
}

const maxHoursChoices = [5, 10, 15, 20, 25, 30, 37, 40];

function SearchForm({ query, lng, facets, towns }: { query: SearchParams; lng: string | null; facets: Partial<Record<string, Record<string, number>>> | null; towns: string[] }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  // What the address said when the form was drawn: later answers never rewrite its fields.
  const [initial] = useState(query);
  const typing = useRef<ReturnType<typeof setTimeout>>();
  const filters = useRef<HTMLDetailsElement>(null);
  useOpenWhenWide(filters);
  useEffect(() => () => clearTimeout(typing.current), []);
  const chosen = chosenFilters(query);

  // With JavaScript, results follow the form as the person types; without it, the button submits.
  function onChange(event: React.FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    clearTimeout(typing.current);
    typing.current = setTimeout(() => submit(new FormData(form), { replace: true, preventScrollReset: true, state: fromSearchForm }), 300);
  }

  return (
    <Form method="get" role="search" className="search-form" onChange={onChange} onSubmit={() => clearTimeout(typing.current)} state={fromSearchForm} preventScrollReset>
      {lng ? <input type="hidden" name="lng" value={lng} /> : null}
      <div className="search-bar">
        <div className="field">
          <label htmlFor="q">{t("placements.query")}</label>
          <p className="hint" id="q-hint">
            {t("placements.queryHint")}
          </p>
          <input type="search" id="q" name="q" defaultValue={initial.q} aria-describedby="q-hint" maxLength={120} />
        </div>
        <button type="submit">{t("placements.search")}</button>
      </div>
      {/* Folded on narrow screens, so that the results come first; open on wide ones (app.css). */}
      <details className="filters" ref={filters}>
        <summary>{chosen ? t("placements.filtersChosen", { count: chosen }) : t("placements.filters")}</summary>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="town">{t("placements.town")}</label>
            <input type="text" id="town" name="town" defaultValue={initial.town} list="town-names" autoComplete="off" maxLength={80} />
            <datalist id="town-names" dangerouslySetInnerHTML={{ __html: townOptions(towns) }} />
          </div>
          <FilterSelect name="radius" label={t("placements.radius")} value={initial.radius} blank={t("placements.anyDistance")} options={radiusChoices.map((km) => ({ value: String(km), text: t("placements.radiusKm", { km }) }))} />
          <FilterSelect name="maxHours" label={t("placements.maxHours")} value={initial.maxHours} blank={t("placements.anyHours")} options={maxHoursChoices.map((h) => ({ value: String(h), text: String(h) }))} />
          <FilterSelect
            name="readiness"
            label={t("placements.readiness")}
            value={initial.readiness}
            blank="—"
            options={placementReadiness.map((r) => ({ value: r, text: `${t(`vocab.readiness.${r}`)}${facets ? ` (${facets.readiness?.[r] ?? 0})` : ""}` }))}
          />
          <FilterSelect name="language" label={t("placements.language")} value={initial.language} blank="—" options={workLanguages.map((l) => ({ value: l, text: t(`vocab.workLanguage.${l}`) }))} />
          <FilterSelect
            name="sort"
            label={t("placements.sort")}
            value={initial.sort}
            options={[
              { value: "relevance", text: t("placements.sortRelevance") },
              { value: "distance", text: t("placements.sortDistance") },
              { value: "start", text: t("placements.sortStart") },
            ]}
          />
        </div>
        <div className="filter-grid">
          <CheckboxGroup variant="filter" name="kind" legend={t("placements.kind")} values={placementKinds} checked={initial.kind} counts={facets?.kind} label={(v) => t(`vocab.kind.${v}`)} />
          <CheckboxGroup variant="filter" name="support" legend={t("placements.support")} values={supportOptions} checked={initial.support} counts={facets?.support} label={(v) => t(`vocab.support.${v}`)} />
          <CheckboxGroup variant="filter" name="sector" legend={t("placements.sector")} values={sectors} checked={initial.sector} counts={facets?.sector} label={(v) => t(`vocab.sector.${v}`)} />
        </div>
        <button type="submit" className="secondary">
          {t("placements.apply")}
        </button>
      </details>
    </Form>
  );
}

export default function PlacementSearch() {
  const { t, i18n } = useTranslation();
  const language = useCurrentLanguage();
  const startText = useStartText();
  const { result, query, dropped, towns, lng } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const generation = useSearchFormGeneration();

  const relaxationLabel = ({ param, value }: Relaxation) => {
    switch (param) {
      case "kind":
        return `${t("placements.kind")}: ${query.kind.map((v) => t(`vocab.kind.${v}`)).join(", ")}`;
      case "sector":
        return `${t("placements.sector")}: ${query.sector.map((v) => t(`vocab.sector.${v}`)).join(", ")}`;
      case "support":
        return t(`vocab.support.${value}`);
      case "readiness":
        return `${t("placements.readiness")}: ${t(`vocab.readiness.${query.readiness}`)}`;
      case "language":
        return `${t("placements.language")}: ${t(`vocab.workLanguage.${query.language}`)}`;
      case "maxHours":
        return `${t("placements.maxHours")}: ${query.maxHours}`;
      case "radius":
        return `${t("placements.radius")} ${t("placements.radiusKm", { km: query.radius })}`;
    }
  };

  return (
    <>
      <h1>{t("placements.searchTitle")}</h1>
      <p>{t("placements.searchIntro")}</p>
      <SearchForm key={generation} query={query} lng={lng} facets={result.mode === "search" ? result.facets : null} towns={towns} />

      <section aria-labelledby="results-title" aria-busy={navigation.state === "loading"}>
        {/* The page's one live region: it stays while the results change, so each new count is read once. */}
        <div className="results-summary" aria-live="polite">
          {result.mode === "fallback" ? <p className="alert">{t("placements.fallbackNotice")}</p> : null}
          <h2 id="results-title">{result.total === 1 ? t("placements.resultsOne") : t("placements.results", { count: result.total })}</h2>
          {result.correctedQuery ? <p className="notice">{t("placements.correctedQuery", { typed: query.q, corrected: result.correctedQuery })}</p> : null}
          {result.total === 0 ? <p>{t("placements.noResults")}</p> : null}
        </div>
        {dropped ? <p className="notice">{t("placements.ignoredFilters")}</p> : null}
        {result.unknownTown ? <p className="notice">{t("placements.unknownTownNotice", { town: query.town })}</p> : null}
        {result.relaxations.length ? (
          <div className="relaxations">
            <p>{t("placements.relaxIntro")}</p>
            <ul>
              {result.relaxations.map((relaxation) => (
                <li key={`${relaxation.param}-${relaxation.value ?? ""}`}>
                  <Link to={searchHref(query, lng, { leaveOut: relaxation })}>{t("placements.relaxWithout", { filter: relaxationLabel(relaxation), count: relaxation.total })}</Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <ul className="cards results">
          {result.hits.map((hit) => {
            // Title and description are in the employer's language; the rest is the page's.
            const foreign = hit.language !== language ? hit.language : undefined;
            return (
              <li key={hit.id}>
                <h3 lang={foreign}>
                  <PageLink to={`/placements/${hit.id}${result.origin ? `?town=${encodeURIComponent(result.origin.name)}` : ""}`}>{hit.title}</PageLink>
                </h3>
                {/* One text each, not pieces: React marks every seam between pieces in the page. */}
                <p className="meta">
                  {`${t(`vocab.kind.${hit.kind}`)} · ${hit.organisationName} · ${hit.town}${
                    hit.distanceKm !== null && result.origin ? ` · ${t("placements.distance", { km: hit.distanceKm, town: result.origin.name })}` : ""
                  }`}
                </p>
                <p className="meta">{`${hoursText(i18n, "placements.hoursPerWeek", hit.hoursMin, hit.hoursMax)} · ${startText(hit.startDate)}`}</p>
                <p lang={foreign}>{hit.snippet}</p>
                <SupportList support={hit.support} />
              </li>
            );
          })}
        </ul>
        <Pager label={t("placements.pagination")} page={result.page} pages={result.pages} link={(n) => searchHref(query, lng, { page: n })} />
      </section>
    </>
  );
}
