import { z } from "zod";

// Building blocks of the form schemas. Every message is a translation key.

/** One of a fixed list; empty means "required", anything else outside the list "choose one". */
export const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => (issue.input === undefined || issue.input === "" ? "errors.required" : "errors.choice") });

// Line breaks are welcome in longer text; other control characters and markup are not.
// eslint-disable-next-line no-control-regex
export const SAFE_TEXT = /^[^<>\u0000-\u0008\u000b\u000c\u000e-\u001f]*$/;

export const wholeNumber = (min: number, max: number) =>
  z
    .string({ error: "errors.required" })
    .trim()
    .min(1, { error: "errors.required" })
    .regex(/^\d{1,6}$/, { error: "errors.number" })
    .transform(Number)
    .pipe(z.number().min(min, { error: "errors.outOfRange" }).max(max, { error: "errors.outOfRange" }));

/** An optional field: empty or blank text counts as not given; anything else must pass `schema`. */
export const blankAsMissing = <S extends z.ZodType<unknown, string>>(schema: S) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(schema.optional());

/** Optional free text up to max characters. */
export const freeText = (max: number) =>
  z.string().trim().max(max, { error: "errors.tooLong" }).regex(SAFE_TEXT, { error: "errors.forbiddenCharacters" }).optional().default("");

/** "baking, cleaning; customer service" → ["baking", "cleaning", "customer service"]. */
export const commaList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(/[,;\n]/)
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(40, { error: "errors.tooLong" }).regex(SAFE_TEXT, { error: "errors.forbiddenCharacters" })).max(20, { error: "errors.tooLong" }));

/** A reason someone writes for another person to read (a rejection, an unpublish): required, 3–1000 characters. */
export const reasonText = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, { error: "errors.required" })
  .min(3, { error: "errors.tooShort" })
  .max(1000, { error: "errors.tooLong" })
  .regex(SAFE_TEXT, { error: "errors.forbiddenCharacters" });

// Control characters are exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_MARKUP = /[<>\u0000-\u001f\u007f]/;

/** A short piece of plain text: a name, a town. Markup and control characters are refused. */
export const plainText = (max: number) =>
  z
    .string({ error: "errors.required" })
    .trim()
    .min(1, { error: "errors.required" })
    .max(max, { error: "errors.tooLong" })
    .refine((v) => !CONTROL_OR_MARKUP.test(v), { error: "errors.forbiddenCharacters" });

export const emailField = z
  .string({ error: "errors.required" })
  .trim()
  .toLowerCase()
  .min(1, { error: "errors.required" })
  .max(254, { error: "errors.tooLong" })
  .pipe(z.email({ error: "errors.email" }));

