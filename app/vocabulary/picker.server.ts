import { z } from "zod";
import type { Role } from "~/accounts/model.server.ts";
import type { Language } from "~/i18n/languages.ts";
import { suggestConcepts, type Suggestion } from "./vocabulary.server.ts";

/** Who fills in interests and skills: mentors (plans), employers (placements), coordinators (both). */
export const pickerRoles: readonly Role[] = ["mentor", "employer", "coordinator"];

export const PICKER_MAX_LETTERS = 60;
export const PICKER_MAX_SUGGESTIONS = 8;

const pickerQuery = z.object({ q: z.array(z.string().trim().min(1).max(PICKER_MAX_LETTERS)).length(1) });

export type PickerAnswer = { ok: true; suggestions: Suggestion[] } | { ok: false; error: "errors.vocabularyQuery" };

/** Suggestions for what is being typed (one `q`, 1 to 60 letters), in the reader's language; anything else is refused. */
export function vocabularySuggestions(url: URL, language: Language): PickerAnswer {
  const parsed = pickerQuery.safeParse({ q: url.searchParams.getAll("q") });
  if (!parsed.success) return { ok: false, error: "errors.vocabularyQuery" };
  return { ok: true, suggestions: suggestConcepts(parsed.data.q[0], language, PICKER_MAX_SUGGESTIONS) };
}
