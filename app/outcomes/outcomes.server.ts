import type { SessionUser } from "~/accounts/session.server.ts";
import { programmeToday } from "~/i18n/dates.ts";
import { ledgerFacts, ledgerFactsOfMentor } from "~/ledger/reader.server.ts";
import { recordAccessMany } from "~/mentees/audit.server.ts";
import { MenteeModel } from "~/mentees/model.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { countries } from "~/organisations/vocabulary.ts";
import { parseForm, type FieldErrors } from "~/ui/form-data.ts";
import { forbidden } from "~/ui/responses.server.ts";
import { addMonths, countFigures, type FigureLists, type Figures, type Scope } from "./figures.ts";
import { outcomesQuerySchema } from "./schema.server.ts";
import { showFigures, type ShownFigures } from "./small-numbers.ts";

// The outcomes a coordinator and a mentor read, export and freeze: one query, counted by
// figures.ts from the ledger, shown through the small-number rule.

export interface OutcomesQuery {
  from: string;
  to: string;
  /** "all", "country:HR", "organisation:<id>" (a mentor's own figures have no choice). */
  scope: string;
}

/** The period shown when none is chosen: the last twelve months, this one included. */
export function defaultPeriod(today = programmeToday()): { from: string; to: string } {
  return { from: `${addMonths(`${today.slice(0, 7)}-01`, -11)}`, to: today };
}

export function scopeOf(text: string): Scope {
  if (text.startsWith("country:")) return { kind: "country", code: text.slice("country:".length) };
  if (text.startsWith("organisation:")) return { kind: "organisation", id: text.slice("organisation:".length) };
  return { kind: "all" };
}

const isoDay = (day: Date) => day.toISOString().slice(0, 10);

/** Reads the filter from a page's address: the query, or the errors to show on its form (and the default period's figures). */
export function readOutcomesQuery(params: URLSearchParams): { query: OutcomesQuery; fieldErrors: FieldErrors; values: Record<string, string> } {
  const form = new FormData();
  for (const name of ["from", "to", "scope"]) {
    const value = params.get(name);
    if (value !== null) form.set(name, value);
  }
  const fallback = { ...defaultPeriod(), scope: "all" };
  const parsed = parseForm(form, outcomesQuerySchema);
  if (!parsed.ok) return { query: fallback, fieldErrors: parsed.fieldErrors, values: parsed.values };
  const query = { from: parsed.data.from ? isoDay(parsed.data.from) : fallback.from, to: parsed.data.to ? isoDay(parsed.data.to) : fallback.to, scope: parsed.data.scope ?? "all" };
  return { query, fieldErrors: {}, values: query };
}

/** The programmes a coordinator can choose: all, each country, each mentor organisation. */
export async function outcomeScopes() {
  const organisations = await OrganisationModel.find({ kind: "mentor_organisation" }).select("name country").sort({ name: 1 }).limit(500).lean();
  return [
    { value: "all", kind: "all" as const, label: "" },
    ...countries.map((code) => ({ value: `country:${code}`, kind: "country" as const, label: code })),
    ...organisations.map((o) => ({ value: `organisation:${String(o._id)}`, kind: "organisation" as const, label: o.name })),
  ];
}

/** The last few counts, by the ledger's length and the question: the page, its export and its report ask the same one in a row. */
const recentCounts = new Map<string, { figures: Figures; lists: FigureLists }>();
const COUNTS_KEPT = 16;

async function count(query: OutcomesQuery, scope: Scope): Promise<{ figures: Figures; lists: FigureLists }> {
  // A mentor's figures come from her mentees' facts alone (the same answer, at the cost of her caseload, not the programme's).
  const { facts, length } = scope.kind === "mentor" ? await ledgerFactsOfMentor(scope.id) : await ledgerFacts().then((all) => ({ facts: all, length: all.length }));
  const question = { from: query.from, to: query.to, today: programmeToday(), scope };
  const key = JSON.stringify([length, question]);
  const known = recentCounts.get(key);
  if (known) return known;
  const counted = countFigures(facts, question);
  recentCounts.set(key, counted);
  if (recentCounts.size > COUNTS_KEPT) recentCounts.delete(recentCounts.keys().next().value!);
  return counted;
}

function requireCoordinator(actor: SessionUser) {
  if (actor.role !== "coordinator") forbidden();
}

/** The programme's figures as a coordinator sees them (and exports and freezes them): small numbers suppressed. */
export async function programmeOutcomes(actor: SessionUser, query: OutcomesQuery): Promise<ShownFigures> {
  requireCoordinator(actor);
  const { figures } = await count(query, scopeOf(query.scope));
  return showFigures(figures, { named: false });
}

/** A mentor's own figures: her caseload, which she knows by name, so nothing is suppressed. */
export async function mentorOutcomes(actor: SessionUser, period = defaultPeriod()): Promise<ShownFigures> {
  if (actor.role !== "mentor") forbidden();
  const { figures } = await count({ ...period, scope: "mentor" }, { kind: "mentor", id: String(actor._id) });
  return showFigures(figures, { named: true });
}

/**
 * The people behind one figure (its path, as countFigures names it), by name: for a coordinator in
 * any programme, for a mentor in her own caseload. Every name shown is a read of that mentee's record.
 */
export async function peopleBehind(actor: SessionUser, query: OutcomesQuery, path: string): Promise<{ id: string; name: string }[]> {
  const scope: Scope = actor.role === "coordinator" ? scopeOf(query.scope) : actor.role === "mentor" ? { kind: "mentor", id: String(actor._id) } : forbidden();
  const { lists } = await count(query, scope);
  const ids = lists.get(path);
  if (!ids) return [];
  // A mentor sees by name only the mentees who are hers now, not those handed over to someone else.
  const own = actor.role === "mentor" ? { mentorId: actor._id } : {};
  const mentees = await MenteeModel.find({ _id: { $in: [...ids].slice(0, 2000) }, ...own }).select("firstName fullName").sort({ firstName: 1 }).lean();
  await recordAccessMany(actor, mentees.map((m) => m._id), "list");
  return mentees.map((m) => ({ id: String(m._id), name: m.fullName || m.firstName }));
}

/** The programme's figures for the public (the campaign page): the whole programme, the last twelve months, small numbers suppressed. */
export async function publicOutcomes(): Promise<ShownFigures> {
  const query = { ...defaultPeriod(), scope: "all" };
  const { figures } = await count(query, { kind: "all" });
  return showFigures(figures, { named: false });
}
