import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { alertStateFor, digestSince, parseAlertForm, previousMatchesView, recordMatchesView, saveAlert, stopAlert } from "~/alerts/alerts.server.ts";
import { matchesWithRelaxationCounts, supportsAskedOfEveryPlacement, widenedRadiusKm } from "~/matching/matching.server.ts";
import { proposedPlacementIds, proposePlacement } from "~/matching/proposals.server.ts";
import { getMenteePlan, requireLeadMentor } from "~/mentees/mentees.server.ts";
import { relaxSchema } from "~/mentees/schema.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { FormAlert, RadioGroup } from "~/ui/field.tsx";
import { PageLink } from "~/ui/page-link.tsx";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
import { isObjectId } from "~/db/ids.server.ts";
import { isSearchUnavailable } from "~/search/client.server.ts";
import { hoursText } from "~/i18n/hours.ts";

export const handle = { title: "mentees.matches", i18n: ["matching", "mentees.matches", "placements.hoursPerWeek", "vocab.kind", "vocab.sector", "vocab.support", "vocab.workLanguage", "alerts"] };

/** Ranking needs Meilisearch; when it does not answer in time the page says so (503), and the mentor tries again. */
function searchNotAnswering(error: unknown): null {
  if (!isSearchUnavailable(error)) throw error;
  console.warn(`matches: the search did not answer (${error instanceof Error ? error.message : String(error)})`);
  return null;
}

function relaxFrom(url: URL) {
  const parsed = relaxSchema.safeParse(Object.fromEntries(url.searchParams));
  const r = parsed.success ? parsed.data : {};
  return { distance: r.distance === "1", hours: r.hours === "1", languages: r.languages === "1", support: r.support === "1" };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const mentor = await requireUser(request, "mentor", { context });
  const plan = await getMenteePlan(mentor, params.id ?? "", "matches");
  const url = new URL(request.url);
  const relax = relaxFrom(url);
  const [ranked, proposed, alert, previousView] = await Promise.all([
    matchesWithRelaxationCounts(plan, relax).catch(searchNotAnswering),
    proposedPlacementIds(plan),
    alertStateFor(mentor, plan),
    // A page shown again around a refused form is no new look, and a refusal writes nothing.
    context.formSubmitted ? previousMatchesView(mentor, plan.id) : recordMatchesView(mentor, plan.id),
  ]);
  const { matches, more, fitting } = ranked ?? { matches: [], more: {}, fitting: null };
  // New: published after the mentor's look before this sitting, or after the start of the digest that links here.
  const newSince = Math.min(previousView?.getTime() ?? Infinity, digestSince(url.searchParams.get("since"))?.getTime() ?? Infinity);
  return data(
    {
      searchUnavailable: ranked === null,
      alert,
      mentee: { id: plan.id, name: plan.firstName, travelKm: plan.travelKm, widenedKm: widenedRadiusKm(plan), town: plan.town, readiness: plan.readiness, supportNeeded: plan.supportNeeded, supportAskedOfEvery: supportsAskedOfEveryPlacement(plan) },
      relax,
      more,
      // All that fit, when more fit than the page shows: "30 best of 62".
      fitting: fitting && fitting.total > matches.length ? (fitting.atLeast ? `${fitting.total}+` : String(fitting.total)) : null,
      matches: matches.map((m) => ({
        id: m.placement.id,
        title: m.placement.title,
        kind: m.placement.kind,
        town: m.placement.town,
        organisationName: m.placement.organisationName,
        hoursMin: m.placement.hoursMin,
        hoursMax: m.placement.hoursMax,
        language: m.placement.language,
        matchedTerms: m.matchedTerms,
        matchedGoals: m.matchedGoals,
        sector: m.sectorFits ? m.placement.sector : null,
        distanceKm: m.distanceKm,
        supportCovered: m.supportCovered,
        missing: m.missing,
        languageSupportOffered: m.languageSupportOffered,
        languagesSpoken: m.languagesSpoken,
        proposed: proposed.has(m.placement.id),
        isNew: m.placement.publishedAt > newSince,
      })),
    },
    { status: ranked === null ? 503 : 200 },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  context.formSubmitted = true;
  const mentor = await requireUser(request, "mentor");
  await requireLeadMentor(mentor, params.id ?? "");
  const form = await readFormData(request);
  const intent = form.get("intent");
  const url = new URL(request.url);
  if (intent === "saveAlert") {
    const input = parseAlertForm(Object.fromEntries(form));
    if (!input.ok) return formFailure(input);
    await saveAlert(mentor, await getMenteePlan(mentor, params.id ?? "", "matches"), input.value);
    url.searchParams.set("notice", "alertSaved");
    return redirect(`${url.pathname}?${url.searchParams.toString()}`);
  }
  if (intent === "stopAlert") {
    await stopAlert(mentor, params.id ?? "");
    url.searchParams.set("notice", "alertStopped");
    return redirect(`${url.pathname}?${url.searchParams.toString()}`);
  }
  const placementId = form.get("placementId");
  if (!isObjectId(placementId)) return formFailure({ fieldErrors: { form: "errors.invalid" } });
  const result = await proposePlacement(mentor, params.id ?? "", placementId);
  if (!result.ok) return formFailure(result);
  url.searchParams.set("notice", "proposed");
  return redirect(`${url.pathname}?${url.searchParams.toString()}`);
}

export default function Matches() {
  const { t, i18n } = useTranslation();
  const language = useCurrentLanguage();
  const { mentee, relax, more, fitting, matches, alert, searchUnavailable } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // "3 more without language support": what each relaxation adds, next to its checkbox.
  const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase(language) + text.slice(1);
  const moreText = (constraint: keyof typeof more) => {
    const counted = more[constraint];
    if (!counted) return null;
    if (counted.more === 0) return t("matching.noMore");
    const count = counted.atLeast ? `${counted.more}+` : String(counted.more);
    if (constraint === "distance") return t("matching.moreWithinKm", { count, km: mentee.widenedKm });
    if (constraint === "hours") return t("matching.moreOtherHours", { count });
    if (constraint === "languages") return t("matching.moreOtherLanguages", { count });
    return t("matching.moreWithoutSupport", { count, support: mentee.supportAskedOfEvery.map((s) => lowerFirst(t(`vocab.support.${s}`))).join(", ") });
  };
  return (
    <>
      <p>
        <PageLink to={`/mentor/mentees/${mentee.id}`}>{mentee.name}</PageLink>
      </p>
      <h1>{t("matching.title", { name: mentee.name })}</h1>
      <p>{t("matching.intro")}</p>
      {mentee.readiness === "temporarily_passive" ? <p className="notice">{t("matching.activitySteps")}</p> : null}
      <FormAlert error={result?.fieldErrors?.form} />
      <Form method="get" className="relax">
        <fieldset>
          <legend>{t("matching.relax")}</legend>
          {(
            [
              ["distance", t("matching.relaxDistance", { km: mentee.travelKm })],
              ["hours", t("matching.relaxHours")],
              ["languages", t("matching.relaxLanguages")],
              ["support", t("matching.relaxSupport")],
            ] as const
          ).map(([name, label]) => {
            const added = moreText(name);
            return (
              <div className="choice" key={name}>
                <input type="checkbox" id={`relax-${name}`} name={name} value="1" defaultChecked={relax[name]} />
                <label htmlFor={`relax-${name}`}>
                  {label}
                  {added ? <span className="count"> ({added})</span> : null}
                </label>
              </div>
            );
          })}
          <button type="submit" className="secondary">
            {t("matching.apply")}
          </button>
        </fieldset>
      </Form>
      <section className="alert-search" aria-labelledby="alert-heading">
        <h2 id="alert-heading">{t("alerts.heading")}</h2>
        {alert === null ? (
          <p>{t("alerts.notSaved")}</p>
        ) : alert.paused ? (
          <p className="notice">{t("alerts.paused")}</p>
        ) : (
          <p>{t(`alerts.saved.${alert.cadence}`)}</p>
        )}
        <Form method="post" noValidate>
          {(["distance", "hours", "languages", "support"] as const).map((name) => (relax[name] ? <input type="hidden" name={name} value="1" key={name} /> : null))}
          <RadioGroup
            name="cadence"
            label={t("alerts.cadence")}
            hint={t("alerts.cadenceHint")}
            error={result?.fieldErrors?.cadence}
            defaultValue={alert?.cadence ?? "daily"}
            options={(["daily", "weekly", "none"] as const).map((value) => ({ value, label: t(`alerts.cadences.${value}`) }))}
          />
          <button type="submit" name="intent" value="saveAlert">
            {alert === null ? t("alerts.save") : alert.paused ? t("alerts.saveAgain") : t("alerts.update")}
          </button>
        </Form>
        {alert ? (
          <Form method="post" noValidate>
            <button type="submit" name="intent" value="stopAlert" className="secondary">
              {t("alerts.stop")}
            </button>
          </Form>
        ) : null}
      </section>
      {searchUnavailable ? (
        <p className="notice" role="alert">
          {t("matching.searchUnavailable")}
        </p>
      ) : (
        <>
          <h2 id="matches-count" aria-live="polite">
            {fitting ? t("matching.countBest", { count: fitting, shown: matches.length }) : t("matching.count", { count: matches.length })}
          </h2>
          {matches.length === 0 ? <p>{t("matching.none")}</p> : null}
        </>
      )}
      <ol className="cards matches">
        {matches.map((m) => {
          const missing = [
            ...m.missing.support.map((s) => t("matching.missingSupport", { support: t(`vocab.support.${s}`) })),
            ...(m.missing.hours ? [hoursText(i18n, "matching.outsideHours", m.hoursMin, m.hoursMax)] : []),
            ...(m.missing.distance ? [t("matching.beyondDistance")] : []),
            ...(m.missing.languages.length
              ? [t(m.languageSupportOffered ? "matching.languageSupported" : "matching.languageMissing", { languages: m.missing.languages.map((l) => t(`vocab.workLanguage.${l}`)).join(", ") })]
              : []),
          ];
          return (
            <li key={m.id} id={`p-${m.id}`}>
              {m.isNew ? <p className="status new">{t("alerts.new")}</p> : null}
              <h3>
                <PageLink to={`/placements/${m.id}`} lang={m.language}>
                  {m.title}
                </PageLink>
              </h3>
              <p className="meta">
                {t(`vocab.kind.${m.kind}`)} · {m.organisationName} · {hoursText(i18n, "placements.hoursPerWeek", m.hoursMin, m.hoursMax)}
              </p>
              <p className="why-title">{t("matching.why")}</p>
              <ul className="why">
                <li>{m.matchedTerms.length ? t("matching.matchedTerms", { terms: m.matchedTerms.join(", ") }) : t("matching.noTermsMatched")}</li>
                {m.matchedGoals.length ? <li>{t("matching.matchedGoals", { goals: m.matchedGoals.join(", ") })}</li> : null}
                {m.sector && !m.matchedTerms.length ? <li>{t("matching.sectorFits", { sector: t(`vocab.sector.${m.sector}`) })}</li> : null}
                <li>{t("matching.distance", { km: m.distanceKm, town: mentee.town })}</li>
                {m.supportCovered.length ? <li>{t("matching.supportCovered", { support: m.supportCovered.map((s) => t(`vocab.support.${s}`)).join(", ") })}</li> : null}
                {mentee.supportNeeded.includes("language_support") && !m.languageSupportOffered && m.languagesSpoken.length ? (
                  <li>{t("matching.languageSpoken", { languages: m.languagesSpoken.map((l) => t(`vocab.workLanguage.${l}`)).join(", ") })}</li>
                ) : null}
                {missing.length ? <li className="missing">{t("matching.missing", { what: missing.join("; ") })}</li> : null}
              </ul>
              {m.proposed ? (
                <p>
                  <span className="status">{t("matching.proposed")}</span>
                </p>
              ) : (
                <Form method="post" noValidate>
                  <input type="hidden" name="placementId" value={m.id} />
                  <button type="submit" aria-label={`${t("matching.propose")}: ${m.title}`}>
                    {t("matching.propose")}
                  </button>
                </Form>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
