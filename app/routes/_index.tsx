import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { redirect } from "~/ui/redirect.server.ts";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { getUser, homeOf } from "~/accounts/session.server.ts";
import { supportOptions } from "~/placements/vocabulary.ts";
import { OfferPlacementLink, useFigureText } from "~/stories/campaign-bits.tsx";
import { campaignResults, latestStories } from "~/stories/public.server.ts";
import { StoryCards } from "~/stories/story-cards.tsx";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { i18n: ["home", "placements.query", "placements.queryHint", "placements.search", "campaign", "countries", "vocab.kind", "vocab.sector", "vocab.support"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(homeOf[user.role]);
  const [stories, results] = await Promise.all([latestStories(3), campaignResults()]);
  return { stories, results };
}

export default function Index() {
  const { t } = useTranslation();
  const { stories, results } = useLoaderData<typeof loader>();
  const figure = useFigureText();
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      {stories.length ? (
        <section aria-labelledby="stories-title">
          <h2 id="stories-title">{t("campaign.storiesTitle")}</h2>
          <StoryCards stories={stories} />
          <p>
            <Link to="/stories">{t("campaign.allStories")}</Link>
          </p>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="results-title">
        <h2 id="results-title">{t("campaign.resultsTitle")}</h2>
        <ul className="campaign-results">
          <li>{t("campaign.started", { figure: figure(results.started) })}</li>
          <li>{t("campaign.inWork", { figure: figure(results.inWorkAfterSixMonths) })}</li>
          <li>{t("campaign.steps", { figure: figure(results.stepsTowardsWork, results.stepsAtLeast) })}</li>
        </ul>
        <p className="hint">{t("campaign.resultsNote")}</p>
      </section>
      <section className="panel" aria-labelledby="offer-title">
        <h2 id="offer-title">{t("campaign.offerTitle")}</h2>
        <p>{t("campaign.whatIsPlacement")}</p>
        <p>{t("campaign.supportIntro")}</p>
        <ul>
          {supportOptions.map((support) => (
            <li key={support}>{t(`vocab.support.${support}`)}</li>
          ))}
          <li>{t("campaign.mentorSupport")}</li>
        </ul>
        <OfferPlacementLink />
      </section>
      <section className="panel home-search" aria-labelledby="search-title">
        <h2 id="search-title">{t("home.searchTitle")}</h2>
        <p>{t("home.searchText")}</p>
        <Form method="get" action="/placements" role="search" className="search-bar">
          <div className="field">
            <label htmlFor="q">{t("placements.query")}</label>
            <p className="hint" id="q-hint">
              {t("placements.queryHint")}
            </p>
            <input type="search" id="q" name="q" aria-describedby="q-hint" maxLength={120} />
          </div>
          <button type="submit">{t("placements.search")}</button>
        </Form>
        <p>
          <Link to="/placements">{t("home.searchAll")}</Link>
        </p>
      </section>
      <div className="intro-grid">
        <section className="panel" aria-labelledby="employers">
          <h2 id="employers">{t("home.forEmployersTitle")}</h2>
          <p>{t("home.forEmployersText")}</p>
          <p>
            <Link to="/register">{t("nav.register")}</Link>
          </p>
        </section>
        <section className="panel" aria-labelledby="mentors">
          <h2 id="mentors">{t("home.forMentorsTitle")}</h2>
          <p>{t("home.forMentorsText")}</p>
          <p>
            <Link to="/register/mentor">{t("nav.registerMentor")}</Link>
          </p>
        </section>
        <section className="panel" aria-labelledby="privacy">
          <h2 id="privacy">{t("home.privacyTitle")}</h2>
          <p>{t("home.privacyText")}</p>
        </section>
      </div>
    </>
  );
}
