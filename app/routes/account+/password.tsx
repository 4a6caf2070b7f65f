import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { deviceIdFrom } from "~/accounts/devices.server.ts";
import { changePassword } from "~/accounts/registration.server.ts";
import { changePasswordSchema } from "~/accounts/schemas.server.ts";
import { requireUser } from "~/accounts/session.server.ts";
import { resolveLanguage } from "~/i18n/i18n.server.ts";
import { CheckboxField, FormAlert, FormErrorSummary, TextField } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { readFormData } from "~/ui/request.server.ts";
import { formFailure, retryAfterHeaders } from "~/ui/responses.server.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "account.passwordTitle", i18n: ["account", "fields", "vocab.status", "vocab.support", "vocab.supportPlain"] };
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "anyRole");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, "anyRole");
  const form = parseForm(await readFormData(request), changePasswordSchema);
  if (!form.ok) return formFailure(form);
  const result = await changePassword(request, user, form.data, { address: context.clientAddress, deviceId: await deviceIdFrom(request) });
  if (!result.ok)
    return formFailure({ fieldErrors: result.fieldErrors, values: form.data.signOutOthers ? { signOutOthers: "yes" } : {}, retryAfterMs: result.retryAfterMs, language: await resolveLanguage(request, user.language) });
  return redirect(`/account/password?notice=${form.data.signOutOthers ? "passwordUpdatedOthersSignedOut" : "passwordUpdated"}`);
}

export default function ChangePassword() {
  const { t } = useTranslation();
  const labels = { currentPassword: t("account.currentPassword"), password: t("fields.newPassword"), confirmPassword: t("fields.confirmPassword"), signOutOthers: t("account.signOutOthers") };
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors;
  return (
    <>
      <h1>{t("account.passwordTitle")}</h1>
      <Form method="post" className="stack" noValidate>
        <FormAlert error={errors?.form} params={result?.messageParams} />
        <FormErrorSummary fieldErrors={errors} labels={labels} />
        <TextField name="currentPassword" type="password" label={labels.currentPassword} autoComplete="current-password" error={errors?.currentPassword} />
        <TextField name="password" type="password" label={labels.password} hint={t("fields.passwordHint")} autoComplete="new-password" error={errors?.password} />
        <TextField name="confirmPassword" type="password" label={labels.confirmPassword} autoComplete="new-password" error={errors?.confirmPassword} />
        <CheckboxField name="signOutOthers" label={labels.signOutOthers} hint={t("account.signOutOthersHint")} error={errors?.signOutOthers} defaultChecked={!result || result.values.signOutOthers === "yes"} />
        <button type="submit">{t("account.changePassword")}</button>
      </Form>
    </>
  );
}
