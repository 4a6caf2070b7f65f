import { useTranslation } from "react-i18next";
import { useEffect, useRef, type ReactNode } from "react";

interface CommonProps {
  name: string;
  label: string;
  error?: string;
  hint?: string;
}

function describedBy(name: string, hint?: string, error?: string) {
  return [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
}

function FieldMessages({ name, hint, error }: { name: string; hint?: string; error?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {t(error)}
        </p>
      ) : null}
    </>
  );
}

export function TextField({
  name,
  label,
  error,
  hint,
  type = "text",
  defaultValue,
  autoComplete,
  required = true,
  maxLength,
  inputMode,
  list,
}: CommonProps & {
  type?: "text" | "email" | "password" | "date";
  defaultValue?: string;
  autoComplete?: string;
  required?: boolean;
  maxLength?: number;
  inputMode?: "numeric" | "text";
  list?: string;
}) {
  return (
    <div className={error ? "field has-error" : "field"}>
      <label htmlFor={name}>{label}</label>
      <FieldMessages name={name} hint={hint} error={error} />
      <input
        id={name}
        name={name}
        type={type}
        defaultValue={type === "password" ? undefined : defaultValue}
        autoComplete={autoComplete}
        required={required}
        maxLength={maxLength}
        inputMode={inputMode}
        list={list}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
      />
    </div>
  );
}

export function TextArea({
  name,
  id = name,
  label,
  error,
  hint,
  defaultValue,
  required = true,
}: CommonProps & { id?: string; defaultValue?: string; required?: boolean }) {
  return (
    <div className={error ? "field has-error" : "field"}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages name={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={name}
        defaultValue={defaultValue}
        required={required}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </div>
  );
}

export function SelectField({
  name,
  label,
  error,
  hint,
  options,
  defaultValue,
  placeholder,
}: CommonProps & { options: { value: string; label: string }[]; defaultValue?: string; placeholder?: string }) {
  return (
    <div className={error ? "field has-error" : "field"}>
      <label htmlFor={name}>{label}</label>
      <FieldMessages name={name} hint={hint} error={error} />
      <select
        id={name}
        name={name}
        defaultValue={defaultValue ?? ""}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
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

export function RadioGroup({
  name,
  label,
  error,
  options,
  defaultValue,
}: CommonProps & { options: { value: string; label: string }[]; defaultValue?: string }) {
  return (
    <fieldset className={error ? "field has-error" : "field"} aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{label}</legend>
      <FieldMessages name={name} error={error} />
      {options.map((o) => (
        <div className="choice" key={o.value}>
          <input type="radio" id={`${name}-${o.value}`} name={name} value={o.value} defaultChecked={defaultValue === o.value} />
          <label htmlFor={`${name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** One yes-or-no choice: a ticked box sends "yes", an unticked one nothing. */
export function CheckboxField({ name, label, hint, defaultChecked }: { name: string; label: string; hint?: string; defaultChecked?: boolean }) {
  return (
    <div className="field">
      <div className="choice">
        <input type="checkbox" id={name} name={name} value="yes" defaultChecked={defaultChecked} aria-describedby={hint ? `${name}-hint` : undefined} />
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

/** Several choices of one list, laid out in columns (support offered, languages). */
export function CheckboxGroup({
  name,
  legend,
  values,
  checked,
  label,
  error,
}: {
  name: string;
  legend: string;
  values: readonly string[];
  checked: string[];
  label: (v: string) => string;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className={error ? "field has-error" : "field"}>
      <legend>{legend}</legend>
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {t(error)}
        </p>
      ) : null}
      <div className="checkbox-columns">
        {values.map((v) => (
          <div className="choice" key={v}>
            <input type="checkbox" id={`${name}-${v}`} name={name} value={v} defaultChecked={checked.includes(v)} />
            <label htmlFor={`${name}-${v}`}>{label(v)}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** Form-wide problems (rate limits, wrong credentials), announced to screen readers. */
export function FormAlert({ error, params, children }: { error?: string; params?: Record<string, string>; children?: ReactNode }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="alert" role="alert">
      {error ? <p>{t(error, params)}</p> : null}
      {children}
    </div>
  );
}

/**
 * The list of problems at the top of a form, each linking to its field. It takes focus when it
 * appears, so that keyboard, screen-reader and small-screen users start from it.
 */
export function FormErrorSummary({ fieldErrors }: { fieldErrors?: Record<string, string> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const fields = Object.keys(fieldErrors ?? {}).filter((f) => f !== "form");
  const signature = fields.map((f) => `${f}:${fieldErrors?.[f]}`).join("|");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (!fieldErrors || fields.length === 0) return null;
  return (
    <div className="alert error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p>{t("errors.formHasErrors")}</p>
      <ul>
        {fields.map((field) => (
          <li key={field}>
            <a href={`#${field}`}>{t(fieldErrors[field])}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
