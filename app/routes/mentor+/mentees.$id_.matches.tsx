import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/accounts/session.server.ts";
import { rankPlacements, relaxationCounts, supportsAskedOfEveryPlacement, widenedRadiusKm } from "~/matching/matching.server.ts";
import { proposalsForPlan, proposePlacement } from "~/matching/proposals.server.ts";
import { getMenteePlan, requireLeadMentor } from "~/mentees/mentees.server.ts";
import { relaxSchema } from "~/mentees/schema.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { FormAlert } from "~/ui/field.tsx";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
import { isObjectId } from "~/db/ids.server.ts";

export const handle = { title: "mentees.matches", i18n: ["matching", "mentees", "placements", "vocab.kind", "vocab.sector", "vocab.support", "vocab.workLanguage", "vocab.status", "vocab.supportPlain"] };

function relaxFrom(url: URL) {
  const parsed = relaxSchema.safeParse(Object.fromEntries(url.searchParams));
  const r = parsed.success ? parsed.data : {};
  return { distance: r.distance === "1", hours: r.hours === "1", languages: r.languages === "1", support: r.support === "1" };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  const plan = await getMenteePlan(mentor, params.id ?? "", "matches");
  const relax = relaxFrom(new URL(request.url));
  const [matches, proposals, more] = await Promise.all([rankPlacements(plan, relax), proposalsForPlan(plan), relaxationCounts(plan, relax)]);
  const proposed = new Set(proposals.map((p) => p.placementId));
  return {
    mentee: { id: plan.id, name: plan.firstName, travelKm: plan.travelKm, widenedKm: widenedRadiusKm(plan), town: plan.town, readiness: plan.readiness, supportNeeded: plan.supportNeeded, supportAskedOfEvery: supportsAskedOfEveryPlacement(plan) },
    relax,
    more,
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
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  await requireLeadMentor(mentor, params.id ?? "");
  const form = await readFormData(request);
  const placementId = form.get("placementId");
  if (!isObjectId(placementId)) return formFailure({ fieldErrors: { form: "errors.invalid" } });
  const result = await proposePlacement(mentor, params.id ?? "", placementId);
  if (!result.ok) return formFailure(result);
  const url = new URL(request.url);
  url.searchParams.set("notice", "proposed");
  return redirect(`${url.pathname}?${url.searchParams.toString()}`);
}

export default function Matches() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const { mentee, relax, more, matches } = useLoaderData<typeof loader>();
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
        <Link to={`/mentor/mentees/${mentee.id}`}>{mentee.name}</Link>
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
      <h2 aria-live="polite">{t("matching.count", { count: matches.length })}</h2>
      {matches.length === 0 ? <p>{t("matching.none")}</p> : null}
      <ol className="cards matches">
        {matches.map((m) => {
          const missing = [
            ...m.missing.support.map((s) => t("matching.missingSupport", { support: t(`vocab.support.${s}`) })),
            ...(m.missing.hours ? [t("matching.outsideHours", { min: m.hoursMin, max: m.hoursMax })] : []),
            ...(m.missing.distance ? [t("matching.beyondDistance")] : []),
            ...(m.missing.languages.length
              ? [t(m.languageSupportOffered ? "matching.languageSupported" : "matching.languageMissing", { languages: m.missing.languages.map((l) => t(`vocab.workLanguage.${l}`)).join(", ") })]
              : []),
          ];
          return (
            <li key={m.id}>
              <h3>
                <Link to={`/placements/${m.id}`} lang={m.language}>
                  {m.title}
                </Link>
              </h3>
              <p className="meta">
                {t(`vocab.kind.${m.kind}`)} · {m.organisationName} · {t("placements.hoursPerWeek", { min: m.hoursMin, max: m.hoursMax })}
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
