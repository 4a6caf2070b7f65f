import type { LoaderFunctionArgs } from "@remix-run/node";
import { getT, resolveLanguage } from "~/i18n/i18n.server.ts";
import { publicUrl } from "~/env.server.ts";
import { feedEntries } from "~/stories/public.server.ts";

/** The feed is no page, but its words come from the stories' section. */
export const handle = { i18n: ["publicStories"] };

/** Text inside XML: every markup character escaped, and characters XML cannot carry dropped. */
function xml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- characters XML 1.0 forbids are what is removed
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** The published stories as an Atom feed for partners' sites: the latest 50, their published view only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const base = publicUrl();
  const t = getT(await resolveLanguage(request));
  const entries = await feedEntries(50);
  const updated = (entries[0]?.publishedAt ?? new Date(0)).toISOString();
  const body = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom">`,
    `<title>${xml(t("publicStories.feedTitle"))}</title>`,
    `<id>${xml(`${base}/stories`)}</id>`,
    `<link rel="self" href="${xml(`${base}/stories/feed.xml`)}"/>`,
    `<link rel="alternate" type="text/html" href="${xml(`${base}/stories`)}"/>`,
    `<updated>${updated}</updated>`,
    `<author><name>${xml(t("app.name"))}</name></author>`,
    ...entries.map((entry) =>
      [
        `<entry xml:lang="${xml(entry.language)}">`,
        `<title>${xml(entry.title)}</title>`,
        `<id>${xml(`${base}/stories/${entry.slug}`)}</id>`,
        `<link rel="alternate" type="text/html" href="${xml(`${base}/stories/${entry.slug}`)}"/>`,
        `<published>${entry.publishedAt.toISOString()}</published>`,
        `<updated>${entry.publishedAt.toISOString()}</updated>`,
        `<summary>${xml(entry.summary)}</summary>`,
        `</entry>`,
      ].join(""),
    ),
    `</feed>`,
  ].join("\n");
  return new Response(body, { headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "no-cache" } });
}
