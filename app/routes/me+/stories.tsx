import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { formatDay } from "~/i18n/dates.ts";
import { pageLanguage } from "~/i18n/i18n.server.ts";
import { answerStory, storiesForMentee } from "~/stories/decision.server.ts";
import { DecisionForm, StoryPreview } from "~/stories/decision-view.tsx";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { FormAlert } from "~/ui/field.tsx";
import { redirect } from "~/ui/redirect.server.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = { title: "storyDecision.title", i18n: ["storyDecision"], scripts: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const mentee = await requireUser(request, "mentee", { desk: true });
  const [stories, language] = await Promise.all([storiesForMentee(mentee), pageLanguage(request, mentee)]);
  return { stories: stories.map((s) => ({ ...s, until: s.expiresAt ? formatDay(s.expiresAt, language) : null })) };
}

/** One form per story: approve or decline the version she sees, or withdraw (one button, as giving took one). */
export async function action({ request }: ActionFunctionArgs) {
  const mentee = await requireUser(request, "mentee", { desk: true });
  const formData = await readFormData(request);
  const storyId = String(formData.get("storyId") ?? "");
  const result = await answerStory(mentee, storyId, formData);
  return result.ok ? redirect(`/me/stories?answer=${result.notice}`) : formFailure({ ...result, values: { storyId } });
}

export default function MyStories() {
  const { t } = useTranslation();
  const { stories } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  // Not "notice": the layout shows its own confirmations for that parameter (its "approved" is about a mentor).
  const notice = params.get("answer");
  const failedStory = result?.values?.storyId;
  return (
    <div className="easy">
      <h1>{t("storyDecision.title")}</h1>
      {notice && ["approved", "declined", "withdrawn", "renewed"].includes(notice) ? <p className="notice" role="status">{t(`storyDecision.notices.${notice}`)}</p> : null}
      {failedStory && !stories.some((s) => s.id === failedStory) ? <FormAlert error={result?.fieldErrors?.form ?? "errors.invalid"} /> : null}
      {stories.length === 0 ? <p>{t("storyDecision.none")}</p> : <p>{t("storyDecision.intro")}</p>}
      {stories.map((story) => {
        const errors = failedStory === story.id ? result?.fieldErrors : undefined;
        return (
          <article key={story.id} className="offer" aria-labelledby={`story-${story.id}`}>
            <h2 id={`story-${story.id}`}>{t(`storyDecision.statuses.${story.status}`)}</h2>
            <StoryPreview view={story.view} />
            {story.status === "awaiting_mentee" ? (
              <DecisionForm version={story.version} errors={errors} storyId={story.id} />
            ) : null}
            {story.withdrawable ? (
              <>
                {story.until ? <p>{t("storyDecision.approvedUntil", { date: story.until })}</p> : null}
                {story.renewable ? (
                  <Form method="post" noValidate>
                    <p className="hint">{t("storyDecision.renewHint")}</p>
                    <input type="hidden" name="storyId" value={story.id} />
                    <button type="submit" name="intent" value="renew">
                      {t("storyDecision.renew")}
                    </button>
                  </Form>
                ) : null}
                <p className="hint">{t("storyDecision.withdrawHint")}</p>
                <Form method="post" noValidate>
                  {story.status === "awaiting_mentee" ? null : <FormAlert error={errors?.form} />}
                  <input type="hidden" name="storyId" value={story.id} />
                  <button type="submit" name="intent" value="withdraw" className="danger">
                    {t("storyDecision.withdraw")}
                  </button>
                </Form>
              </>
            ) : null}
          </article>
        );
      })}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
