import { readFormData } from "~/ui/request.server.ts";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "~/ui/redirect.server.ts";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { deviceIdFrom, rememberDevice } from "~/accounts/devices.server.ts";
import { authenticate } from "~/accounts/registration.server.ts";
import { loginSchema } from "~/accounts/schemas.server.ts";
import { createSession, DESK_STILL_OPEN, getUser, homeOf } from "~/accounts/session.server.ts";
import { safeRedirectTarget } from "~/security/safe-redirect.ts";
import type { Role } from "~/accounts/model.server.ts";
import { resolveLanguage } from "~/i18n/i18n.server.ts";
import { parseForm } from "~/ui/form-data.ts";
import { FormAlert, FormErrorSummary, TextField } from "~/ui/field.tsx";
import { formFailure, retryAfterHeaders } from "~/ui/responses.server.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "login.title", i18n: ["confirm", "fields", "login", "vocab.status", "vocab.support", "vocab.supportPlain"] };
export const headers = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  // At the desk, signing in means the mentor wants their own pages: that starts with ending the desk session.
  if (user) throw redirect(user.desk ? DESK_STILL_OPEN : homeOf[user.role]);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(await readFormData(request), loginSchema);
  if (!form.ok) return formFailure(form);
  const deviceId = await deviceIdFrom(request);
  const result = await authenticate(form.data.email, form.data.password, { address: context.clientAddress, deviceId });
  if (!result.ok)
    return formFailure({ fieldErrors: result.fieldErrors, values: { email: form.data.email }, retryAfterMs: result.retryAfterMs, language: await resolveLanguage(request) });
  const headers = new Headers();
  headers.append("Set-Cookie", await createSession(result.userId));
  headers.append("Set-Cookie", await rememberDevice(deviceId, result.userId));
  const target = safeRedirectTarget(form.data.redirectTo, homeOf[result.role as Role]);
  return redirect(target, { headers });
}

export default function Login() {
  const { t } = useTranslation();
  const labels = { email: t("fields.email"), password: t("fields.password") };
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = result?.fieldErrors;
  return (
    <>
      <h1>{t("login.title")}</h1>
      <Form method="post" className="stack" noValidate>
        <FormAlert error={errors?.form} params={result?.messageParams}>
          {errors?.form === "errors.emailNotConfirmed" ? (
            <p>
              <Link to={`/confirm-email/resend?email=${encodeURIComponent(result?.values?.email ?? "")}`}>{t("confirm.resendLink")}</Link>
            </p>
          ) : null}
        </FormAlert>
        <FormErrorSummary fieldErrors={errors} labels={labels} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField name="email" type="email" label={labels.email} autoComplete="email" error={errors?.email} defaultValue={result?.values?.email} />
        <TextField name="password" type="password" label={labels.password} autoComplete="current-password" error={errors?.password} />
        <button type="submit">{t("login.submit")}</button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
      <p>
        {t("login.noAccount")} <Link to="/register">{t("nav.register")}</Link> · <Link to="/register/mentor">{t("nav.registerMentor")}</Link>
      </p>
    </>
  );
}
