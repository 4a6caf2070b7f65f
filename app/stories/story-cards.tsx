import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
import type { PublicStoryCard } from "./public.server.ts";

/** A card shows what the list gives, but its date. */
export type StoryCardData = Omit<PublicStoryCard, "publishedAt">;

/** Published stories as cards; the story's own words keep their language. */
export function StoryCards({ stories, headingLevel = 3 }: { stories: StoryCardData[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="cards story-cards">
      {stories.map((story) => {
        const foreign = story.language !== language ? story.language : undefined;
        return (
          <li key={story.slug}>
            <Heading lang={foreign}>
              <Link to={`/stories/${story.slug}`}>{story.title}</Link>
            </Heading>
            <p className="meta">
              {[story.name, story.place, t(`countries.${story.country}`), t(`vocab.kind.${story.placementKind}`), t(`vocab.sector.${story.sector}`)].filter(Boolean).join(" · ")}
            </p>
            <p lang={foreign}>{story.excerpt}</p>
          </li>
        );
      })}
    </ul>
  );
}
