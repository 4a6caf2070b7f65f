import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

interface PageLinkProps {
  /** A path of the portal ("/placements/…"), never a relative one or another site's address. */
  to: `/${string}`;
  className?: string;
  lang?: string;
  children: ReactNode;
}

/**
 * The <a> Remix's Link renders on the server for a path of the portal, with the same attributes,
 * without the two components and the half-dozen hooks of each link (a search page has 20 to 30
 * links: a twentieth of its rendering). In the browser it is Remix's Link, which hydrates onto
 * that markup and navigates without reloading the page.
 */
function ServerPageLink({ to, className, lang, children }: PageLinkProps) {
  return (
    <a className={className} lang={lang} data-discover="true" href={to}>
      {children}
    </a>
  );
}

export const PageLink: (props: PageLinkProps) => ReactNode = typeof document === "undefined" ? ServerPageLink : Link;
