import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { townNames } from "~/placements/gazetteer.server.ts";
import { storyValues } from "~/stories/form-values.ts";
import { readStoryForm } from "~/stories/photos.server.ts";
import { storyFormSchema } from "~/stories/schema.server.ts";
import { renewable, withdrawable, withdrawStory } from "~/stories/decision.server.ts";
import { editStory, requireStoryEditor, storyForEditing, submitStory } from "~/stories/stories.server.ts";
import { StoryForm, StoryPreview } from "~/stories/story-form.tsx";
import { FormAlert } from "~/ui/field.tsx";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { echoForm, parseForm } from "~/ui/form-data.ts";
import { redirect } from "~/ui/redirect.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = { title: "stories.editTitle", i18n: ["stories", "countries", "fields", "vocab.kind", "vocab.sector"] };

const shownNotices = ["saved", "submitted", "withdrawn"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request, "anyRole");
  const { story, mentee, preview, identifying, employers, editable, isPublic } = await storyForEditing(actor, params.id ?? "");
  const url = new URL(request.url);
  const notice = shownNotices.find((n) => url.searchParams.has(n)) ?? null;
  return {
    id: String(story._id),
    status: story.status,
    version: story.version,
    employerApproval: story.employerApproval,
    hasPhoto: Boolean(story.photo),
    values: storyValues(story),
    mentee,
    preview,
    identifying,
    employers,
    editable,
    isPublic,
    notice,
    // Her lead mentor can give her a one-time link (no account needed), and record that she took the story back.
    linkFor: actor.role !== "mentor" ? null : story.status === "awaiting_mentee" ? "decision" : renewable(story) ? "renewal" : null,
    withdrawable: actor.role === "mentor" && withdrawable(story),
    towns: townNames(story.country, 300),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUser(request, "anyRole");
  const storyId = params.id ?? "";
  await requireStoryEditor(actor, { storyId });
  const { formData, photo, photoError } = await readStoryForm(request);
  const values = echoForm(formData, storyFormSchema);
  if (formData.get("intent") === "withdraw") {
    const withdrawn = await withdrawStory(actor, storyId);
    if (!withdrawn.ok) return formFailure({ fieldErrors: withdrawn.fieldErrors });
    return redirect(`/mentor/stories/${storyId}?withdrawn=1`);
  }
  if (formData.get("intent") === "submit") {
    const submitted = await submitStory(actor, storyId);
    if (!submitted.ok) return formFailure({ fieldErrors: submitted.fieldErrors });
    return redirect(`/mentor/stories/${storyId}?submitted=1`);
  }
  if (photoError) return formFailure({ fieldErrors: { photo: photoError }, values });
  const form = parseForm(formData, storyFormSchema);
  if (!form.ok) return formFailure({ fieldErrors: form.fieldErrors, values });
  const result = await editStory(actor, storyId, form.data, photo);
  if (!result.ok) return formFailure({ fieldErrors: result.fieldErrors, values });
  return redirect(`/mentor/stories/${storyId}?saved=1`);
}

export default function EditStory() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const name = data.mentee.firstName;
  return (
    <>
      <h1>{t("stories.editTitle")}</h1>
      {data.notice ? (
        <div className="notice" role="status">
          {t(`stories.notice.${data.notice}`, { name })}
        </div>
      ) : null}
      <p>
        {t("stories.aboutMentee", { name })} · {t("stories.versionStatus", { version: data.version, status: t(`stories.status.${data.status}`) })}
      </p>
      {data.isPublic && data.status !== "published" ? <p>{t("stories.publicUntilReplaced")}</p> : null}
      {data.values.showEmployer === "yes" ? <p>{t(`stories.employerApproval.${data.employerApproval}`)}</p> : null}
      {data.values.showEmployer === "yes" && data.employerApproval === "declined" ? <p>{t("stories.employerDeclinedNext", { name })}</p> : null}
      <section aria-labelledby="preview-heading" className="stack">
        <h2 id="preview-heading">{t("stories.previewTitle")}</h2>
        {data.identifying.length > 0 ? (
          <div className="alert" role="alert">
            <p>{t("stories.identifyingFound", { words: data.identifying.join(", ") })}</p>
          </div>
        ) : null}
        <StoryPreview view={data.preview} />
      </section>
      {data.status === "draft" ? (
        <Form method="post" noValidate>
          <FormAlert error={result && !result.values?.title ? result.fieldErrors.form : undefined} />
          <p>{t("stories.askHint", { name })}</p>
          <button type="submit" name="intent" value="submit">
            {t("stories.askToDecide", { name })}
          </button>
        </Form>
      ) : null}
      {data.linkFor ? (
        <p>
          <Link to={`/mentor/stories/${data.id}/decision-link`}>{t(data.linkFor === "renewal" ? "stories.linkToRenew" : "stories.linkToDecide", { name })}</Link>
        </p>
      ) : null}
      {data.withdrawable ? (
        <Form method="post" noValidate className="stack">
          <p className="hint">{t("stories.withdrawForHerHint", { name })}</p>
          <button type="submit" name="intent" value="withdraw" className="danger">
            {t("stories.withdrawForHer", { name })}
          </button>
        </Form>
      ) : null}
      {data.editable ? (
        <section aria-labelledby="edit-heading" className="stack">
          <h2 id="edit-heading">{t("stories.editHeading")}</h2>
          {data.status !== "draft" ? <p>{t("stories.editResetsApproval", { name })}</p> : null}
          <StoryForm values={result?.values?.title !== undefined ? result.values : data.values} errors={result?.values?.title !== undefined ? result.fieldErrors : undefined} towns={data.towns} employers={data.employers} firstName={name} hasPhoto={data.hasPhoto} submitLabel={t("stories.saveDraft")} />
        </section>
      ) : (
        <p>{t("stories.closedForEdits")}</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
