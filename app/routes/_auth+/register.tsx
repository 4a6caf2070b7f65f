import { readFormData } from "~/ui/request.server.ts";
import type { ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { RegistrationSent } from "~/accounts/registration-sent.tsx";
import { registerOrganisation } from "~/accounts/registration.server.ts";
import { registerOrganisationSchema } from "~/accounts/schemas.server.ts";
import { languages } from "~/i18n/languages.ts";
import { countries } from "~/organisations/vocabulary.ts";
import { FormAlert, FormErrorSummary, RadioGroup, SelectField, TextField } from "~/ui/field.tsx";
import { echoValues, parseForm } from "~/ui/form-data.ts";
import { formFailure, retryAfterHeaders } from "~/ui/responses.server.ts";
import { useCurrentLanguage } from "~/ui/use-root-data.ts";
export { GeneralErrorBoundary as ErrorBoundary } from "~/ui/error-boundary.tsx";

export const handle = { title: "register.title", i18n: ["countries", "fields", "orgKinds", "register", "vocab.status", "vocab.support", "vocab.supportPlain"] };
export const headers = retryAfterHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = parseForm(await readFormData(request), registerOrganisationSchema);
  if (!form.ok) return formFailure(form);
  const result = await registerOrganisation(form.data, context.clientAddress);
  if (!result.ok) return formFailure({ fieldErrors: result.fieldErrors, values: echoValues(form.data), retryAfterMs: result.retryAfterMs });
  return { ok: true as const, email: form.data.email };
}

export default function Register() {
  const { t } = useTranslation();
  const labels = { name: t("fields.name"), email: t("fields.email"), password: t("fields.password"), language: t("fields.language"), organisationName: t("fields.organisationName"), organisationKind: t("fields.organisationKind"), town: t("fields.town"), country: t("fields.country") };
  const result = useActionData<typeof action>();
  const language = useCurrentLanguage();
  if (result?.ok) return <RegistrationSent email={result.email} />;
  const errors = result?.fieldErrors;
  const values = result?.values;
  return (
    <>
      <h1>{t("register.title")}</h1>
      <p>{t("register.intro")}</p>
      <Form method="post" className="stack" noValidate>
        <FormAlert error={errors?.form} />
        <FormErrorSummary fieldErrors={errors} labels={labels} />
        <h2>{t("register.personSection")}</h2>
        <TextField name="name" label={labels.name} autoComplete="name" error={errors?.name} defaultValue={values?.name} maxLength={120} />
        <TextField name="email" type="email" label={labels.email} autoComplete="email" error={errors?.email} defaultValue={values?.email} />
        <TextField name="password" type="password" label={labels.password} hint={t("fields.passwordHint")} autoComplete="new-password" error={errors?.password} />
        <SelectField
          // Remounted when the page language changes, so the default follows it.
          key={language}
          name="language"
          label={labels.language}
          error={errors?.language}
          defaultValue={values?.language ?? language}
          options={languages.map((l) => ({ value: l, label: t(`language.${l}`) }))}
        />
        <h2>{t("register.organisationSection")}</h2>
        <TextField name="organisationName" label={labels.organisationName} autoComplete="organization" error={errors?.organisationName} defaultValue={values?.organisationName} maxLength={160} />
        <RadioGroup
          name="organisationKind"
          label={labels.organisationKind}
          error={errors?.organisationKind}
          defaultValue={values?.organisationKind}
          options={[
            { value: "employer", label: t("orgKinds.employer") },
            { value: "social_enterprise", label: t("orgKinds.social_enterprise") },
          ]}
        />
        <TextField name="town" label={labels.town} hint={t("fields.townHint")} autoComplete="address-level2" error={errors?.town} defaultValue={values?.town} maxLength={80} />
        <SelectField
          name="country"
          label={labels.country}
          error={errors?.country}
          defaultValue={values?.country}
          placeholder={t("fields.choose")}
          options={countries.map((c) => ({ value: c, label: t(`countries.${c}`) }))}
        />
        <button type="submit">{t("register.submit")}</button>
      </Form>
    </>
  );
}
