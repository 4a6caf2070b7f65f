import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "~/i18n/use-translation.tsx";
import { describedBy, FieldMessages } from "~/ui/field.tsx";

interface Suggestion {
  concept: string;
  word: string;
  preferred: string;
}

const SUGGEST_AFTER_MS = 150;

/** The item being typed: what follows the last comma. */
function lastItem(value: string): string {
  return value.slice(value.lastIndexOf(",") + 1).trim();
}

/**
 * A comma-separated list of interests or skills with suggestions from the vocabulary as one types
 * (a combobox: arrows move, Enter takes a suggestion, Escape closes; the mouse works too). Any
 * word may still be written. Without JavaScript it is the same plain text field and saves alike:
 * the combobox roles are added only once the page's scripts run.
 */
export function VocabularyField({
  name,
  label,
  hint,
  error,
  defaultValue,
  maxLength,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  maxLength?: number;
}) {
  const { t } = useTranslation();
  const id = name;
  const listId = `${useId().replace(/:/g, "")}-suggestions`;
  const input = useRef<HTMLInputElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  const pending = useRef<{ timer?: ReturnType<typeof setTimeout>; request?: AbortController }>({});

  useEffect(() => {
    setEnhanced(true);
    const current = pending.current;
    return () => {
      clearTimeout(current.timer);
      current.request?.abort();
    };
  }, []);

  function ask(typed: string) {
    clearTimeout(pending.current.timer);
    pending.current.request?.abort();
    if (typed.length < 2) {
      setSuggestions([]);
      setOpen(false);
      setAnnouncement("");
      return;
    }
    pending.current.timer = setTimeout(() => {
      const request = new AbortController();
      pending.current.request = request;
      fetch(`/resources/vocabulary?q=${encodeURIComponent(typed.slice(0, 60))}`, { signal: request.signal, headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? (response.json() as Promise<{ suggestions: Suggestion[] }>) : { suggestions: [] }))
        .then(({ suggestions: found }) => {
          setSuggestions(found);
          setActive(-1);
          // Suggestions that arrive after the person left the field stay closed: open, they would
          // cover what was clicked next (the form's button) until the field is used again.
          setOpen(found.length > 0 && document.activeElement === input.current);
          setAnnouncement(found.length ? t("vocabularyPicker.count", { count: found.length }) : "");
        })
        .catch(() => {});
    }, SUGGEST_AFTER_MS);
  }

  function choose(suggestion: Suggestion) {
    const field = input.current;
    if (!field) return;
    const before = field.value.slice(0, field.value.lastIndexOf(",") + 1);
    field.value = `${before ? `${before.trimEnd()} ` : ""}${suggestion.word}, `;
    setOpen(false);
    setActive(-1);
    setAnnouncement(t("vocabularyPicker.chosen", { word: suggestion.word }));
    field.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!suggestions.length) return;
      event.preventDefault();
      setOpen(true);
      const last = suggestions.length - 1;
      setActive((current) => (event.key === "ArrowDown" ? (current >= last ? 0 : current + 1) : current <= 0 ? last : current - 1));
    } else if (event.key === "Enter" && open && active >= 0 && active < suggestions.length) {
      event.preventDefault();
      choose(suggestions[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }

  const shown = enhanced && open && suggestions.length > 0;
  const activeId = shown && active >= 0 && active < suggestions.length ? `${listId}-${active}` : undefined;
  return (
    <div className={error ? "field picker has-error" : "field picker"}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} hint={hint} error={error} />
      <input
        ref={input}
        id={id}
        name={name}
        type="text"
        defaultValue={defaultValue}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...(enhanced
          ? {
              role: "combobox",
              autoComplete: "off",
              "aria-autocomplete": "list" as const,
              "aria-expanded": shown,
              "aria-controls": listId,
              "aria-activedescendant": activeId,
              onInput: () => ask(lastItem(input.current?.value ?? "")),
              onKeyDown,
              onBlur: () => setOpen(false),
            }
          : {})}
      />
      {enhanced ? (
        <ul id={listId} role="listbox" aria-label={t("vocabularyPicker.label", { field: label })} className="suggestions" hidden={!shown}>
          {suggestions.map((suggestion, i) => (
            <li
              key={suggestion.concept}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(suggestion);
              }}
            >
              {suggestion.word}
              {suggestion.word !== suggestion.preferred ? <span className="count"> ({suggestion.preferred})</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {enhanced ? (
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
      ) : null}
    </div>
  );
}
