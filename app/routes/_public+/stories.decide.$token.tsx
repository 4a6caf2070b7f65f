import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { formatDay } from "~/i18n/dates.ts";
import { answerGivenWithLink, answerWithLink, storyForLink } from "~/stories/decision.server.ts";
import { DecisionForm, StoryPreview } from "~/stories/decision-view.tsx";
import { FormAlert } from "~/ui/field.tsx";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { readFormData } from "~/ui/request.server.ts";
import { redirect } from "~/ui/redirect.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = { title: "storyDecision.linkTitle", i18n: ["storyDecision"] };

/**
 * The page names a person: kept by no cache, found by no search engine, its address (the token)
 * sent to no other site. Not "no-referrer": the browser would then send her answer with
 * `Origin: null`, which the portal refuses as a form from another site.
 */
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "same-origin" });

const gone = () => data({ usable: false as const, story: null, notice: null }, { status: 410, headers: { "Cache-Control": "no-store" } });

/** Opening the link only shows the story: it uses nothing, however often it is opened. Once used, it thanks her right after her answer. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const story = await storyForLink(token);
  if (story?.linkFor) {
    const until = story.expiresAt ? formatDay(story.expiresAt, story.language) : "";
    return { usable: true as const, story: { version: story.version, view: story.view, linkFor: story.linkFor, until }, notice: null };
  }
  if (new URL(request.url).searchParams.has("answered")) {
    const notice = await answerGivenWithLink(token);
    if (notice) return { usable: false as const, story: null, notice };
  }
  return gone();
}

/** Only an answer (yes or no) uses the link, once. */
export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const result = await answerWithLink(params.token ?? "", formData);
  if (result === null) return gone();
  if (!result.ok) return formFailure(result);
  const url = new URL(request.url);
  const lng = url.searchParams.get("lng");
  return redirect(`${url.pathname}?answered${lng ? `&lng=${encodeURIComponent(lng)}` : ""}`);
}

export default function DecideByLink() {
  const { t } = useTranslation();
  const token = useParams().token ?? "";
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const notice = page.notice;
  const errors = result && "fieldErrors" in result ? result.fieldErrors : undefined;
  return (
    <div className="easy">
      <h1>{t("storyDecision.linkTitle")}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(`storyDecision.notices.${notice}`)}
        </p>
      ) : !page.usable ? (
        <p>{t("storyDecision.linkUnusable")}</p>
      ) : (
        page.story.linkFor === "renewal" ? (
          <>
            <p>{t("storyDecision.linkRenewIntro", { date: page.story.until })}</p>
            <StoryPreview view={page.story.view} photoQuery={`?link=${encodeURIComponent(token)}`} headingLevel={2} />
            <Form method="post" noValidate>
              <FormAlert error={errors?.form} />
              <p className="hint">{t("storyDecision.linkRenewNote")}</p>
              <button type="submit" name="intent" value="renew">
                {t("storyDecision.renew")}
              </button>
            </Form>
          </>
        ) : (
          <>
            <p>{t("storyDecision.intro")}</p>
            <StoryPreview view={page.story.view} photoQuery={`?link=${encodeURIComponent(token)}`} headingLevel={2} />
            <DecisionForm version={page.story.version} errors={errors} />
          </>
        )
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
