import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { unsubscribeLinkUsable, unsubscribeLinkUsed, unsubscribeWithLink } from "~/alerts/alerts.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { redirect } from "~/ui/redirect.server.ts";

export const handle = { title: "alerts.unsubscribeTitle", i18n: ["alerts"] };

/** The address is the key: kept by no cache, found by no search engine, sent to no other site. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "same-origin" });

const unusable = () => data({ state: "unusable" as const }, { status: 404, headers: { "Cache-Control": "no-store" } });

/** Opening the link changes nothing (mail scanners open links): it only offers the button. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  if (await unsubscribeLinkUsable(params.token ?? "")) return { state: "usable" as const };
  if (new URL(request.url).searchParams.has("done") && (await unsubscribeLinkUsed(params.token ?? ""))) return { state: "done" as const };
  return unusable();
}

/** The button, or a mail program's one-click request (RFC 8058): stops the mentor's alerts and uses the link up. */
export async function action({ params, request }: ActionFunctionArgs) {
  if (!(await unsubscribeWithLink(params.token ?? ""))) return unusable();
  const lng = new URL(request.url).searchParams.get("lng");
  return redirect(`/alerts/unsubscribe/${encodeURIComponent(params.token ?? "")}?done${lng ? `&lng=${encodeURIComponent(lng)}` : ""}`);
}

export default function Unsubscribe() {
  const { t } = useTranslation();
  const { state } = useLoaderData<typeof loader>();
  return (
    <div className="easy">
      <h1>{t("alerts.unsubscribeTitle")}</h1>
      {state === "usable" ? (
        <Form method="post" noValidate>
          <p>{t("alerts.unsubscribeIntro")}</p>
          <button type="submit">{t("alerts.unsubscribeButton")}</button>
        </Form>
      ) : state === "done" ? (
        <p className="notice" role="status">
          {t("alerts.unsubscribed")}
        </p>
      ) : (
        <p>{t("alerts.unsubscribeUnusable")}</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
