import { addDays, atLocalHour, onOrAfterWorkingDay, workingDaysBefore } from "./days.ts";
import { quietThresholds } from "./quiet.ts";

// Who is reminded of a check-in, and when. Each (check-in, recipient, kind) is one outbox item
// with its own idempotency key (reminderKey), so a reminder is queued once and sent once.

export const reminderRecipients = ["mentor", "mentee", "employer"] as const;
export type ReminderRecipient = (typeof reminderRecipients)[number];
export const reminderKinds = ["before", "due", "overdue"] as const;
export type ReminderKind = (typeof reminderKinds)[number];

/** The local hour every reminder goes out at, in the programme country's time zone: the start of a working day. */
export const REMINDER_HOUR = 9;

export const checkinPartners = ["mentee", "employer", "both"] as const;
export type CheckinPartner = (typeof checkinPartners)[number];

interface ReminderRule {
  recipient: ReminderRecipient;
  kind: ReminderKind;
  /** Only for check-ins with this partner. */
  when?: (withWhom: CheckinPartner) => boolean;
  day: (dueDay: Date) => Date;
}

const withMentee = (w: CheckinPartner) => w !== "employer";
const withEmployer = (w: CheckinPartner) => w !== "mentee";

export const reminderRules: readonly ReminderRule[] = [
  // The mentor: two working days ahead to arrange it, on the day, and again once it is overdue.
  { recipient: "mentor", kind: "before", day: (due) => workingDaysBefore(due, 2) },
  { recipient: "mentor", kind: "due", day: (due) => due },
  { recipient: "mentor", kind: "overdue", day: (due) => onOrAfterWorkingDay(addDays(due, quietThresholds.secondReminderAfterDays)) },
  // The mentee and the employer: one each, on the day, for their own part.
  { recipient: "mentee", kind: "due", when: withMentee, day: (due) => due },
  { recipient: "employer", kind: "due", when: withEmployer, day: (due) => due },
];

export interface PlannedReminder {
  recipient: ReminderRecipient;
  kind: ReminderKind;
  at: Date;
}

/** The reminders of a check-in due on this day, at the reminder hour in the time zone. */
export function remindersFor(dueDay: Date, withWhom: CheckinPartner, timeZone: string): PlannedReminder[] {
  return reminderRules
    .filter((rule) => !rule.when || rule.when(withWhom))
    .map((rule) => ({ recipient: rule.recipient, kind: rule.kind, at: atLocalHour(rule.day(dueDay), REMINDER_HOUR, timeZone) }));
}

/**
 * The outbox key of one reminder. `moves` counts how often the check-in was moved: a moved
 * check-in's reminders are new effects (the old ones are cancelled, or stay sent), so one that
 * already went out for the old date is never sent again and the new date gets its own.
 */
export function reminderKey(checkinId: string, moves: number, recipient: ReminderRecipient, kind: ReminderKind): string {
  return `checkin-reminder:${checkinId}:${moves}:${recipient}:${kind}`;
}
