// The portal's own page for requests refused before they reach a route (wrong method, body too
// large, a form from another site, a URL that cannot be decoded, an unexpected failure): localised,
// and never showing what went wrong inside.
import type { ServerBuild } from "@remix-run/node";
import type { Request } from "express";
import { getUser } from "~/accounts/session.server.ts";
import { getT, pageLanguage } from "~/i18n/i18n.server.ts";
import type { Language } from "~/i18n/languages.ts";

const texts: Record<number, [title: string, text: string]> = {
  400: ["errorPages.badRequestTitle", "errorPages.errorText"],
  403: ["errorPages.forbiddenTitle", "errorPages.forbiddenText"],
  404: ["errorPages.notFoundTitle", "errorPages.notFoundText"],
  405: ["errorPages.methodNotAllowedTitle", "errorPages.methodNotAllowedText"],
  413: ["errorPages.tooLargeTitle", "errorPages.tooLargeText"],
};

export function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The request the page answers, for its language, as on every other page: the signed-in person's
 * account language, then the language cookie, then the browser's preference.
 */
export type LanguageSource = globalThis.Request;

/** An Express request as far as its language goes (its address may be one that cannot be decoded: it is left out). */
export function languageSourceOf(req: Request): LanguageSource {
  const headers = new Headers();
  for (const name of ["cookie", "accept-language"]) {
    const value = req.get(name);
    if (value) headers.set(name, value);
  }
  return new globalThis.Request("http://portal.invalid/", { headers });
}

async function languageOf(request: LanguageSource): Promise<Language> {
  // No account language when the account cannot be read (the database is down): the page still answers.
  const user = await getUser(request).catch(() => null);
  return pageLanguage(request, user);
}

/** The stylesheet the portal's own pages use, so that this page looks like them. */
export function stylesheetOf(build: ServerBuild): string | undefined {
  const links = (build.routes.root?.module as { links?: () => { rel?: string; href?: string }[] }).links?.() ?? [];
  return links.find((link) => link.rel === "stylesheet")?.href;
}

export const crossSiteTexts: [string, string] = ["errorPages.crossSiteTitle", "errorPages.crossSiteText"];

export async function renderErrorPage(source: LanguageSource, status: number, stylesheet?: string, ownTexts?: [title: string, text: string]): Promise<string> {
  const language = await languageOf(source);
  const t = getT(language);
  const [titleKey, textKey] = ownTexts ?? texts[status] ?? (status < 500 ? texts[400] : ["errorPages.errorTitle", "errorPages.errorText"]);
  const title = escapeHtml(t(titleKey));
  return `<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${escapeHtml(t("app.name"))}</title>
${stylesheet ? `<link rel="stylesheet" href="${escapeHtml(stylesheet)}">` : ""}
</head>
<body>
<main id="main">
<section class="error-page" aria-labelledby="error-title">
<h1 id="error-title">${title}</h1>
<p>${escapeHtml(t(textKey))}</p>
<p class="error-code">${status}</p>
<p><a href="/">${escapeHtml(t("errorPages.backHome"))}</a></p>
</section>
</main>
</body>
</html>`;
}
