import { useTranslation } from "~/i18n/use-translation.tsx";
import { useEffect, useRef, type ReactNode } from "react";
import { readMessage } from "./form-data.ts";
import { formatDate } from "~/i18n/dates.ts";
import { useCurrentLanguage } from "./use-root-data.ts";

// Every field says whether it is required with aria-required, never with `required`: the
// browser's own bubbles are in the browser's language and hide the server's answer. Forms carry
// noValidate too (the lint checks it), so that an e-mail or date input does not bubble either.

interface CommonProps {
  name: string;
  label: string;
  /**
   * On a page of several forms of one kind, which one this field is in ("Pomoćni kuhar, Pekara
   * Zrno"): a screen reader then hears it with the label, as the error summary writes it.
   */
  formName?: string;
  /** A message as the server gave it (see readMessage). */
  error?: string;
  hint?: string;
}

/** A server message in the page's language: its key with its values, a day ("…Date") written as the reader writes days. */
export function useMessage() {
  const { t } = useTranslation();
  const language = useCurrentLanguage();
  return (message: string, extra: Record<string, string> = {}) => {
    const { key, params } = readMessage(message);
    const shown = Object.fromEntries(Object.entries({ ...extra, ...params }).map(([name, value]) => [name, name.endsWith("Date") && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, language) : value]));
    return t(key, shown);
  };
}

/** A field's label with the form it is in before it: "Pomoćni kuhar, Pekara Zrno · Razlog". */
export function namedInForm(formName: string, label: string): string {
  return `${formName} · ${label}`;
}

/** The accessible name of a field in a named form (see CommonProps.formName); none otherwise, and the label names it. */
function nameInForm(formName: string | undefined, label: string) {
  return formName ? namedInForm(formName, label.replace(/:\s*$/, "")) : undefined;
}

/** The ids of a field's hint and error, for aria-describedby. */
export function describedBy(id: string, hint?: string, error?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** A field's hint and error, in the order and with the ids that describedBy names. */
export function FieldMessages({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  const message = useMessage();
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {message(error)}
        </p>
      ) : null}
    </>
  );
}

export function TextField({
  name,
  id = name,
  label,
  formName,
  error,
  hint,
  type = "text",
  defaultValue,
  autoComplete,
  required = true,
  maxLength,
  inputMode,
  list,
  min,
}: CommonProps & {
  id?: string;
  type?: "text" | "email" | "password" | "date" | "datetime-local";
  defaultValue?: string;
  autoComplete?: string;
  required?: boolean;
  maxLength?: number;
  inputMode?: "numeric" | "text";
  list?: string;
  /** The earliest day (or moment) a date picker offers; the server decides what it accepts. */
  min?: string;
}) {
  return (
    <div className={error ? "field has-error" : "field"}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} hint={hint} error={error} />
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={type === "password" ? undefined : defaultValue}
        autoComplete={autoComplete}
        aria-required={required || undefined}
        maxLength={maxLength}
        inputMode={inputMode}
        list={list}
        min={min}
        aria-label={nameInForm(formName, label)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </div>
  );
}

export function TextArea({
  name,
  id = name,
  label,
  formName,
  error,
  hint,
  defaultValue,
  required = true,
  maxLength,
}: CommonProps & { id?: string; defaultValue?: string; required?: boolean; maxLength?: number }) {
  return (
    <div className={error ? "field has-error" : "field"}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-required={required || undefined}
        maxLength={maxLength}
        rows={3}
        aria-label={nameInForm(formName, label)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </div>
  );
}

export function SelectField({
  name,
  id = name,
  label,
  formName,
  error,
  hint,
  options,
  defaultValue,
  placeholder,
}: CommonProps & { id?: string; options: { value: string; label: string }[]; defaultValue?: string; placeholder?: string }) {
  return (
    <div className={error ? "field has-error" : "field"}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} hint={hint} error={error} />
      <select
        id={id}
        name={name}
        defaultValue={defaultValue ?? ""}
        aria-required
        aria-label={nameInForm(formName, label)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {placeholder ? (
          <option value="" disabled>
            {placeholder}
          </option>
        ) : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * One choice of several. The fieldset carries the id the error summary links to (`id`, by
 * default the name), so that the link lands on the question and its message.
 */
export function RadioGroup({
  name,
  id = name,
  label,
  formName,
  error,
  hint,
  options,
  defaultValue,
  className,
}: CommonProps & { id?: string; options: { value: string; label: string }[]; defaultValue?: string; className?: string }) {
  return (
    <fieldset className={`${error ? "field has-error" : "field"}${className ? ` ${className}` : ""}`} id={id} tabIndex={-1} aria-label={nameInForm(formName, label)} aria-describedby={describedBy(id, hint, error)}>
      <legend>{label}</legend>
      <FieldMessages id={id} hint={hint} error={error} />
      {options.map((o) => (
        <div className={className?.includes("big") ? "choice big" : "choice"} key={o.value}>
          <input type="radio" id={`${id}-${o.value}`} name={name} value={o.value} defaultChecked={defaultValue === o.value} />
          <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** One yes-or-no choice: a ticked box sends "yes", an unticked one nothing. */
export function CheckboxField({ name, label, hint, error, defaultChecked }: { name: string; label: string; hint?: string; error?: string; defaultChecked?: boolean }) {
  const message = useMessage();
  return (
    <div className={error ? "field has-error" : "field"}>
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {message(error)}
        </p>
      ) : null}
      <div className="choice">
        <input type="checkbox" id={name} name={name} value="yes" defaultChecked={defaultChecked} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, hint, error)} />
        <label htmlFor={name}>{label}</label>
      </div>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Several choices of one list: on a form, laid out in columns (support offered, languages); as a
 * search filter ("filter"), one under another, each with how many results it would give.
 */
export function CheckboxGroup({
  name,
  id = name,
  legend,
  values,
  checked,
  label,
  error,
  counts,
  variant = "form",
}: {
  name: string;
  id?: string;
  legend: string;
  values: readonly string[];
  checked: string[];
  label: (v: string) => string;
  error?: string;
  counts?: Record<string, number>;
  variant?: "form" | "filter";
}) {
  const message = useMessage();
  const choices = values.map((v) => (
    <div className="choice" key={v}>
      <input type="checkbox" id={`${name}-${v}`} name={name} value={v} defaultChecked={checked.includes(v)} />
      <label htmlFor={`${name}-${v}`}>
        {label(v)}
        {counts ? <span className="count">{` (${counts[v] ?? 0})`}</span> : null}
      </label>
    </div>
  ));
  if (variant === "filter") {
    return (
      <fieldset className="filter-group">
        <legend>{legend}</legend>
        {choices}
      </fieldset>
    );
  }
  return (
    <fieldset className={error ? "field has-error" : "field"} id={id} tabIndex={-1} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {message(error)}
        </p>
      ) : null}
      <div className="checkbox-columns">{choices}</div>
    </fieldset>
  );
}

/** Form-wide problems (rate limits, wrong credentials), announced to screen readers. */
export function FormAlert({ error, params, children }: { error?: string; params?: Record<string, string>; children?: ReactNode }) {
  const message = useMessage();
  if (!error) return null;
  return (
    <div className="alert" role="alert">
      {error ? <p>{message(error, params)}</p> : null}
      {children}
    </div>
  );
}

/** "Town: …", but a question keeps its own mark: "How do you feel at work? …", never "?:". */
export function labelBeforeMessage(label: string): string {
  const bare = label.replace(/:\s*$/, "").trimEnd();
  return /[?!]$/.test(bare) ? bare : `${bare}:`;
}

/**
 * The list of problems at the top of a form: each names its field ("Hours per week, at least:
 * enter a whole number of hours from 1 to 60") and links to it. `labels` maps each field's id to
 * its label, in the order of the form; the entry "form" is FormAlert's. It takes focus when it
 * appears, with scripts or without, so that keyboard, screen-reader and small-screen users start from it.
 *
 * On a page of several forms of one kind (a reason per placement, a check-in per person), each
 * form holds its own summary, given its `formName` and only its own fields' labels: the summary
 * names the form before each field ("Pomoćni kuhar, Pekara Zrno · Razlog: …"), and focus lands in
 * the form that was refused, not at the top of a long page. The summary at the top then leaves out
 * the fields in `claimedElsewhere` (those of the forms on the page) and sums up only a problem no
 * form shows (its row has gone, or offers no form any more).
 */
export function FormErrorSummary({
  fieldErrors,
  labels,
  formName,
  claimedElsewhere,
}: {
  fieldErrors?: Record<string, string>;
  labels: Record<string, string>;
  formName?: string;
  claimedElsewhere?: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const ref = useRef<HTMLDivElement>(null);
  const errors = fieldErrors ?? {};
  const unlabelled = formName ? [] : Object.keys(errors).filter((f) => !(f in labels));
  const fields = [...Object.keys(labels), ...unlabelled].filter((f) => f !== "form" && errors[f] && !(claimedElsewhere && f in claimedElsewhere));
  const named = (label: string) => (formName ? namedInForm(formName, label) : label);
  const signature = fields.map((f) => `${f}:${errors[f]}`).join("|");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (fields.length === 0) return null;
  return (
    // autoFocus: a page without scripts (a mentee's, or any in a browser that runs none) comes back
    // from the server with the summary focused by the browser itself.
    // eslint-disable-next-line jsx-a11y/no-autofocus
    <div className="alert error-summary" role="alert" tabIndex={-1} ref={ref} autoFocus>
      <p>{t("errors.formHasErrors")}</p>
      <ul>
        {fields.map((field) => (
          <li key={field}>
            <a href={`#${field}`}>{labels[field] ? `${labelBeforeMessage(named(labels[field]))} ${message(errors[field])}` : message(errors[field])}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
