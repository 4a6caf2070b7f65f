import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { employerDecisionSchema } from "~/stories/schema.server.ts";
import { decideEmployerPart, storiesForEmployer } from "~/stories/stories.server.ts";
import { StoryPreview } from "~/stories/story-form.tsx";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { FormAlert } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { readFormData } from "~/ui/request.server.ts";
import { redirect } from "~/ui/redirect.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = { title: "stories.employerTitle", i18n: ["stories", "countries", "fields", "vocab.kind", "vocab.sector"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const employer = await requireUser(request, "employer");
  return { stories: await storiesForEmployer(employer), decided: new URL(request.url).searchParams.has("decided") };
}

export async function action({ request }: ActionFunctionArgs) {
  const employer = await requireUser(request, "employer");
  const form = parseForm(await readFormData(request), employerDecisionSchema);
  if (!form.ok) return formFailure({ fieldErrors: { form: "errors.invalid" } });
  const result = await decideEmployerPart(employer, form.data.storyId, form.data.decision);
  if (!result.ok) return formFailure({ fieldErrors: result.fieldErrors });
  return redirect("/employer/stories?decided=1");
}

export default function EmployerStories() {
  const { t } = useTranslation();
  const { stories, decided } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("stories.employerTitle")}</h1>
      {decided ? (
        <div className="notice" role="status">
          {t("stories.notice.employerDecided")}
        </div>
      ) : null}
      <p>{t("stories.employerIntro")}</p>
      <FormAlert error={result?.fieldErrors.form} />
      {stories.length === 0 ? <p>{t("stories.employerNone")}</p> : null}
      {stories.map((s) => (
        <section key={s.id} className="stack" aria-label={s.view.title}>
          <StoryPreview view={s.view} />
          <p>
            <strong>{t(`stories.employerApproval.${s.employerApproval}`)}</strong>
          </p>
          <p>{t(`stories.employerNow.${s.employerApproval === "approved" ? (s.shownNow ? "approvedShown" : "approvedNotYet") : s.employerApproval}`)}</p>
          {/* Only the answer that changes something; either can be changed later. */}
          <Form method="post" noValidate className="actions">
            <input type="hidden" name="storyId" value={s.id} />
            {s.employerApproval !== "approved" ? (
              <button type="submit" name="decision" value="approved">
                {t("stories.employerApprove")}
              </button>
            ) : null}
            {s.employerApproval !== "declined" ? (
              <button type="submit" name="decision" value="declined" className="secondary">
                {t("stories.employerDecline")}
              </button>
            ) : null}
          </Form>
        </section>
      ))}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
