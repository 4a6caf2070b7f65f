import { z } from "zod";
import { supportOptions } from "~/placements/vocabulary.ts";
import { blankAsMissing, choice, freeText, realDayText, requiredText, wholeNumber } from "~/ui/schema-fields.server.ts";
import { messageWith } from "~/ui/form-data.ts";
import { milestoneLimits, milestoneName, milestoneUnitMax, milestoneUnits, type MilestoneAfter, type MilestoneUnit } from "./schedule.ts";
import { checkinMethods, checkinPartners, contractTypes, earlyEndReasons, employerImpressions, endings } from "./vocabulary.ts";

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
  startDay: realDayText,
  hoursPerWeek: wholeNumber(startLimits.hoursMin, startLimits.hoursMax, "errors.hoursBetween"),
  plannedEndDay: blankAsMissing(realDayText),
});
export type StartInput = z.output<typeof startFormSchema>;

/** A reason for a change someone else will read in the check-in's history. */
const changeReason = requiredText(3, 300);

export const moveFormSchema = z.object({ dueDay: realDayText, reason: changeReason });
export const addFormSchema = z.object({ dueDay: realDayText, withWhom: choice(checkinPartners), reason: changeReason });
export const cancelFormSchema = z.object({ reason: changeReason });
export type MoveInput = z.output<typeof moveFormSchema>;
export type AddInput = z.output<typeof addFormSchema>;

const feelingText = z.enum(["1", "2", "3", "4", "5"], { error: (issue) => (issue.input === undefined || issue.input === "" ? "errors.chooseOne" : "errors.choice") }).transform(Number);
const daysCount = blankAsMissing(wholeNumber(0, 7, "errors.between"));

/** The mentor's record of a check-in. Days attended and expected are of the last week, 0–7. */
export const mentorRecordSchema = z
  .object({
    method: choice(checkinMethods),
    contactDay: realDayText,
    attended: daysCount,
    expected: daysCount,
    feeling: blankAsMissing(feelingText),
    goesWell: freeText(1000),
    needsSupport: freeText(1000),
    supportAgreed: z.array(choice(supportOptions)).max(supportOptions.length).optional().default([]),
    nextStep: freeText(500),
    privateNote: freeText(2000),
    stillInWork: blankAsMissing(choice(["yes", "no"] as const)),
  })
  .superRefine((v, ctx) => {
    if ((v.attended === undefined) !== (v.expected === undefined)) ctx.addIssue({ code: "custom", path: [v.attended === undefined ? "attended" : "expected"], message: "errors.attendanceBoth" });
    else if (v.attended !== undefined && v.expected !== undefined && v.attended > v.expected) ctx.addIssue({ code: "custom", path: ["attended"], message: "errors.attendanceMore" });
  });
export type MentorRecordInput = z.output<typeof mentorRecordSchema>;

/** The mentee's own part: three questions in plain words. */
export const menteeAnswerSchema = z.object({
  checkinId: z.string(),
  feeling: feelingText,
  goesWell: freeText(1000),
  needsSupport: freeText(1000),
});
export type MenteeAnswerInput = z.output<typeof menteeAnswerSchema>;

/** The employer's part: attendance, how it goes, a concern for the mentor. No health or benefit questions. */
export const employerAnswerSchema = z
  .object({
    checkinId: z.string(),
    attended: wholeNumber(0, 7, "errors.between"),
    expected: wholeNumber(0, 7, "errors.between"),
    impression: choice(employerImpressions),
    concern: freeText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.attended > v.expected) ctx.addIssue({ code: "custom", path: ["attended"], message: "errors.attendanceMore" });
  });
export type EmployerAnswerInput = z.output<typeof employerAnswerSchema>;

/** How a placement ended: hired names the contract, an early end its reason. */
export const endFormSchema = z
  .object({
    ending: choice(endings),
    endDay: realDayText,
    contractType: blankAsMissing(choice(contractTypes)),
    earlyEndReason: blankAsMissing(choice(earlyEndReasons)),
  })
  .superRefine((v, ctx) => {
    if (v.ending === "hired" && !v.contractType) ctx.addIssue({ code: "custom", path: ["contractType"], message: "errors.chooseOne" });
    if (v.ending === "ended_early" && !v.earlyEndReason) ctx.addIssue({ code: "custom", path: ["earlyEndReason"], message: "errors.chooseOne" });
  });
export type EndInput = z.output<typeof endFormSchema>;

const unitMessages: Record<MilestoneUnit, string> = { days: "errors.milestoneDays", weeks: "errors.milestoneWeeks", months: "errors.milestoneMonths" };

/**
 * The programme's milestones as the coordinator's form sends them: rows `after-<n>` (a number)
 * and `unit-<n>`, n from 0 to milestoneLimits.most - 1; an empty number leaves the row out. Each
 * row's number within its unit's range, no milestone twice (7 days and 1 week are one), at least
 * one. The list comes out ordered by distance.
 */
export const milestonesFormSchema = z.record(z.string(), z.string()).transform((form, ctx) => {
  const list: { after: MilestoneAfter; row: number }[] = [];
  const seen = new Set<string>();
  for (let row = 0; row < milestoneLimits.most; row++) {
    const written = (form[`after-${row}`] ?? "").trim();
    if (!written) continue;
    const unit = form[`unit-${row}`];
    if (!(milestoneUnits as readonly string[]).includes(unit)) {
      ctx.addIssue({ code: "custom", path: [`unit-${row}`], message: unit ? "errors.choice" : "errors.chooseOne" });
      continue;
    }
    const max = milestoneUnitMax[unit as MilestoneUnit];
    const message = unitMessages[unit as MilestoneUnit];
    const amount = /^\d{1,4}$/.test(written) ? Number(written) : NaN;
    if (!(amount >= 1 && amount <= max)) {
      ctx.addIssue({ code: "custom", path: [`after-${row}`], message: messageWith(message, { min: 1, max }) });
      continue;
    }
    const after: MilestoneAfter = unit === "months" ? { months: amount } : { days: unit === "weeks" ? amount * 7 : amount };
    const name = milestoneName(after);
    if (seen.has(name)) {
      ctx.addIssue({ code: "custom", path: [`after-${row}`], message: "errors.milestoneTwice" });
      continue;
    }
    seen.add(name);
    list.push({ after, row });
  }
  if (list.length === 0 && ctx.issues.length === 0) ctx.addIssue({ code: "custom", path: ["after-0"], message: "errors.milestoneNone" });
  return list.map((m) => m.after).sort((a, b) => approximateDays(a) - approximateDays(b));
});

/** For ordering only: a month as its average length. */
function approximateDays(after: MilestoneAfter): number {
  return "days" in after ? after.days : after.months * 30.44;
}
