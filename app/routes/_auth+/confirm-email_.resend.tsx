import type { ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { resendConfirmation } from "~/accounts/registration.server.ts";
import { forgotPasswordSchema } from "~/accounts/schemas.server.ts";
import { FormAlert, FormErrorSummary, TextField } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure, retryAfterHeaders } from "~/ui/responses.server.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "confirm.resendTitle", i18n: ["confirm", "fields", "vocab.status", "vocab.support", "vocab.supportPlain"] };
export const headers = retryAfterHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(await readFormData(request), forgotPasswordSchema);
  if (!form.ok) return formFailure(form);
  const result = await resendConfirmation(form.data.email, context.clientAddress);
  if (!result.ok) return formFailure({ fieldErrors: result.fieldErrors, values: { email: form.data.email }, retryAfterMs: result.retryAfterMs });
  return { ok: true as const };
}

export default function ResendConfirmation() {
  const { t } = useTranslation();
  const labels = { email: t("fields.email") };
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = result && !result.ok ? result.fieldErrors : undefined;
  return (
    <>
      <h1>{t("confirm.resendTitle")}</h1>
      {result?.ok ? (
        <p className="notice" role="status">
          {t("confirm.resendSent")}
        </p>
      ) : (
        <>
          <p>{t("confirm.resendIntro")}</p>
          <Form method="post" className="stack" noValidate>
            <FormAlert error={errors?.form} />
            <FormErrorSummary fieldErrors={errors} labels={labels} />
            <TextField name="email" type="email" label={labels.email} autoComplete="email" error={errors?.email} defaultValue={(result && !result.ok ? result.values?.email : undefined) ?? params.get("email") ?? undefined} />
            <button type="submit">{t("confirm.resendSubmit")}</button>
          </Form>
        </>
      )}
    </>
  );
}
