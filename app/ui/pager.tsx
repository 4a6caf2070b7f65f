import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";

interface PagerProps {
  /** Names the navigation for screen readers ("Pages of placements"). */
  label: string;
  page: number;
  pages: number;
  link: (page: number) => string;
  /** Whose words: the portal's lists use the placements' "previous / page x of y / next", the campaign pages their own. */
  words?: "placements" | "publicStories";
  /** rel="prev"/"next" name the document's own sequence; a second pager on the same page leaves them out. */
  rel?: boolean;
}

/** "Previous · page 2 of 5 · next" under a list of several pages; nothing for a list of one. Plain links, so it works without JavaScript. */
export function Pager({ label, page, pages, link, words = "placements", rel = true }: PagerProps) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="pagination">
      {page > 1 ? (
        <Link to={link(page - 1)} rel={rel ? "prev" : undefined}>
          {t(`${words}.previous`)}
        </Link>
      ) : null}
      <span>{t(`${words}.page`, { page, pages })}</span>
      {page < pages ? (
        <Link to={link(page + 1)} rel={rel ? "next" : undefined}>
          {t(`${words}.next`)}
        </Link>
      ) : null}
    </nav>
  );
}
