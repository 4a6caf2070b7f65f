import { describe, expect, it } from "vitest";
import { addMonths, atLocalHour, dayFromIso, isoDay, localToday, onOrAfterWorkingDay, timeZoneOf, workingDaysBefore } from "~/checkins/days.ts";
import { defaultMilestones, followUpSchedule, isTimeLimited } from "~/checkins/schedule.ts";
import { REMINDER_HOUR, reminderKey, remindersFor } from "~/checkins/reminders.ts";

const day = dayFromIso;
const days = (list: { dueDay: Date }[]) => list.map((c) => isoDay(c.dueDay));

describe("the follow-up plan", () => {
  it("opens check-ins at week 1, week 2, month 1, month 3 and month 6 after the start", () => {
    // Monday 4 January 2027.
    const plan = followUpSchedule(day("2027-01-04"), null);
    expect(plan.map((c) => c.milestone)).toEqual(["week1", "week2", "month1", "month3", "month6"]);
    expect(days(plan)).toEqual(["2027-01-11", "2027-01-18", "2027-02-04", "2027-04-05", "2027-07-05"]);
  });

  it("moves a check-in that falls on a Saturday or Sunday to the Monday after", () => {
    // Saturday 5 June 2027 + 1 month = Monday 5 July; week 1 = Saturday 12 June → Monday 14 June.
    const plan = followUpSchedule(day("2027-06-05"), null);
    expect(days(plan)).toEqual(["2027-06-14", "2027-06-21", "2027-07-05", "2027-09-06", "2027-12-06"]);
  });

  it("adds one at the planned end, in order, and merges it with a milestone on the same day", () => {
    const plan = followUpSchedule(day("2027-01-04"), day("2027-03-04"));
    expect(plan.map((c) => c.milestone)).toEqual(["week1", "week2", "month1", "plannedEnd", "month3", "month6"]);
    const onMonth1 = followUpSchedule(day("2027-01-04"), day("2027-02-04"));
    expect(onMonth1.map((c) => c.milestone)).toEqual(["week1", "week2", "plannedEnd", "month3", "month6"]);
  });

  it("counts months on the calendar, the month's last day when it is shorter", () => {
    expect(isoDay(addMonths(day("2027-01-31"), 1))).toBe("2027-02-28");
    expect(isoDay(addMonths(day("2028-01-31"), 1))).toBe("2028-02-29");
    expect(isoDay(addMonths(day("2027-08-31"), 6))).toBe("2028-02-29");
  });

  it("has the default milestones in one list and knows which placement kinds end by design", () => {
    expect(defaultMilestones.map((m) => m.name)).toEqual(["week1", "week2", "month1", "month3", "month6"]);
    expect(["work_trial", "practicum", "training"].every(isTimeLimited)).toBe(true);
    expect(["job", "social_enterprise", "volunteering"].some(isTimeLimited)).toBe(false);
  });
});

describe("working days and local hours", () => {
  it("counts two working days back over a weekend", () => {
    expect(isoDay(workingDaysBefore(day("2027-01-11"), 2))).toBe("2027-01-07"); // Monday → Thursday
    expect(isoDay(workingDaysBefore(day("2027-01-13"), 2))).toBe("2027-01-11"); // Wednesday → Monday
    expect(isoDay(onOrAfterWorkingDay(day("2027-01-10")))).toBe("2027-01-11"); // Sunday → Monday
  });

  it("puts 9:00 in the programme's time zone at the right moment in winter and in summer", () => {
    expect(atLocalHour(day("2027-01-11"), 9, "Europe/Zagreb").toISOString()).toBe("2027-01-11T08:00:00.000Z");
    expect(atLocalHour(day("2027-07-12"), 9, "Europe/Copenhagen").toISOString()).toBe("2027-07-12T07:00:00.000Z");
    // The days the clocks change (28 March and 31 October 2027).
    expect(atLocalHour(day("2027-03-28"), 9, "Europe/Ljubljana").toISOString()).toBe("2027-03-28T07:00:00.000Z");
    expect(atLocalHour(day("2027-10-31"), 9, "Europe/Ljubljana").toISOString()).toBe("2027-10-31T08:00:00.000Z");
  });

  it("knows each programme country's zone and its date after midnight local time", () => {
    expect([timeZoneOf("HR"), timeZoneOf("SI"), timeZoneOf("DK")]).toEqual(["Europe/Zagreb", "Europe/Ljubljana", "Europe/Copenhagen"]);
    // 23:30 UTC on 10 January is already 11 January in Copenhagen.
    expect(isoDay(localToday(new Date("2027-01-10T23:30:00Z"), "Europe/Copenhagen"))).toBe("2027-01-11");
  });
});

describe("reminders of a check-in", () => {
  it("reach the mentor two working days before, on the day and three days late; mentee and employer on the day", () => {
    const reminders = remindersFor(day("2027-01-11"), "both", "Europe/Zagreb");
    const at = (recipient: string, kind: string) => reminders.find((r) => r.recipient === recipient && r.kind === kind)?.at.toISOString();
    expect(reminders).toHaveLength(5);
    expect(at("mentor", "before")).toBe("2027-01-07T08:00:00.000Z");
    expect(at("mentor", "due")).toBe("2027-01-11T08:00:00.000Z");
    expect(at("mentor", "overdue")).toBe("2027-01-14T08:00:00.000Z");
    expect(at("mentee", "due")).toBe("2027-01-11T08:00:00.000Z");
    expect(at("employer", "due")).toBe("2027-01-11T08:00:00.000Z");
    expect(REMINDER_HOUR).toBe(9);
  });

  it("leave out the partner a check-in is not with", () => {
    expect(remindersFor(day("2027-01-11"), "mentee", "Europe/Zagreb").map((r) => r.recipient)).not.toContain("employer");
    expect(remindersFor(day("2027-01-11"), "employer", "Europe/Zagreb").map((r) => r.recipient)).not.toContain("mentee");
  });

  it("have one key per check-in, recipient and kind, and a new one once the check-in moved", () => {
    const keys = new Set(["mentor", "mentee", "employer"].flatMap((r) => ["before", "due", "overdue"].map((k) => reminderKey("c1", 0, r as "mentor", k as "due"))));
    expect(keys.size).toBe(9);
    expect(reminderKey("c1", 1, "mentor", "due")).not.toBe(reminderKey("c1", 0, "mentor", "due"));
  });
});
