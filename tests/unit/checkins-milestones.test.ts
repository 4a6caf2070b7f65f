import { describe, expect, it } from "vitest";
import { dayFromIso, isoDay } from "~/checkins/days.ts";
import { asksStillInWork, followUpSchedule, isMilestoneName, milestoneName, milestoneOf } from "~/checkins/schedule.ts";
import { milestonesFormSchema } from "~/checkins/schema.server.ts";
import { parseForm } from "~/ui/form-data.ts";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return parseForm(data, milestonesFormSchema);
};

describe("a programme's own milestones", () => {
  it("are named by their distance from the start, so the defaults keep their names", () => {
    expect([{ days: 7 }, { days: 14 }, { days: 10 }, { months: 1 }, { months: 2 }].map(milestoneName)).toEqual(["week1", "week2", "day10", "month1", "month2"]);
    expect(["week3", "day10", "month24", "plannedEnd", "extra"].every(isMilestoneName)).toBe(true);
    expect(["week0", "day", "month1x", "week1; drop", "year1"].some(isMilestoneName)).toBe(false);
  });

  it("ask whether the person is still in work at every month milestone and at the planned end", () => {
    expect(["month1", "month2", "month3", "month6", "month12", "plannedEnd"].every(asksStillInWork)).toBe(true);
    expect(["week1", "day10", "extra"].some(asksStillInWork)).toBe(false);
  });

  it("plan a start by the programme's list, in order of days", () => {
    // Monday 4 January 2027: day 10 is Thursday 14 January, week 3 Monday 25 January, month 2 Thursday 4 March.
    const plan = followUpSchedule(dayFromIso("2027-01-04"), null, [{ months: 2 }, { days: 10 }, { days: 21 }].map(milestoneOf));
    expect(plan.map((c) => `${c.milestone} ${isoDay(c.dueDay)}`)).toEqual(["day10 2027-01-14", "week3 2027-01-25", "month2 2027-03-04"]);
  });

  it("make one check-in of milestones that fall on one day, keeping the one that asks about work", () => {
    // Start Monday 4 January 2027: day 5 (Saturday) and day 6 (Sunday) both move to Monday 11, which is week 1.
    const plan = followUpSchedule(dayFromIso("2027-01-04"), null, [{ days: 5 }, { days: 6 }, { days: 7 }].map(milestoneOf));
    expect(plan.map((c) => c.milestone)).toEqual(["day5"]);
    // 31 days and 1 month after 1 January 2027 are both 1 February: the month milestone stays.
    const month = followUpSchedule(dayFromIso("2027-01-01"), null, [{ days: 31 }, { months: 1 }].map(milestoneOf));
    expect(month.map((c) => c.milestone)).toEqual(["month1"]);
  });
});

describe("the coordinator's milestone form", () => {
  it("reads days, weeks and months into an ordered list, leaving empty rows out", () => {
    const result = form({ "after-0": "3", "unit-0": "months", "after-1": "", "unit-1": "days", "after-2": "2", "unit-2": "weeks", "after-3": "10", "unit-3": "days" });
    expect(result).toEqual({ ok: true, data: [{ days: 10 }, { days: 14 }, { months: 3 }] });
  });

  it("names the range of the row's unit for a number outside it", () => {
    expect(form({ "after-0": "400", "unit-0": "days" })).toMatchObject({ ok: false, fieldErrors: { "after-0": "errors.milestoneDays?min=1&max=365" } });
    expect(form({ "after-0": "25", "unit-0": "months" })).toMatchObject({ ok: false, fieldErrors: { "after-0": "errors.milestoneMonths?min=1&max=24" } });
    expect(form({ "after-1": "0", "unit-1": "weeks" })).toMatchObject({ ok: false, fieldErrors: { "after-1": "errors.milestoneWeeks?min=1&max=52" } });
    expect(form({ "after-0": "two", "unit-0": "days" })).toMatchObject({ ok: false, fieldErrors: { "after-0": "errors.milestoneDays?min=1&max=365" } });
    expect(form({ "after-0": "2", "unit-0": "years" })).toMatchObject({ ok: false, fieldErrors: { "unit-0": "errors.choice" } });
  });

  it("refuses the same milestone twice (7 days are 1 week) and an empty list", () => {
    expect(form({ "after-0": "7", "unit-0": "days", "after-1": "1", "unit-1": "weeks" })).toMatchObject({ ok: false, fieldErrors: { "after-1": "errors.milestoneTwice" } });
    expect(form({ "after-0": "", "unit-0": "days" })).toMatchObject({ ok: false, fieldErrors: { "after-0": "errors.milestoneNone" } });
  });
});
