import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { FormAlert, FormErrorSummary, SelectField, TextArea, TextField } from "~/ui/field.tsx";

// "Submit this report": freezes the figures of a period and programme as they are shown now
// (a new version when one was submitted before). Posts to /coordinator/reports, which answers
// with the report's page, or with this form and its errors. On the outcomes page the period and
// programme are the page's filter (hidden); on the reports list they are fields. Its words are in
// the outcomeReports section.

export const REPORT_NOTE_LENGTH = 500;

interface Props {
  from: string;
  to: string;
  scope: string;
  /** The programmes to choose from; without them the period and programme are hidden fields. */
  scopes?: { value: string; label: string }[];
  note?: string;
  fieldErrors?: Record<string, string>;
}

export function SubmitReportForm({ from, to, scope, scopes, note, fieldErrors }: Props) {
  const { t } = useTranslation();
  const labels: Record<string, string> = scopes
    ? { from: t("outcomeReports.submit.from"), to: t("outcomeReports.submit.to"), scope: t("outcomeReports.submit.scope"), note: t("outcomeReports.submit.note") }
    : { note: t("outcomeReports.submit.note"), from: t("outcomeReports.submit.from"), to: t("outcomeReports.submit.to"), scope: t("outcomeReports.submit.scope") };
  return (
    <section aria-labelledby="submit-report" className="panel">
      <h2 id="submit-report">{t("outcomeReports.submit.title")}</h2>
      <p>{t("outcomeReports.submit.intro")}</p>
      <FormErrorSummary fieldErrors={fieldErrors} labels={labels} />
      <FormAlert error={fieldErrors?.form} />
      <Form method="post" action="/coordinator/reports?index" noValidate className="stack">
        {scopes ? (
          <div className="field-row">
            <TextField name="from" type="date" label={labels.from} defaultValue={from} error={fieldErrors?.from} />
            <TextField name="to" type="date" label={labels.to} defaultValue={to} error={fieldErrors?.to} />
            <SelectField name="scope" label={labels.scope} options={scopes} defaultValue={scope} error={fieldErrors?.scope} />
          </div>
        ) : (
          <>
            <input type="hidden" name="from" value={from} />
            <input type="hidden" name="to" value={to} />
            <input type="hidden" name="scope" value={scope} />
          </>
        )}
        <TextArea name="note" label={labels.note} hint={t("outcomeReports.submit.noteHint", { max: REPORT_NOTE_LENGTH })} required={false} maxLength={REPORT_NOTE_LENGTH} defaultValue={note} error={fieldErrors?.note} />
        <button type="submit">{t("outcomeReports.submit.button")}</button>
      </Form>
    </section>
  );
}
