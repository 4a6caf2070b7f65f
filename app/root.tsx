import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useMatches, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useMemo, useRef, type ReactNode } from "react";
import stylesHref from "~/styles/app.css";
import { getUser, homeOf } from "~/accounts/session.server.ts";
import { mailboxIsOpenTo } from "~/email/mailbox.server.ts";
import { formatDateAndTime } from "~/i18n/dates.ts";
import { createI18n, parseMessages } from "~/i18n/i18n.ts";
import { TranslationProvider, useTranslation } from "~/i18n/use-translation.tsx";
import { messagesJsonForSections, pageLanguage } from "~/i18n/i18n.server.ts";
import { defaultLanguage, languages } from "~/i18n/languages.ts";
import { declaredSections } from "~/i18n/sections.ts";
// Only for a page whose root loader failed (no language, no messages): its error page in English.
import { app, errorPages, language as languageSection, nav } from "~/locales/en.json";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { useNonce } from "~/ui/nonce.tsx";
import { PageLink } from "~/ui/page-link.tsx";
import { Notice, noticeSections } from "~/ui/notice.tsx";
import { pageHasScripts } from "~/ui/page-scripts.ts";
import { useOpenWhenWide, WIDE_SCREEN } from "~/ui/open-when-wide.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ name: "viewport", content: "width=device-width, initial-scale=1" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  const language = await pageLanguage(request, user);
  return {
    language,
    messages: messagesJsonForSections(language, [...declaredSections(context.pageHandles), ...noticeSections(request)]),
    user: user ? { name: user.name, role: user.role, home: homeOf[user.role] } : null,
    desk: user?.desk ? { mentor: user.desk.mentorName, endsAt: formatDateAndTime(user.desk.endsAt, language).time } : null,
    showMailbox: mailboxIsOpenTo(user),
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

/** A route's `handle` names its page: a message key, and for a page of one thing, that thing's own title from the loader's data. */
interface PageTitle {
  title: string;
  ownTitle?: (data: unknown) => string | null | undefined;
}

/**
 * The messages belong to the page: another page needs the root loader again (Remix would call it
 * anyway with single fetch). The same page with other search parameters (live search results)
 * keeps them, unless the language in the address changed; after a form is sent, as Remix decides.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) => {
  if (formMethod && formMethod.toUpperCase() !== "GET") return defaultShouldRevalidate;
  if (currentUrl.pathname !== nextUrl.pathname) return true;
  if (currentUrl.searchParams.get("lng") !== nextUrl.searchParams.get("lng")) return true;
  return currentUrl.href === nextUrl.href ? defaultShouldRevalidate : false;
};

const messagesWithoutRoot = { app, errorPages, language: languageSection, nav };

function LanguageForm({ current }: { current: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  // Back to the same page, without a language the address chose (which would win over this choice).
  const params = new URLSearchParams(location.search);
  params.delete("lng");
  const search = params.toString();
  return (
    <Form method="post" noValidate action="/resources/language" className="language-form">
      <input type="hidden" name="redirectTo" value={location.pathname + (search ? `?${search}` : "")} />
      <label htmlFor="language-select">{t("language.label")}</label>
      <select id="language-select" name="language" defaultValue={current} key={current}>
        {languages.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="secondary">
        {t("language.change")}
      </button>
    </Form>
  );
}

/** On every page of a desk session: whose screen this is, until when, and the way out. */
function DeskBanner({ desk }: { desk: NonNullable<RootData["desk"]> }) {
  const { t } = useTranslation();
  return (
    <section className="desk-banner" aria-label={t("mentee.deskBannerLabel")}>
      <p>{t("mentee.deskBanner", { mentor: desk.mentor, time: desk.endsAt })}</p>
      <Form method="post" noValidate action="/logout">
        <button type="submit">{t("mentee.deskEnd")}</button>
      </Form>
    </section>
  );
}

/**
 * On a narrow screen the menu folds under one button (a <details>, so it opens without
 * JavaScript too) and folds again when a page is chosen; on a wide one it is always open.
 */
function useSiteMenu() {
  const menu = useRef<HTMLDetailsElement>(null);
  const { pathname } = useLocation();
  useOpenWhenWide(menu);
  useEffect(() => {
    if (menu.current && !window.matchMedia(WIDE_SCREEN).matches) menu.current.open = false;
  }, [pathname]);
  return menu;
}

function Header({ data }: { data: RootData | undefined }) {
  const { t } = useTranslation();
  const menu = useSiteMenu();
  return (
    <header className="site-header">
      <div className="bar">
        <PageLink to={data?.user?.home ?? "/"} className="brand">
          {t("app.name")}
        </PageLink>
        <details className="site-menu" ref={menu}>
          <summary>{t("nav.menu")}</summary>
          <div className="site-menu-content">
            <nav aria-label={t("app.mainNavigation")}>
              <ul>
                <li>
                  <PageLink to="/placements">{t("nav.placements")}</PageLink>
                </li>
                <li>
                  <PageLink to="/stories">{t("publicStories.title")}</PageLink>
                </li>
                {data?.user ? (
                  <>
                    <li>
                      <PageLink to={data.user.home}>{t("nav.myHome")}</PageLink>
                    </li>
                    {data.user.role === "employer" ? (
                      <>
                        <li>
                          <PageLink to="/employer/placements">{t("nav.myPlacements")}</PageLink>
                        </li>
                        <li>
                          <PageLink to="/employer/introductions">{t("nav.introductions")}</PageLink>
                        </li>
                        <li>
                          <PageLink to="/employer/stories">{t("stories.navLink")}</PageLink>
                        </li>
                      </>
                    ) : null}
                    {data.user.role === "mentor" ? (
                      <>
                        <li>
                          <PageLink to="/mentor/mentees">{t("nav.caseload")}</PageLink>
                        </li>
                        <li>
                          <PageLink to="/mentor/stories">{t("stories.navLink")}</PageLink>
                        </li>
                      </>
                    ) : null}
                    {data.user.role === "mentee" ? (
                      <>
                        <li>
                          <PageLink to="/me/offers">{t("nav.offers")}</PageLink>
                        </li>
                        <li>
                          <PageLink to="/me/checkins">{t("nav.howItGoes")}</PageLink>
                        </li>
                        <li>
                          <PageLink to="/me/consents">{t("nav.consents")}</PageLink>
                        </li>
                        <li>
                          <PageLink to="/me/stories">{t("storyDecision.title")}</PageLink>
                        </li>
                      </>
                    ) : null}
                    {data.user.role === "coordinator" ? (
                      <>
                        <li>
                          <PageLink to="/coordinator/placements">{t("nav.allPlacements")}</PageLink>
                        </li>
                        <li>
                          <PageLink to="/coordinator/mentees">{t("mentees.allMentees")}</PageLink>
                        </li>
                        <li>
                          <PageLink to="/coordinator/outcomes">{t("outcomes.navLink")}</PageLink>
                        </li>
                        <li>
                          <PageLink to="/coordinator/stories">{t("stories.navLink")}</PageLink>
                        </li>
                        <li>
                          <PageLink to="/coordinator/import">{t("import.navLink")}</PageLink>
                        </li>
                      </>
                    ) : null}
                    <li className="signed-in">{t("nav.signedInAs", { name: data.user.name })}</li>
                    {data.desk ? null : (
                      <li>
                        <PageLink to="/account/password">{t("nav.changePassword")}</PageLink>
                      </li>
                    )}
                    <li>
                      <Form method="post" noValidate action="/logout">
                        <button type="submit" className="link-button">
                          {t("nav.logout")}
                        </button>
                      </Form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <PageLink to="/login">{t("nav.login")}</PageLink>
                    </li>
                    <li>
                      <PageLink to="/register">{t("nav.register")}</PageLink>
                    </li>
                    <li>
                      <PageLink to="/register/mentor">{t("nav.registerMentor")}</PageLink>
                    </li>
                  </>
                )}
                {data?.showMailbox ? (
                  <li>
                    <PageLink to="/dev/mailbox">{t("mailbox.title")}</PageLink>
                  </li>
                ) : null}
              </ul>
            </nav>
            <LanguageForm current={data?.language ?? defaultLanguage} />
          </div>
        </details>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const language = data?.language ?? defaultLanguage;
  const i18n = useMemo(() => createI18n(language, data?.messages ? parseMessages(data.messages) : messagesWithoutRoot), [language, data?.messages]);
  const matches = useMatches();
  const titled = [...matches].reverse().find((m) => (m.handle as PageTitle | undefined)?.title);
  const handle = titled?.handle as PageTitle | undefined;
  // A page of one thing (a placement, a story) names it first: each such page has its own title.
  const own = handle?.ownTitle?.(titled?.data);
  const title = handle ? [own, i18n.t(handle.title), i18n.t("app.name")].filter(Boolean).join(" · ") : i18n.t("app.name");
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <Meta />
        <Links />
        <title>{title}</title>
      </head>
      <body>
        <TranslationProvider translator={i18n}>
          <a href="#main" className="skip-link">
            {i18n.t("app.skipToContent")}
          </a>
          <Header data={data} />
          {data?.desk ? <DeskBanner desk={data.desk} /> : null}
          <main id="main" tabIndex={-1}>
            <Notice />
            {children}
          </main>
          <footer className="site-footer">
            <p>{i18n.t("app.footer")}</p>
          </footer>
        </TranslationProvider>
        {pageHasScripts(matches) ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
