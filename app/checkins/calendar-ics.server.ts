import ical, { ICalCalendarMethod, ICalEventClass, ICalEventTransparency } from "ical-generator";
import { addDays } from "./days.ts";

// The mentor's check-ins as an iCalendar (RFC 5545) text, written by ical-generator (escaping,
// line folding, all-day dates). Pure: what the feed holds is decided by the caller, and nothing
// in it is more than a first name, a milestone and a day (decision 014).

export interface FeedEvent {
  checkinId: string;
  /** The check-in's `moves`: a moved check-in is a new revision of the same event. */
  moves: number;
  /** The day it is due, at UTC midnight. */
  dueDay: Date;
  summary: string;
  /** The check-in's page in the portal (it asks for a sign-in). */
  url: string;
}

export function calendarText(events: readonly FeedEvent[], options: { name: string; host: string; stamp: Date }): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: "supported-placement-portal", product: "check-ins" },
    method: ICalCalendarMethod.PUBLISH,
    // Asks calendar apps to look again every hour (most choose their own interval anyway).
    ttl: 60 * 60,
  });
  for (const event of events) {
    calendar.createEvent({
      // The same UID on every read: calendar apps update the event rather than add another.
      id: `checkin-${event.checkinId}@${options.host}`,
      sequence: event.moves,
      stamp: options.stamp,
      allDay: true,
      start: event.dueDay,
      end: addDays(event.dueDay, 1),
      summary: event.summary,
      url: event.url,
      // Shown as busy-free, and as private to anyone the mentor shares her calendar with.
      transparency: ICalEventTransparency.TRANSPARENT,
      class: ICalEventClass.PRIVATE,
    });
  }
  return calendar.toString();
}
