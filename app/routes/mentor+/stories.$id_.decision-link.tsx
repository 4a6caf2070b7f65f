import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { requestDecisionLink, requireStoryOfOwnMentee } from "~/stories/decision.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { FormAlert, TextField } from "~/ui/field.tsx";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = { title: "storyDecision.linkRequestTitle", i18n: ["storyDecision"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  const story = await requireStoryOfOwnMentee(mentor, params.id ?? "");
  return { title: story.title, linkFor: story.linkFor };
}

/** A single-use link for a mentee without an account: e-mailed to the address given, or shown to print. */
export async function action({ request, params }: ActionFunctionArgs) {
  const mentor = await requireUser(request, "mentor");
  await requireStoryOfOwnMentee(mentor, params.id ?? "");
  const result = await requestDecisionLink(mentor, params.id ?? "", await readFormData(request));
  if (!result.ok) return formFailure(result);
  return { ok: true as const, link: result.emailed ? null : result.link, emailed: result.emailed };
}

export default function DecisionLink() {
  const { t } = useTranslation();
  const { title, linkFor } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && "fieldErrors" in result ? result.fieldErrors : undefined;
  const issued = result && "emailed" in result ? result : null;
  return (
    <div className="easy">
      <h1>{t("storyDecision.linkRequestTitle")}</h1>
      <p>{title}</p>
      {issued?.emailed ? <p role="status">{t("storyDecision.linkEmailed")}</p> : null}
      {issued?.link ? (
        <p role="status">
          {t("storyDecision.linkToPrint")} <code className="print-link">{issued.link}</code>
        </p>
      ) : null}
      {linkFor ? (
        <Form method="post" noValidate>
          <p>{t(linkFor === "renewal" ? "storyDecision.linkRequestRenewIntro" : "storyDecision.linkRequestIntro")}</p>
          <FormAlert error={errors?.form} />
          <TextField name="email" type="email" required={false} label={t("storyDecision.linkEmail")} error={errors?.email} />
          <button type="submit">{t("storyDecision.linkCreate")}</button>
        </Form>
      ) : (
        <p>{t("storyDecision.errors.notAwaiting")}</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
