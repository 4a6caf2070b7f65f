import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { storyButtonSchema } from "~/stories/schema.server.ts";
import { markTakedownDone, publishStory, storiesForReview } from "~/stories/stories.server.ts";
import { storyStatuses } from "~/stories/vocabulary.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { FormAlert } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { readFormData } from "~/ui/request.server.ts";
import { redirect } from "~/ui/redirect.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = { title: "stories.reviewTitle", i18n: ["stories"] };

const shownNotices = ["published", "takedownDone"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const url = new URL(request.url);
  return { ...(await storiesForReview(coordinator)), notice: shownNotices.find((n) => url.searchParams.has(n)) ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  const coordinator = await requireUser(request, "coordinator");
  const formData = await readFormData(request);
  const form = parseForm(formData, storyButtonSchema);
  if (!form.ok) return formFailure({ fieldErrors: { form: "errors.invalid" } });
  const intent = formData.get("intent");
  if (intent === "publish") {
    const result = await publishStory(coordinator, form.data.storyId);
    if (!result.ok) return formFailure({ fieldErrors: result.fieldErrors });
    return redirect("/coordinator/stories?published=1");
  }
  if (intent === "takedownDone") {
    const result = await markTakedownDone(coordinator, form.data.storyId);
    if (!result.ok) return formFailure({ fieldErrors: result.fieldErrors });
    return redirect("/coordinator/stories?takedownDone=1");
  }
  return formFailure({ fieldErrors: { form: "errors.invalid" } });
}

export default function ReviewStories() {
  const { t } = useTranslation();
  const { stories, takedowns, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("stories.reviewTitle")}</h1>
      {notice ? (
        <div className="notice" role="status">
          {t(`stories.notice.${notice}`)}
        </div>
      ) : null}
      <FormAlert error={result?.fieldErrors.form} />
      <p>
        <Link to="/mentor/stories">{t("stories.writeLink")}</Link>
      </p>
      <section aria-labelledby="takedowns-heading">
        <h2 id="takedowns-heading">{t("stories.takedownTitle")}</h2>
        <p>{t("stories.takedownIntro")}</p>
        {takedowns.length === 0 ? (
          <p>{t("stories.noTakedowns")}</p>
        ) : (
          <ul>
            {takedowns.map((s) => (
              <li key={s.id}>
                {s.title} · {t(`stories.status.${s.status}`)} · {s.channels.map((c) => t(`stories.channels.${c}`)).join(", ")}
                <Form method="post" noValidate>
                  <input type="hidden" name="storyId" value={s.id} />
                  <button type="submit" name="intent" value="takedownDone">
                    {t("stories.takedownDone")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      {storyStatuses.map((status) => {
        const shown = stories.filter((s) => s.status === status);
        if (shown.length === 0) return null;
        return (
          <section key={status} aria-labelledby={`status-${status}`}>
            <h2 id={`status-${status}`}>{t(`stories.status.${status}`)}</h2>
            <ul>
              {shown.map((s) => (
                <li key={s.id}>
                  <Link to={`/mentor/stories/${s.id}`}>{s.title}</Link> · {s.menteeName} · {t("stories.version", { version: s.version })}
                  {s.showEmployer ? ` · ${t(`stories.employerApproval.${s.employerApproval}`)}` : ""}
                  {status === "approved" && s.publishBlockedBy ? <p>{t(`stories.publishBlocked.${s.publishBlockedBy}`, { name: s.menteeName })}</p> : null}
                  {status === "approved" && !s.publishBlockedBy ? (
                    <Form method="post" noValidate>
                      <input type="hidden" name="storyId" value={s.id} />
                      <button type="submit" name="intent" value="publish">
                        {t("stories.publish")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
