import { readFormData } from "~/ui/request.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { deviceIdFrom, rememberDevice } from "~/accounts/devices.server.ts";
import { resetPassword } from "~/accounts/registration.server.ts";
import { resetPasswordSchema } from "~/accounts/schemas.server.ts";
import { tokenIsUsable } from "~/accounts/tokens.server.ts";
import { CheckboxField, FormAlert, FormErrorSummary, TextField } from "~/ui/field.tsx";
import { parseForm } from "~/ui/form-data.ts";
import { formFailure } from "~/ui/responses.server.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "reset.title", i18n: ["fields", "reset", "vocab.status", "vocab.support", "vocab.supportPlain"] };

function tokenFrom(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return token.length >= 20 && token.length <= 100 ? token : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = tokenFrom(request);
  return { token: token && (await tokenIsUsable(token, ["reset_password", "invite"])) ? token : null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(await readFormData(request), resetPasswordSchema);
  if (!form.ok) {
    if (form.fieldErrors.token) return formFailure({ fieldErrors: { form: "reset.invalid" } });
    return formFailure(form);
  }
  const { token, password, signOutEverywhere } = form.data;
  const result = await resetPassword(token, password, { signOutEverywhere, clientAddress: context.clientAddress });
  if (!result.ok) return formFailure({ fieldErrors: { form: "reset.invalid" } });
  // The link came to the account's mailbox: this browser may sign in even while strangers are held back.
  const cookie = await rememberDevice(await deviceIdFrom(request), result.userId);
  return redirect(`/login?notice=${signOutEverywhere ? "passwordChangedEverywhere" : "passwordChanged"}`, { headers: { "Set-Cookie": cookie } });
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const labels = { password: t("fields.newPassword"), confirmPassword: t("fields.confirmPassword"), signOutEverywhere: t("reset.signOutEverywhere") };
  const { token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors;
  if (!token)
    return (
      <>
        <h1>{t("reset.title")}</h1>
        <p className="alert">{t("reset.invalid")}</p>
        <p>
          <Link to="/forgot-password">{t("reset.askAgain")}</Link>
        </p>
      </>
    );
  return (
    <>
      <h1>{t("reset.title")}</h1>
      <Form method="post" className="stack" noValidate>
        <FormAlert error={errors?.form} />
        <FormErrorSummary fieldErrors={errors} labels={labels} />
        <input type="hidden" name="token" value={token} />
        <TextField name="password" type="password" label={labels.password} hint={t("fields.passwordHint")} autoComplete="new-password" error={errors?.password} />
        <TextField name="confirmPassword" type="password" label={labels.confirmPassword} autoComplete="new-password" error={errors?.confirmPassword} />
        <CheckboxField name="signOutEverywhere" label={labels.signOutEverywhere} hint={t("reset.signOutEverywhereHint")} error={errors?.signOutEverywhere} defaultChecked={!result || result.values.signOutEverywhere === "yes"} />
        <button type="submit">{t("reset.submit")}</button>
      </Form>
    </>
  );
}
