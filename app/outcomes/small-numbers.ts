// The small-number rule (definition "small_numbers"): outside a mentor's own, named caseload, a
// figure fewer than 5 people stand behind is shown as "fewer than 5", in every output. What leaves
// this module never says how many people stand behind a figure.
import type { Figure, Figures, Median } from "./figures.ts";

export const SMALL_NUMBER_LIMIT = 5;
export const FEWER_THAN_5 = "fewer_than_5";

/** A figure as it may be shown: its number (null for a median of nobody), or "fewer than 5". */
export type Shown = number | typeof FEWER_THAN_5 | null;

export type ShownOf<T> = T extends Figure | Median ? Shown : T extends readonly (infer U)[] ? ShownOf<U>[] : T extends object ? { [K in keyof T]: ShownOf<T[K]> } : T;
export type ShownFigures = ShownOf<Figures>;

const isFigure = (value: unknown): value is Figure | Median =>
  typeof value === "object" && value !== null && "people" in value && "value" in value && Object.keys(value).length === 2;

function shownValue(figure: Figure | Median, named: boolean): Shown {
  if (named || figure.people >= SMALL_NUMBER_LIMIT) return figure.value;
  return figure.value === null ? null : FEWER_THAN_5;
}

/**
 * Every figure as it may leave: suppressed below 5 people unless `named` (a mentor's own caseload,
 * whose people she knows by name anyway).
 */
export function showFigures(figures: Figures, options: { named: boolean }): ShownFigures {
  const walk = (value: unknown): unknown => {
    if (isFigure(value)) return shownValue(value, options.named);
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "query" ? v : walk(v)]));
    return value;
  };
  return walk(figures) as ShownFigures;
}

/** A share in percent of two shown figures; "fewer than 5" when either is. */
export function shownShare(part: Shown, whole: Shown): Shown {
  if (part === FEWER_THAN_5 || whole === FEWER_THAN_5) return FEWER_THAN_5;
  if (part === null || whole === null || whole === 0) return null;
  return Math.round((part / whole) * 100);
}
