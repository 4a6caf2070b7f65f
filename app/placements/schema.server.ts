import { z } from "zod";
import { plainText } from "~/accounts/schemas.server.ts";
import { blankAsMissing, choice, commaList, dayText, freeText, reasonText, requiredText, wholeNumber, wholeNumberText } from "~/ui/schema-fields.server.ts";
import { objectIdPattern } from "~/db/ids.server.ts";
import {
  physicalDemands,
  placementKinds,
  placementReadiness,
  placementStatuses,
  radiusChoices,
  scheduleFlexibility,
  sectors,
  sortChoices,
  supportOptions,
  textLanguages,
  workLanguages,
} from "./vocabulary.ts";

const optionalWholeNumber = (min: number, max: number) => blankAsMissing(wholeNumberText(min, max));

/** Whether the day is in the past is the lifecycle's question (an ongoing placement keeps its start): see startDateProblem. */
const optionalDate = blankAsMissing(dayText);

/** The placement editor's fields; the same schema serves imports later. */
export const placementFormSchema = z
  .object({
    title: plainText(120),
    description: requiredText(20, 5000),
    language: choice(textLanguages),
    kind: choice(placementKinds),
    sector: choice(sectors),
    town: plainText(80),
    country: choice(["HR", "SI", "DK"] as const),
    hoursMin: wholeNumber(1, 60, "errors.hoursBetween"),
    hoursMax: wholeNumber(1, 60, "errors.hoursBetween"),
    scheduleFlexibility: choice(scheduleFlexibility),
    startDate: optionalDate,
    durationWeeks: optionalWholeNumber(1, 520),
    places: wholeNumber(1, 500),
    readiness: choice(placementReadiness),
    languages: z.array(choice(workLanguages)).max(workLanguages.length).default([]),
    skills: commaList,
    physicalDemands: choice(physicalDemands),
    support: z.array(choice(supportOptions)).max(supportOptions.length).default([]),
    supportNotes: freeText(1000),
  })
  .refine((v) => typeof v.hoursMin !== "number" || typeof v.hoursMax !== "number" || v.hoursMax >= v.hoursMin, { path: ["hoursMax"], error: "errors.hoursOrder" });

export type PlacementInput = z.output<typeof placementFormSchema>;
export const placementListFields = ["languages", "support"];

/**
 * The public search, from the address bar. Values outside the vocabulary are dropped (and the
 * page says so); only known words and numbers ever reach a Meilisearch filter.
 */
const many = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.string())
    .default([])
    .transform((list) => ({
      valid: [...new Set(list.filter((v): v is T[number] => (values as readonly string[]).includes(v)))],
      dropped: list.some((v) => !(values as readonly string[]).includes(v)),
    }));

const one = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .optional()
    .transform((v) => ({
      valid: v && (values as readonly string[]).includes(v) ? (v as T[number]) : undefined,
      dropped: Boolean(v) && !(values as readonly string[]).includes(v!),
    }));

const boundedNumber = (allowed: readonly number[] | { min: number; max: number }) =>
  z
    .string()
    .optional()
    .transform((v) => {
      if (!v) return { valid: undefined, dropped: false };
      const n = Number(v);
      const ok = Number.isInteger(n) && (Array.isArray(allowed) ? allowed.includes(n) : n >= (allowed as { min: number }).min && n <= (allowed as { max: number }).max);
      return { valid: ok ? n : undefined, dropped: !ok };
    });

/** The employer's lifecycle buttons: the status to move the placement to. */
export const statusChangeSchema = z.object({ to: z.enum(placementStatuses, { error: "errors.invalid" }) });

const placementIdText = z.string().regex(objectIdPattern, { error: "errors.invalid" });

/** The coordinator's decision on a placement: take it down with the reason the employer will read, or put it back. */
export const moderationSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("takeDown").optional().default("takeDown"), id: placementIdText, reason: reasonText }),
  z.object({ intent: z.literal("restore"), id: placementIdText }),
]);

export const searchQuerySchema = z.object({
  q: z
    .string()
    .optional()
    // eslint-disable-next-line no-control-regex
    .transform((v) => (v ?? "").replace(/[\u0000-\u001f]/g, " ").trim().slice(0, 120)),
  kind: many(placementKinds),
  sector: many(sectors),
  support: many(supportOptions),
  readiness: one(placementReadiness),
  language: one(workLanguages),
  maxHours: boundedNumber({ min: 1, max: 60 }),
  town: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().slice(0, 80)),
  radius: boundedNumber(radiusChoices),
  sort: one(sortChoices),
  // Any page number: one past the last shows the last (app/db/paging.ts).
  page: boundedNumber({ min: 1, max: Number.MAX_SAFE_INTEGER }),
});

export const searchListFields = ["kind", "sector", "support"];

export function searchParamsToObject(params: URLSearchParams) {
  const raw: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    if (searchListFields.includes(key)) raw[key] = [...((raw[key] as string[] | undefined) ?? []), value];
    else raw[key] = value;
  }
  return raw;
}
