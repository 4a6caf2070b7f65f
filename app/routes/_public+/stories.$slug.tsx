import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { publicUrl } from "~/env.server.ts";
import { publicStory } from "~/stories/public.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { notFound } from "~/ui/responses.server.ts";

/** The browser's title names the story first (loader data; none on the error page). */
const ownTitle = (data: unknown) => (data as { story?: { title?: string } } | undefined)?.story?.title;

export const handle = {
  title: "publicStories.storyTitle",
  ownTitle,
  i18n: ["publicStories", "countries", "vocab.kind", "vocab.sector"],
};

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await publicStory(params.slug ?? "");
  if (found.state === "missing") notFound();
  // Withdrawn or expired: gone for good, and the page says no more than that.
  if (found.state === "gone") throw new Response("Gone", { status: 410 });
  const base = publicUrl();
  return { story: found.story, url: `${base}/stories/${found.story.slug}`, image: found.story.photo ? `${base}${found.story.photo.src}` : null };
}

/** Sharing tags from the published view only; the page's title comes from the layout. */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const inherited = matches.flatMap((match) => match.meta ?? []).filter((tag) => !("title" in tag));
  if (!data) return inherited;
  const { story, url, image } = data;
  return [
    ...inherited,
    { name: "description", content: story.description },
    { property: "og:type", content: "article" },
    { property: "og:title", content: story.title },
    { property: "og:description", content: story.description },
    { property: "og:url", content: url },
    { property: "og:locale", content: story.language },
    ...(image ? [{ property: "og:image", content: image }, { property: "og:image:width", content: String(story.photo!.width) }, { property: "og:image:height", content: String(story.photo!.height) }] : []),
    { name: "twitter:card", content: image ? "summary_large_image" : "summary" },
    { name: "twitter:title", content: story.title },
    { name: "twitter:description", content: story.description },
    ...(image ? [{ name: "twitter:image", content: image }] : []),
    { tagName: "link", rel: "canonical", href: url },
  ];
};

export default function StoryPage() {
  const { t } = useTranslation();
  const { story } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="story-title" className="story">
      <p>
        <Link to="/stories">{t("publicStories.back")}</Link>
      </p>
      <h1 id="story-title" lang={story.language}>
        {story.title}
      </h1>
      <p className="lead">
        {[story.name, story.place, t(`countries.${story.country}`)].filter(Boolean).join(" · ")}
        <br />
        {t(`vocab.kind.${story.placementKind}`)} · {t(`vocab.sector.${story.sector}`)}
        {story.employerName ? ` · ${story.employerName}` : ""}
      </p>
      {story.photo ? (
        <img
          src={story.photo.src}
          srcSet={story.photo.srcSet ?? undefined}
          sizes={story.photo.srcSet ? "(min-width: 1080px) 1044px, calc(100vw - 36px)" : undefined}
          width={story.photo.width}
          height={story.photo.height}
          alt={story.title}
          lang={story.language}
          className="story-photo"
        />
      ) : null}
      {story.paragraphs.map((paragraph, i) => (
        <p key={i} className="prewrap" lang={story.language}>
          {paragraph}
        </p>
      ))}
      {story.quote ? (
        <figure className="story-quote">
          <blockquote lang={story.language}>
            <p>{story.quote}</p>
          </blockquote>
          <figcaption>{t("publicStories.quoteFrom")}</figcaption>
        </figure>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 410) {
    return (
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{t("publicStories.goneTitle")}</h1>
        <p>{t("publicStories.goneText")}</p>
        <p>
          <Link to="/stories">{t("publicStories.back")}</Link>
        </p>
      </section>
    );
  }
  return <GeneralErrorBoundary />;
}
