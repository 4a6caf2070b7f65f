import { describe, expect, it } from "vitest";
import { addDays, dayFromIso } from "~/checkins/days.ts";
import { feelingDropped, lowAttendance, missedInARow, noRecentContact, overdueCheckins, quietReasons, quietThresholds, type CheckinState, type FollowUpState } from "~/checkins/quiet.ts";

const start = dayFromIso("2027-01-04");
const at = (n: number) => addDays(start, n);
const checkin = (id: string, dueIn: number, more: Partial<CheckinState> = {}): CheckinState => ({ id, dueDay: at(dueIn), status: "open", ...more });
const done = (id: string, dueIn: number, more: Partial<CheckinState> = {}) => checkin(id, dueIn, { status: "done", contactDay: at(dueIn), ...more });
const state = (...checkins: CheckinState[]): FollowUpState => ({ startDay: start, checkins });

describe("going quiet: an overdue check-in", () => {
  it("shows from the day after its day, and reaches the coordinator from 7 days", () => {
    const s = state(checkin("w1", 7));
    expect(overdueCheckins(s, at(7))).toEqual([]);
    expect(overdueCheckins(s, at(8))).toEqual([{ rule: "overdue", checkinId: "w1", days: 1, toCoordinator: false }]);
    expect(overdueCheckins(s, at(7 + quietThresholds.coordinatorAfterDays))[0]).toMatchObject({ days: 7, toCoordinator: true });
  });

  it("clears once the check-in is recorded or cancelled", () => {
    expect(overdueCheckins(state(done("w1", 7)), at(20))).toEqual([]);
    expect(overdueCheckins(state(checkin("w1", 7, { status: "cancelled" })), at(20))).toEqual([]);
  });
});

describe("going quiet: no recorded contact", () => {
  it("after 14 days in the first month", () => {
    expect(noRecentContact(state(), at(14))).toEqual([]);
    expect(noRecentContact(state(), at(15))).toEqual([{ rule: "noContact", days: 15, limit: 14 }]);
    expect(noRecentContact(state(done("w1", 7)), at(21))).toEqual([]);
  });

  it("after 30 days once the first month is over", () => {
    const s = state(done("m1", 31));
    expect(noRecentContact(s, at(61))).toEqual([]);
    expect(noRecentContact(s, at(62))).toEqual([{ rule: "noContact", days: 31, limit: 30 }]);
  });
});

describe("going quiet: two missed check-ins in a row", () => {
  it("fires when the latest two whose day has passed are both open, and clears when one is recorded", () => {
    expect(missedInARow(state(checkin("w1", 7), checkin("w2", 14)), at(15))).toEqual([{ rule: "missedInARow", count: 2 }]);
    expect(missedInARow(state(checkin("w1", 7), checkin("w2", 14)), at(14))).toEqual([]);
    expect(missedInARow(state(checkin("w1", 7), done("w2", 14)), at(15))).toEqual([]);
    expect(missedInARow(state(done("w1", 7), checkin("w2", 14), checkin("m1", 31)), at(32))).toHaveLength(1);
  });

  it("does not count a cancelled check-in as missed", () => {
    expect(missedInARow(state(checkin("w1", 7, { status: "cancelled" }), checkin("w2", 14)), at(15))).toEqual([]);
  });
});

describe("going quiet: attendance and the mentee's own answer", () => {
  it("fires when the latest attendance is under half of the days expected", () => {
    expect(lowAttendance(state(done("w1", 7, { attendance: { attended: 2, expected: 5 } })))).toEqual([{ rule: "lowAttendance", attended: 2, expected: 5 }]);
    expect(lowAttendance(state(done("w1", 7, { attendance: { attended: 2, expected: 5 } }), done("w2", 14, { attendance: { attended: 4, expected: 5 } })))).toEqual([]);
    expect(lowAttendance(state(done("w1", 7, { attendance: { attended: 0, expected: 0 } })))).toEqual([]);
  });

  it("fires when her answer drops two steps from the one before, not one", () => {
    expect(feelingDropped(state(done("w1", 7, { menteeFeeling: 4 }), done("w2", 14, { menteeFeeling: 2 })))).toEqual([{ rule: "feelingDropped", from: 4, to: 2 }]);
    expect(feelingDropped(state(done("w1", 7, { menteeFeeling: 4 }), done("w2", 14, { menteeFeeling: 3 })))).toEqual([]);
    expect(feelingDropped(state(done("w1", 7, { menteeFeeling: 2 })))).toEqual([]);
  });
});

describe("all reasons together", () => {
  it("are none for a follow-up that is kept", () => {
    expect(quietReasons(state(done("w1", 7, { attendance: { attended: 5, expected: 5 }, menteeFeeling: 4 }), checkin("w2", 14)), at(10))).toEqual([]);
  });

  it("name each rule that holds", () => {
    const reasons = quietReasons(state(checkin("w1", 7), checkin("w2", 14)), at(16)).map((r) => r.rule);
    expect(reasons).toEqual(["overdue", "overdue", "noContact", "missedInARow"]);
  });
});
