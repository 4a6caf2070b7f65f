import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormAlert, FormErrorSummary, TextArea, useMessage } from "~/ui/field.tsx";
import { consentFields, preTickedFields } from "./vocabulary.ts";

/** The consent screen: plain text of purpose, recipient and withdrawal; only first name ticked. */
export function ConsentForm({ organisation, placement, mentor, submitLabel, errors }: { organisation: string; placement: string; mentor: string; submitLabel: string; errors?: Record<string, string> }) {
  const { t } = useTranslation();
  const message = useMessage();
  const labels = { fields: t("consent.fieldsIntro"), note: t("introductions.consentNote") };
  return (
    <Form method="post" noValidate className="stack easy consent">
      <FormAlert error={errors?.form} />
      <FormErrorSummary fieldErrors={errors} labels={labels} />
      <p>{t("consent.purpose", { organisation, placement })}</p>
      <p>{t("consent.recipient", { organisation })}</p>
      <fieldset className={errors?.fields ? "field has-error" : "field"} id="fields" tabIndex={-1} aria-describedby={errors?.fields ? "fields-error" : undefined}>
        <legend>{labels.fields}</legend>
        {errors?.fields ? (
          <p className="field-error" id="fields-error">
            {message(errors.fields)}
          </p>
        ) : null}
        {consentFields.map((field) => (
          <div className="choice big" key={field}>
            <input type="checkbox" id={`field-${field}`} name="fields" value={field} defaultChecked={preTickedFields.includes(field)} />
            <label htmlFor={`field-${field}`}>{t(`consent.fields.${field}`)}</label>
          </div>
        ))}
      </fieldset>
      <TextArea name="note" label={labels.note} error={errors?.note} required={false} maxLength={300} />
      <p>{t("consent.mentorContact", { mentor })}</p>
      <p>{t("consent.withdraw")}</p>
      <button type="submit" name="intent" value="consent">
        {submitLabel}
      </button>
    </Form>
  );
}
