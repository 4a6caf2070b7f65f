import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { FormAlert, FormErrorSummary, TextArea, useMessage } from "~/ui/field.tsx";
import { consentFields, preTickedFields } from "./vocabulary.ts";

/**
 * The consent screen: plain text of purpose, recipient and withdrawal; only first name ticked.
 * After a refusal it shows again as the person left it.
 */
export function ConsentForm({
  organisation,
  placement,
  mentor,
  submitLabel,
  errors,
  chosen,
  note,
}: {
  organisation: string;
  placement: string;
  mentor: string;
  submitLabel: string;
  errors?: Record<string, string>;
  chosen?: string[];
  note?: string;
}) {
  const { t } = useTranslation();
  const ticked: readonly string[] = chosen ?? preTickedFields;
  const fieldsError = errors?.fields;
  const message = useMessage();
  const labels = { fields: t("consent.fieldsIntro"), note: t("introductions.consentNote") };
  return (
    <Form method="post" noValidate className="stack easy consent">
      <FormAlert error={errors?.form} />
      <FormErrorSummary fieldErrors={errors} labels={labels} />
      <p>{t("consent.purpose", { organisation, placement })}</p>
      <p>{t("consent.recipient", { organisation })}</p>
      <fieldset id="fields" tabIndex={-1} className={fieldsError ? "field has-error" : "field"} aria-describedby={fieldsError ? "fields-hint fields-error" : "fields-hint"}>
        <legend>{labels.fields}</legend>
        <p className="hint" id="fields-hint">
          {t("consent.fieldsHint", { mentor })}
        </p>
        {fieldsError ? (
          <p className="field-error" id="fields-error">
            {message(fieldsError)}
          </p>
        ) : null}
        {consentFields.map((field) => (
          <div className="choice big" key={field}>
            <input type="checkbox" id={`field-${field}`} name="fields" value={field} defaultChecked={ticked.includes(field)} />
            <label htmlFor={`field-${field}`}>{t(`consent.fields.${field}`)}</label>
          </div>
        ))}
      </fieldset>
      <TextArea name="note" label={labels.note} error={errors?.note} required={false} maxLength={300} defaultValue={note} />
      <p>{t("consent.mentorContact", { mentor })}</p>
      <p>{t("consent.withdraw")}</p>
      <button type="submit" name="intent" value="consent">
        {submitLabel}
      </button>
    </Form>
  );
}
