import { readFormData } from "~/ui/request.server.ts";
import type { ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { RegistrationSent } from "~/accounts/registration-sent.tsx";
import { listMentorOrganisations, registerMentor } from "~/accounts/registration.server.ts";
import { registerMentorSchema } from "~/accounts/schemas.server.ts";
import { languages } from "~/i18n/languages.ts";
import { FormAlert, FormErrorSummary, SelectField, TextField } from "~/ui/field.tsx";
import { echoValues, parseForm } from "~/ui/form-data.ts";
import { formFailure, retryAfterHeaders } from "~/ui/responses.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "register.mentorTitle", i18n: ["fields", "mentorOrgTypes", "register", "vocab.status", "vocab.support", "vocab.supportPlain"] };
export const headers = retryAfterHeaders;

export async function loader() {
  const organisations = await listMentorOrganisations();
  return {
    organisations: organisations.map((o) => ({
      id: String(o._id),
      name: o.name,
      type: o.mentorOrganisationType ?? null,
      town: o.town,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(await readFormData(request), registerMentorSchema);
  if (!form.ok) return formFailure(form);
  const result = await registerMentor(form.data, context.clientAddress);
  if (!result.ok) return formFailure({ fieldErrors: result.fieldErrors, values: echoValues(form.data), retryAfterMs: result.retryAfterMs });
  return { ok: true as const, email: form.data.email };
}

export default function RegisterMentor() {
  const { t } = useTranslation();
  const labels = { name: t("fields.name"), email: t("fields.email"), password: t("fields.password"), organisationId: t("fields.mentorOrganisation"), language: t("fields.language") };
  const { organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const language = useCurrentLanguage();
  if (result?.ok) return <RegistrationSent email={result.email} />;
  const errors = result?.fieldErrors;
  const values = result?.values;
  return (
    <>
      <h1>{t("register.mentorTitle")}</h1>
      <p>{t("register.mentorIntro")}</p>
      {organisations.length === 0 ? <p className="alert">{t("register.noMentorOrganisations")}</p> : null}
      <Form method="post" className="stack" noValidate>
        <FormAlert error={errors?.form} />
        <FormErrorSummary fieldErrors={errors} labels={labels} />
        <TextField name="name" label={labels.name} autoComplete="name" error={errors?.name} defaultValue={values?.name} maxLength={120} />
        <TextField name="email" type="email" label={labels.email} autoComplete="email" error={errors?.email} defaultValue={values?.email} />
        <TextField name="password" type="password" label={labels.password} hint={t("fields.passwordHint")} autoComplete="new-password" error={errors?.password} />
        <SelectField
          name="organisationId"
          label={labels.organisationId}
          error={errors?.organisationId}
          defaultValue={values?.organisationId}
          placeholder={t("fields.choose")}
          options={organisations.map((o) => ({
            value: o.id,
            label: `${o.name} (${o.type ? t(`mentorOrgTypes.${o.type}`) : ""}, ${o.town})`,
          }))}
        />
        <SelectField
          // Remounted when the page language changes, so the default follows it.
          key={language}
          name="language"
          label={labels.language}
          error={errors?.language}
          defaultValue={values?.language ?? language}
          options={languages.map((l) => ({ value: l, label: t(`language.${l}`) }))}
        />
        <button type="submit">{t("register.submit")}</button>
      </Form>
    </>
  );
}
