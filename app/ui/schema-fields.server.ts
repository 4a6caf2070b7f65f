import { z } from "zod";
import { parseDay, parseDayAndTime } from "~/i18n/dates.ts";
import { messageWith } from "./form-data.ts";
import { hasHiddenFormatting } from "~/text/hidden-characters.ts";

// Building blocks of the form schemas. Every message is a translation key; one that names a
// limit carries it (messageWith), so that the person reads what would be right.

/** One of a fixed list; empty means "choose one", anything else outside the list "not one of the options". */
export const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => (issue.input === undefined || issue.input === "" ? "errors.chooseOne" : "errors.choice") });

// Line breaks are welcome in longer text; other control characters and markup are not.
// eslint-disable-next-line no-control-regex
export const SAFE_TEXT = /^[^<>\u0000-\u0008\u000b\u000c\u000e-\u001f]*$/;

/** Text a person reads as written: no markup or control characters, nothing invisible or turning it around. */
export const readableText = (text: z.ZodString) =>
  text.regex(SAFE_TEXT, { error: "errors.forbiddenCharacters" }).refine((v) => !hasHiddenFormatting(v), { error: "errors.invisibleCharacters" });

/**
 * A whole number from min to max, written in digits. Words, signs and numbers out of range all
 * get the same answer: the range (`message` may name the unit, "errors.hoursBetween").
 */
export const wholeNumberText = (min: number, max: number, message = "errors.between") => {
  const range = messageWith(message, { min, max });
  return z
    .string()
    .regex(/^\d{1,6}$/, { error: range })
    .transform(Number)
    .pipe(z.number().min(min, { error: range }).max(max, { error: range }));
};

export const wholeNumber = (min: number, max: number, message = "errors.between") => {
  const range = messageWith(message, { min, max });
  return z
    .string({ error: "errors.required" })
    .trim()
    .min(1, { error: "errors.required" })
    .regex(/^\d{1,6}$/, { error: range })
    .transform(Number)
    .pipe(z.number().min(min, { error: range }).max(max, { error: range }));
};

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
  readableText(z.string().trim().max(max, { error: "errors.tooLong" })).optional().default("");

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
  .pipe(z.array(readableText(z.string().max(40, { error: "errors.tooLong" }))).max(20, { error: "errors.tooLong" }));

/** Text someone must write: empty is "required", then its length ("at least 3 characters"). */
export const requiredText = (min: number, max: number) =>
  readableText(
    z
      .string({ error: "errors.required" })
      .trim()
      .min(1, { error: "errors.required" })
      .min(min, { error: "errors.tooShort" })
      .max(max, { error: "errors.tooLong" }),
  );

/** A reason someone writes for another person to read (a rejection, an unpublish): required, 3–1000 characters. */
export const reasonText = requiredText(3, 1000);

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
    .refine((v) => !CONTROL_OR_MARKUP.test(v), { error: "errors.forbiddenCharacters" })
    .refine((v) => !hasHiddenFormatting(v), { error: "errors.invisibleCharacters" });

export const emailField = z
  .string({ error: "errors.required" })
  .trim()
  .toLowerCase()
  .min(1, { error: "errors.required" })
  .max(254, { error: "errors.tooLong" })
  .pipe(z.email({ error: "errors.email" }));


/**
 * A day, as a date input sends it (2027-03-15) or as people write it when the browser sends text
 * (15.3.2027., 15. 3. 2027, 15/3/2027), between the years 2000 and 2100; at UTC midnight. Left
 * empty it is "required", as every other field a form needs (blankAsMissing for an optional day).
 */
const yearsMessage = messageWith("errors.dateYears", { min: 2000, max: 2100 });

export const dayText = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, { error: "errors.required" })
  .transform((value, ctx) => {
    const day = parseDay(value);
    if (!day || day.getUTCFullYear() < 2000 || day.getUTCFullYear() > 2100) {
      // A real day of another century is not "no date": say which years the portal takes.
      ctx.addIssue({ code: "custom", message: day ? yearsMessage : "errors.date" });
      return z.NEVER;
    }
    return day;
  });

/**
 * A real day of any year, for a field whose capability then names the days it allows (a start
 * "from … to …"): 1900-01-01 is a real day, just not an allowed one, and the person should read which are.
 */
export const realDayText = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, { error: "errors.required" })
  .transform((value, ctx) => {
    const day = parseDay(value);
    if (!day) {
      ctx.addIssue({ code: "custom", message: "errors.date" });
      return z.NEVER;
    }
    return day;
  });

/** A date and a time of day (datetime-local, or "15. 3. 2027. 10:00" typed as text), as a floating moment. */
export const dayAndTimeText = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, { error: "errors.required" })
  .transform((value, ctx) => {
    const moment = parseDayAndTime(value);
    if (!moment || moment.getUTCFullYear() < 2000 || moment.getUTCFullYear() > 2100) {
      ctx.addIssue({ code: "custom", message: "errors.dateTime" });
      return z.NEVER;
    }
    return moment;
  });
