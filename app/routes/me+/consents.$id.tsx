import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { requireUser } from "~/accounts/session.server.ts";
import { ConsentForm } from "~/consent/consent-form.tsx";
import { consentFormSchema, consentFormValues } from "~/consent/schema.server.ts";
import { consentRefusalFor, giveConsent, placementRefusalOf, requireIntroductionParty } from "~/introductions/introductions.server.ts";
import { introductionForMentee } from "~/introductions/mentee.server.ts";
import { GeneralErrorBoundary } from "~/ui/error-boundary.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure } from "~/ui/responses.server.ts";

export const handle = { title: "introductions.myConsentsTitle", i18n: ["consent", "introductions", "vocab.status", "vocab.support", "vocab.supportPlain"], scripts: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const mentee = await requireUser(request, "mentee", { desk: true });
  const { introduction, organisation, placementTitle, mentor } = await introductionForMentee(mentee, params.id ?? "");
  // Withdrawn or answered by the employer: she is told so here, as a consent sent to it would be.
  const settled = introduction.status === "withdrawn" || introduction.status === "declined" ? consentRefusalFor(introduction.status) : null;
  if (introduction.status !== "proposed" && !settled) throw redirect("/me/consents");
  return { organisation: organisation?.name ?? "", placement: placementTitle, mentor: mentor?.name ?? "", notOpen: await placementRefusalOf(introduction), settled };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const mentee = await requireUser(request, "mentee", { desk: true });
  await requireIntroductionParty(mentee, params.id ?? "");
  const formData = await readFormData(request);
  const form = parseForm(formData, consentFormSchema, ["fields"]);
  if (!form.ok) return formFailure({ fieldErrors: form.fieldErrors, values: consentFormValues(formData) });
  const result = await giveConsent(mentee, params.id ?? "", { fields: form.data.fields, note: form.data.note, method: "own_device" });
  return result.ok ? redirect("/me/consents?notice=consentGiven") : formFailure({ ...result, values: consentFormValues(formData) });
}

export default function GiveConsent() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("introductions.consentTitle", { organisation: data.organisation })}</h1>
      {data.settled ? (
        <p className="alert" role="alert">
          {t(data.settled)}
        </p>
      ) : !data.notOpen ? (
        <ConsentForm
          organisation={data.organisation}
          placement={data.placement}
          mentor={data.mentor}
          submitLabel={t("introductions.confirmOwn")}
          errors={result?.fieldErrors}
          chosen={result?.values?.fields?.split(",")}
          note={result?.values?.note}
        />
      ) : (
        <p className="alert" role="alert">
          {t(data.notOpen)}
        </p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
