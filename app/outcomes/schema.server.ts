import { z } from "zod";
import { countries } from "~/organisations/vocabulary.ts";
import { blankAsMissing, dayText } from "~/ui/schema-fields.server.ts";
import { messageWith } from "~/ui/form-data.ts";

/** The longest period the figures are counted for (also named in its message). */
export const longestPeriodYears = 5;

const scopeText = z
  .string()
  .trim()
  .max(40, { error: "errors.choice" })
  .refine((value) => value === "all" || countries.some((c) => value === `country:${c}`) || /^organisation:[a-f0-9]{24}$/.test(value), { error: "errors.choice" });

/** The outcomes page's filter: a period (both days inclusive) and a programme. Blank days take the default period. */
export const outcomesQuerySchema = z
  .object({ from: blankAsMissing(dayText), to: blankAsMissing(dayText), scope: blankAsMissing(scopeText) })
  .superRefine((query, ctx) => {
    if (!query.from || !query.to) return;
    if (query.from > query.to) ctx.addIssue({ code: "custom", path: ["to"], message: "errors.periodEndBeforeStart" });
    else if (query.to.getTime() - query.from.getTime() > longestPeriodYears * 366 * 86_400_000) {
      ctx.addIssue({ code: "custom", path: ["to"], message: messageWith("errors.periodTooLong", { years: longestPeriodYears }) });
    }
  });
export type OutcomesQueryInput = z.output<typeof outcomesQuerySchema>;
