import type { Language } from "./languages.ts";

export type Messages = Record<string, unknown>;

export interface TranslateOptions {
  /** Shown (with its {{variables}} filled) when the key has no message, instead of the key. */
  defaultValue?: string;
  [variable: string]: unknown;
}

/** A message by its dotted key (section, then name), or the first of several keys that has one. */
export type TFunction = (key: string | readonly string[], options?: TranslateOptions) => string;

export interface Translator {
  language: Language;
  t: TFunction;
  exists(key: string): boolean;
}

// A variable, and the full stop right after it (not an ellipsis's): a date written "2. 12. 2029."
// or a name ending in "d.o.o." already ends the sentence, and the message's own stop would double it.
const variable = /\{\{\s*([^{}]+?)\s*\}\}(\.(?!\.))?/g;

/**
 * Translations for one language; used on the server and in the browser. The messages need only
 * what this does: nested sections, and {{variables}} (a variable the call does not give stays as
 * written). It replaces i18next, which was 14 KB of every page's compressed JavaScript for this.
 */
export function createI18n(language: Language, messages: Messages): Translator {
  // The server picks one messages object per language and page kind (i18n.server.ts) and keeps it:
  // its translator, and the keys it has looked up, serve every page that shows the same messages.
  let translators = translatorsByMessages.get(messages);
  if (!translators) translatorsByMessages.set(messages, (translators = new Map()));
  let translator = translators.get(language);
  if (!translator) translators.set(language, (translator = newTranslator(language, messages)));
  return translator;
}

const translatorsByMessages = new WeakMap<Messages, Map<Language, Translator>>();

const parsed = new Map<string, Messages>();

/** Messages written as JSON (messagesJsonForSections), read once for each distinct text. */
export function parseMessages(json: string): Messages {
  let messages = parsed.get(json);
  if (!messages) {
    // A server sees one text per language and page kind; the bound is only a guard.
    if (parsed.size >= 500) parsed.clear();
    parsed.set(json, (messages = JSON.parse(json) as Messages));
  }
  return messages;
}

function newTranslator(language: Language, messages: Messages): Translator {
  const found = new Map<string, string | undefined>();
  const find = (key: string) => {
    if (found.has(key)) return found.get(key);
    let value: unknown = messages;
    for (const part of key.split(".")) value = value !== null && typeof value === "object" ? (value as Messages)[part] : undefined;
    const message = typeof value === "string" ? value : undefined;
    // Keys come from the code and its vocabularies; the bound only guards against one made of input.
    if (found.size < 5000) found.set(key, message);
    return message;
  };
  const t: TFunction = (keys, options = {}) => {
    const candidates = typeof keys === "string" ? [keys] : keys;
    let message: string | undefined;
    for (const key of candidates) if ((message = find(key)) !== undefined) break;
    if (message === undefined) {
      const key = candidates[candidates.length - 1];
      // A key the page's messages lack shows as the key itself; say so where tests and developers
      // look (the browser console fails every end-to-end test). See app/i18n/sections.ts.
      if (options.defaultValue === undefined) console.error(`Missing translation: ${key} (${language}); is its section in the route's handle.i18n?`);
      message = options.defaultValue ?? key;
    }
    if (!message.includes("{{")) return message;
    return message.replace(variable, (written, name: string, stop: string | undefined) => {
      if (!(name in options) || name === "defaultValue") return written;
      const value = String(options[name] ?? "");
      return stop && value.endsWith(".") ? value : value + (stop ?? "");
    });
  };
  return { language, t, exists: (key) => find(key) !== undefined };
}
