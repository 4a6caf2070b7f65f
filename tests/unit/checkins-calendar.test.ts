import { describe, expect, it } from "vitest";
import { calendarText } from "~/checkins/calendar-ics.server.ts";
import { dayFromIso } from "~/checkins/days.ts";
import { loggedUrl } from "../../server/app.ts";

const event = (id: string, day: string, moves = 0, summary = "Check-in: Ana (Week 1)") => ({ checkinId: id, moves, dueDay: dayFromIso(day), summary, url: `https://portal.example/mentor/checkins/${id}` });
const text = (events: ReturnType<typeof event>[]) => calendarText(events, { name: "Check-ins", host: "portal.example", stamp: new Date("2027-03-01T10:00:00Z") });
const lines = (ics: string) => ics.split("\r\n");

describe("the mentor's calendar feed", () => {
  it("writes each check-in as an all-day event on its day, the day itself in every time zone", () => {
    const ics = text([event("a1", "2027-03-15"), event("b2", "2027-04-01")]);
    expect(lines(ics)).toContain("DTSTART;VALUE=DATE:20270315");
    expect(lines(ics)).toContain("DTEND;VALUE=DATE:20270316");
    expect(lines(ics)).toContain("DTSTART;VALUE=DATE:20270401");
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  });

  it("keeps one UID per check-in, so that a moved check-in is the same event in a new revision", () => {
    const before = lines(text([event("a1", "2027-03-15", 0)]));
    const after = lines(text([event("a1", "2027-03-18", 1)]));
    expect(before).toContain("UID:checkin-a1@portal.example");
    expect(after).toContain("UID:checkin-a1@portal.example");
    expect(before).toContain("SEQUENCE:0");
    expect(after).toContain("SEQUENCE:1");
    expect(after).toContain("DTSTART;VALUE=DATE:20270318");
  });

  it("escapes what the text holds, and marks the events private and free time", () => {
    const ics = text([event("a1", "2027-03-15", 0, "Razgovor praćenja: Ana; Marija, Jr (1. tjedan)")]);
    expect(lines(ics)).toContain("SUMMARY:Razgovor praćenja: Ana\\; Marija\\, Jr (1. tjedan)");
    expect(lines(ics)).toContain("CLASS:PRIVATE");
    expect(lines(ics)).toContain("TRANSP:TRANSPARENT");
  });

  it("is an empty calendar when nothing is open", () => {
    const ics = text([]);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics).not.toContain("BEGIN:VEVENT");
  });

  it("never writes a feed's secret address into the request log", () => {
    expect(loggedUrl("/calendar/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde.ics")).toBe("/calendar/[secret]");
    expect(loggedUrl("/calendar/x.ics?a=b")).toBe("/calendar/[secret]?a=b");
    expect(loggedUrl("/mentor/checkins")).toBe("/mentor/checkins");
  });
});
