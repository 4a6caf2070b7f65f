import { z } from "zod";
import { blankAsMissing, choice, dayText, requiredText, wholeNumber } from "~/ui/schema-fields.server.ts";
import { checkinPartners } from "./vocabulary.ts";

/** The limits a start's numbers and days are held to (also named in the messages). */
export const startLimits = {
  hoursMin: 1,
  hoursMax: 60,
  /** A start recorded late: at most this many days after it happened. */
  daysInPast: 90,
  /** A start planned ahead: at most this many days. */
  daysAhead: 365,
  /** A planned end at most this many days after the start. */
  longestDays: 3 * 365,
} as const;

/** The mentor records a start: the day, the hours agreed, and for time-limited placements the planned end. */
export const startFormSchema = z.object({
  startDay: dayText,
  hoursPerWeek: wholeNumber(startLimits.hoursMin, startLimits.hoursMax, "errors.hoursBetween"),
  plannedEndDay: blankAsMissing(dayText),
});
export type StartInput = z.output<typeof startFormSchema>;

/** A reason for a change someone else will read in the check-in's history. */
const changeReason = requiredText(3, 300);

export const moveFormSchema = z.object({ dueDay: dayText, reason: changeReason });
export const addFormSchema = z.object({ dueDay: dayText, withWhom: choice(checkinPartners), reason: changeReason });
export const cancelFormSchema = z.object({ reason: changeReason });
export type MoveInput = z.output<typeof moveFormSchema>;
export type AddInput = z.output<typeof addFormSchema>;
