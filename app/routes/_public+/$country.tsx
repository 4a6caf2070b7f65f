import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { latestStories, programmeContacts } from "~/stories/public.server.ts";
import { storyCountries, type StoryCountry } from "~/stories/vocabulary.ts";
import { StoryCards } from "~/stories/story-cards.tsx";
import { OfferPlacementLink } from "~/stories/campaign-bits.tsx";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { notFound } from "~/ui/responses.server.ts";

export const handle = { title: "campaign.countryTitle", i18n: ["campaign", "countries", "vocab.kind", "vocab.sector"] };

/** /hr, /si and /dk: a country programme's stories and contacts; any other single word is not a page. */
export async function loader({ params }: LoaderFunctionArgs) {
  const country = (params.country ?? "").toUpperCase();
  if (params.country !== params.country?.toLowerCase() || !storyCountries.includes(country as StoryCountry)) notFound();
  const [stories, contacts] = await Promise.all([latestStories(12, country as StoryCountry), programmeContacts(country as StoryCountry)]);
  return { country, stories, contacts };
}

export default function CountryPage() {
  const { t } = useTranslation();
  const { country, stories, contacts } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("campaign.countryHeading", { country: t(`countries.${country}`) })}</h1>
      <p className="lead">{t("campaign.countryIntro")}</p>
      <section aria-labelledby="country-stories">
        <h2 id="country-stories">{t("campaign.storiesTitle")}</h2>
        {stories.length ? <StoryCards stories={stories} /> : <p>{t("campaign.noStories")}</p>}
        <p>
          <Link to={`/stories?country=${country}`}>{t("campaign.allStories")}</Link>
        </p>
      </section>
      <section className="panel" aria-labelledby="country-contacts">
        <h2 id="country-contacts">{t("campaign.contactsTitle")}</h2>
        {contacts.length ? (
          <ul>
            {contacts.map((contact) => (
              <li key={contact.id}>
                <strong>{contact.name}</strong>, {contact.town}
                {contact.contactEmail ? (
                  <>
                    {" · "}
                    <a href={`mailto:${contact.contactEmail}`}>{contact.contactEmail}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("campaign.noContacts")}</p>
        )}
        <OfferPlacementLink />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
