import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { townNames } from "~/placements/gazetteer.server.ts";
import { readStoryForm } from "~/stories/photos.server.ts";
import { storyFormSchema } from "~/stories/schema.server.ts";
import { draftStory, requireStoryEditor, storyDefaults } from "~/stories/stories.server.ts";
import { StoryForm } from "~/stories/story-form.tsx";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { echoForm, parseForm } from "~/ui/form-data.ts";
import { redirect } from "~/ui/redirect.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = { title: "stories.newTitle", i18n: ["stories", "countries", "fields", "vocab.kind", "vocab.sector"] };

function menteeParam(request: Request): string {
  return new URL(request.url).searchParams.get("mentee") ?? "";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUser(request, "anyRole");
  const defaults = await storyDefaults(actor, menteeParam(request));
  return { ...defaults, towns: townNames(defaults.values.country, 300) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUser(request, "anyRole");
  const menteeId = menteeParam(request);
  await requireStoryEditor(actor, { menteeId });
  const { formData, photo, photoError } = await readStoryForm(request);
  const values = echoForm(formData, storyFormSchema);
  if (photoError) return formFailure({ fieldErrors: { photo: photoError }, values });
  const form = parseForm(formData, storyFormSchema);
  if (!form.ok) return formFailure({ fieldErrors: form.fieldErrors, values });
  const result = await draftStory(actor, menteeId, form.data, photo);
  if (!result.ok) return formFailure({ fieldErrors: result.fieldErrors, values });
  return redirect(`/mentor/stories/${result.id}?saved=1`);
}

export default function NewStory() {
  const { t } = useTranslation();
  const { values, towns, employers, mentee } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("stories.newTitle")}</h1>
      <p>{t("stories.aboutMentee", { name: mentee.firstName })}</p>
      <StoryForm values={result?.values ?? values} errors={result?.fieldErrors} towns={towns} employers={employers} firstName={mentee.firstName} submitLabel={t("stories.saveDraft")} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
