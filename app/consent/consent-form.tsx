import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormAlert, FormErrorSummary } from "~/ui/field.tsx";
import { consentFields, preTickedFields } from "./vocabulary.ts";

/** The consent screen: plain text of purpose, recipient and withdrawal; only first name ticked. */
export function ConsentForm({ organisation, placement, mentor, submitLabel, errors }: { organisation: string; placement: string; mentor: string; submitLabel: string; errors?: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="stack easy consent">
      <FormAlert error={errors?.form} />
      <FormErrorSummary fieldErrors={errors} />
      <p>{t("consent.purpose", { organisation, placement })}</p>
      <p>{t("consent.recipient", { organisation })}</p>
      <fieldset className="field">
        <legend>{t("consent.fieldsIntro")}</legend>
        {consentFields.map((field) => (
          <div className="choice big" key={field}>
            <input type="checkbox" id={`field-${field}`} name="fields" value={field} defaultChecked={preTickedFields.includes(field)} />
            <label htmlFor={`field-${field}`}>{t(`consent.fields.${field}`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="note">{t("introductions.consentNote")}</label>
        <textarea id="note" name="note" rows={2} maxLength={300} />
      </div>
      <p>{t("consent.mentorContact", { mentor })}</p>
      <p>{t("consent.withdraw")}</p>
      <button type="submit" name="intent" value="consent">
        {submitLabel}
      </button>
    </Form>
  );
}
