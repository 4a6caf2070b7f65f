import { z } from "zod";
import { supportOptions } from "~/placements/vocabulary.ts";
import { blankAsMissing, choice, dayText, freeText, requiredText, wholeNumber } from "~/ui/schema-fields.server.ts";
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

const feelingText = z.enum(["1", "2", "3", "4", "5"], { error: (issue) => (issue.input === undefined || issue.input === "" ? "errors.chooseOne" : "errors.choice") }).transform(Number);
const daysCount = blankAsMissing(wholeNumber(0, 7, "errors.between"));

/** The mentor's record of a check-in. Days attended and expected are of the last week, 0–7. */
export const mentorRecordSchema = z
  .object({
    method: choice(checkinMethods),
    contactDay: dayText,
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
    endDay: dayText,
    contractType: blankAsMissing(choice(contractTypes)),
    earlyEndReason: blankAsMissing(choice(earlyEndReasons)),
  })
  .superRefine((v, ctx) => {
    if (v.ending === "hired" && !v.contractType) ctx.addIssue({ code: "custom", path: ["contractType"], message: "errors.chooseOne" });
    if (v.ending === "ended_early" && !v.earlyEndReason) ctx.addIssue({ code: "custom", path: ["earlyEndReason"], message: "errors.chooseOne" });
  });
export type EndInput = z.output<typeof endFormSchema>;
