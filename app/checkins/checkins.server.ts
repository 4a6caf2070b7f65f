import { UserModel } from "~/accounts/model.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { now } from "~/clock/clock.ts";
import { claimOnce } from "~/db/claims.server.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { requireObjectId } from "~/db/ids.server.ts";
import { introductionForMentor } from "~/introductions/mentor.server.ts";
import { transition } from "~/introductions/introductions.server.ts";
import { IntroductionModel } from "~/introductions/model.server.ts";
import type { IntroductionStatus } from "~/introductions/states.ts";
import { recordAccess, recordAccessMany } from "~/mentees/audit.server.ts";
import { caseloadIds, caseloadOf, mayAccess } from "~/mentees/mentees.server.ts";
import { MenteeModel } from "~/mentees/model.server.ts";
import { PlacementModel } from "~/placements/model.server.ts";
import { organisationNames, placementTitle, placementTitles } from "~/placements/titles.server.ts";
import { decryptList, decryptText, encryptList, encryptText } from "~/security/encryption.server.ts";
import { cancelOutbox, enqueueOutbox } from "~/outbox/outbox.server.ts";
import { forbidden, notFound } from "~/ui/responses.server.ts";
import { recordLedgerEvent, type LedgerEventInput } from "~/ledger/ledger.server.ts";
import { messageWith } from "~/ui/form-data.ts";
import { countries } from "~/organisations/vocabulary.ts";
import { addDays, daysBetween, isoDay, localToday, timeZoneOf } from "./days.ts";
import { asksStillInWork, defaultMilestones, followUpSchedule, isTimeLimited, milestoneOf, type Milestone } from "./schedule.ts";
import { programmeMilestones } from "./programme-milestones.server.ts";
import { quietReasons, quietThresholds, type FollowUpState } from "./quiet.ts";
import { updateCheckin } from "./write.server.ts";
import { CheckinModel, FollowUpModel, OutcomeEventModel, type Checkin, type FollowUp } from "./model.server.ts";
import { checkinsOfFollowUp, followUpsOfMentees, listCheckinOnDay, listClosedCheckins, listNewCheckin, listNewFollowUp, openCheckinsDueBy } from "./lists.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";
import { Types } from "mongoose";
import { reminderKey, reminderKinds, reminderRecipients, remindersFor, type CheckinPartner } from "./reminders.ts";
import { startLimits, type AddInput, type EndInput, type MentorRecordInput, type MoveInput, type StartInput } from "./schema.server.ts";
import { pageWithin } from "~/db/paging.ts";
import { checkinStatesOf, checkinsChanged, mendCopyOf, quietStateOfRow, stateOfCheckin } from "./states.server.ts";

// The follow-up of a placement: the start that opens it, its check-ins and their reminders.
// The lead mentor of a check-in is always the mentee's lead mentor now (MenteeModel.mentorId),
// never a copy: a handover moves every open check-in and pending reminder in that one change.

export type Failure = { ok: false; fieldErrors: Record<string, string> };

/** The outbox kind of a check-in reminder (registered in reminder-handler.server.ts). */
export const CHECKIN_REMINDER = "checkin-reminder";

export interface ReminderPayload {
  checkinId: string;
  moves: number;
  /** The day the reminder is for (ISO): a check-in found on another day is not this reminder's any more. */
  dueDay?: string;
  recipient: (typeof reminderRecipients)[number];
  kind: (typeof reminderKinds)[number];
}

/** Introductions a start can be recorded on: the employer said yes (or a meeting), or it was marked placed before follow-ups existed. */
const startableFrom: IntroductionStatus[] = ["accepted", "meeting_proposed", "placed"];

/** Today in the mentee's programme country. */
export function todayIn(country: string): Date {
  return localToday(now(), timeZoneOf(country));
}

function checkStartDays(input: StartInput, placementKind: string, today: Date): Record<string, string> {
  const errors: Record<string, string> = {};
  const earliest = addDays(today, -startLimits.daysInPast);
  const latest = addDays(today, startLimits.daysAhead);
  if (input.startDay < earliest || input.startDay > latest) {
    errors.startDay = messageWith("errors.startDayRange", { earliestDate: isoDay(earliest), latestDate: isoDay(latest) });
  }
  if (!input.plannedEndDay) {
    if (isTimeLimited(placementKind)) errors.plannedEndDay = "errors.plannedEndRequired";
  } else if (input.plannedEndDay <= input.startDay || input.plannedEndDay > addDays(input.startDay, startLimits.longestDays)) {
    errors.plannedEndDay = messageWith("errors.plannedEndRange", { earliestDate: isoDay(addDays(input.startDay, 1)), latestDate: isoDay(addDays(input.startDay, startLimits.longestDays)) });
  }
  return errors;
}

/**
 * The lead mentor records the start of an accepted introduction: the introduction becomes
 * "placed", the follow-up plan opens with its check-ins, and their reminders are queued. Safe to
 * submit twice, and to submit again after a crash half way: each step is keyed.
 */
export async function startFollowUp(actor: SessionUser, introductionId: string, input: StartInput): Promise<{ ok: true; id: string } | Failure> {
  const { introduction, mentee } = await introductionForMentor(actor, introductionId);
  const status = introduction.status as IntroductionStatus;
  if (!startableFrom.includes(status)) return { ok: false, fieldErrors: { form: "errors.transitionNotAllowed" } };
  const existing = await FollowUpModel.findOne({ introductionId: introduction._id }).lean<FollowUp>();
  if (existing) return { ok: true, id: String(existing._id) };
  const placement = await PlacementModel.findById(introduction.placementId).select("kind").lean();
  const kind = placement?.kind ?? "job";
  const country = mentee!.country;
  const fieldErrors = checkStartDays(input, kind, todayIn(country));
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const milestones = await programmeMilestones();
  if (status !== "placed" && !(await transition(introduction._id, status, "placed", "mentor"))) {
    // A second submit of the same start may be placing it at this moment: once it is placed, go on
    // and find or open the one plan (the follow-up is unique per introduction).
    if (!(await becomesPlaced(introduction._id))) return { ok: false, fieldErrors: { form: "errors.transitionNotAllowed" } };
  }
  let followUp: FollowUp;
  const followUpId = new Types.ObjectId();
  await listNewFollowUp({ _id: followUpId, menteeId: introduction.menteeId, organisationId: introduction.organisationId });
  try {
    followUp = (
      await FollowUpModel.create({
        _id: followUpId,
        introductionId: introduction._id,
        menteeId: introduction.menteeId,
        placementId: introduction.placementId,
        organisationId: introduction.organisationId,
        placementKind: kind,
        country,
        startDay: input.startDay,
        hoursPerWeek: input.hoursPerWeek,
        plannedEndDay: input.plannedEndDay,
        startedBy: actor._id,
        milestones: milestones.map((m) => m.after),
      })
    ).toObject() as FollowUp;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    followUp = (await FollowUpModel.findOne({ introductionId: introduction._id }).lean<FollowUp>())!;
  }
  await openSchedule(followUp, actor);
  return { ok: true, id: String(followUp._id) };
}

/** Whether the introduction is placed, or becomes placed within a few seconds (another request holds its transition). */
async function becomesPlaced(introductionId: unknown): Promise<boolean> {
  for (let tries = 0; tries < 30; tries++) {
    const current = await IntroductionModel.findById(introductionId).select("status").lean();
    if (current?.status === "placed") return true;
    if (!current || !startableFrom.includes(current.status as IntroductionStatus)) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** Creates what a follow-up's start opens and is still missing: its check-ins, their reminders, the "started" event. Idempotent. */
export async function openSchedule(followUp: FollowUp, actor: Pick<SessionUser, "_id">) {
  const planned = followUpSchedule(followUp.startDay, followUp.plannedEndDay ?? null, milestonesOf(followUp));
  for (const p of planned) {
    try {
      const checkinId = new Types.ObjectId();
      await listNewCheckin({ _id: checkinId, followUpId: followUp._id, dueDay: p.dueDay });
      const created = await CheckinModel.create({
        _id: checkinId,
        followUpId: followUp._id,
        menteeId: followUp.menteeId,
        organisationId: followUp.organisationId,
        introductionId: followUp.introductionId,
        key: `${followUp._id}:${p.milestone}`,
        milestone: p.milestone,
        dueDay: p.dueDay,
        withWhom: "both",
      });
      await recordAboutMentee(followUp.menteeId, { kind: "checkin_due", ref: created._id, dueDay: p.dueDay });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  const all = await checkinsOfFollowUp(followUp._id);
  await checkinsChanged(followUp._id, all.map((c) => c._id));
  for (const checkin of all.filter((c) => c.status === "open")) await queueReminders(checkin, followUp.country);
  try {
    await OutcomeEventModel.create({ menteeId: followUp.menteeId, followUpId: followUp._id, kind: "started", day: followUp.startDay, key: `started:${followUp._id}`, recordedAt: now(), recordedBy: actor._id });
    await recordAboutMentee(followUp.menteeId, { kind: "started", day: followUp.startDay, ref: followUp._id, status: followUp.placementKind });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/** Records a ledger event about a mentee, with her lead mentor and country as they are now. */
async function recordAboutMentee(menteeId: unknown, event: LedgerEventInput) {
  const mentee = await MenteeModel.findById(menteeId).select("mentorId country").lean();
  if (mentee) await recordLedgerEvent(mentee, event);
}

/** The milestones a follow-up was started with (the defaults for one started before the programme could set its own). */
function milestonesOf(followUp: Pick<FollowUp, "milestones">): readonly Milestone[] {
  if (!followUp.milestones?.length) return defaultMilestones;
  return followUp.milestones.map((m) => milestoneOf(m.months ? { months: m.months } : { days: m.days ?? 0 }));
}

/** Queues the check-in's reminders that are still ahead; each is keyed, so queuing again adds nothing. */
async function queueReminders(checkin: Pick<Checkin, "_id" | "moves" | "dueDay" | "withWhom" | "menteeId">, country: string) {
  const at = now().getTime();
  for (const reminder of remindersFor(checkin.dueDay, checkin.withWhom as CheckinPartner, timeZoneOf(country))) {
    if (reminder.at.getTime() <= at) continue;
    const payload: ReminderPayload = { checkinId: String(checkin._id), moves: checkin.moves, dueDay: isoDay(checkin.dueDay), recipient: reminder.recipient, kind: reminder.kind };
    await enqueueOutbox(CHECKIN_REMINDER, { ...payload }, { menteeId: checkin.menteeId }, { dueAt: reminder.at, key: reminderKey(payload.checkinId, checkin.moves, reminder.recipient, reminder.kind) });
  }
}

/** Cancels every pending reminder of the check-in as it stood (`moves`); one already sent stays sent. */
async function cancelReminders(checkinId: string, moves: number) {
  for (const recipient of reminderRecipients) for (const kind of reminderKinds) await cancelOutbox(reminderKey(checkinId, moves, recipient, kind));
}

/** A check-in and its follow-up, for its lead mentor only (404 unknown, 403 anyone else). */
async function checkinForLeadMentor(actor: SessionUser, checkinId: string) {
  if (actor.role !== "mentor" || actor.approval !== "approved") forbidden();
  requireObjectId(checkinId);
  const checkin = await CheckinModel.findById(checkinId).lean<Checkin>();
  if (!checkin) notFound();
  const mentee = await MenteeModel.findById(checkin.menteeId).select("mentorId country").lean();
  if (!mentee) notFound();
  if (!mayAccess(actor, mentee)) forbidden();
  const followUp = await FollowUpModel.findById(checkin.followUpId).lean<FollowUp>();
  if (!followUp) notFound();
  return { checkin, followUp };
}

/** Before an action on a check-in reads its form: only its lead mentor goes on. */
export async function requireCheckinMentor(actor: SessionUser, checkinId: string): Promise<void> {
  await checkinForLeadMentor(actor, checkinId);
}

/** A change of a check-in is claimed once per state (`moves`): of two racing changes one wins. */
async function claimChange(checkin: Pick<Checkin, "_id" | "moves">): Promise<boolean> {
  return claimOnce(`checkin-change:${checkin._id}:${checkin.moves}`);
}

const changedMeanwhile: Failure = { ok: false, fieldErrors: { form: "errors.changedMeanwhile" } };

function checkNewDay(dueDay: Date, followUp: FollowUp): string | null {
  const today = todayIn(followUp.country);
  const latest = addDays(followUp.startDay, startLimits.longestDays);
  if (dueDay < today || dueDay > latest) return messageWith("errors.checkinDayRange", { earliestDate: isoDay(today), latestDate: isoDay(latest) });
  return null;
}

/**
 * Moves an open check-in to another day, with a reason. Its pending reminders are cancelled by
 * key and the new day's are queued under new keys: a reminder already sent for the old day is
 * never sent again, and the new day gets its own.
 */
export async function moveCheckin(actor: SessionUser, checkinId: string, input: MoveInput): Promise<{ ok: true } | Failure> {
  const { checkin, followUp } = await checkinForLeadMentor(actor, checkinId);
  if (checkin.status !== "open") return { ok: false, fieldErrors: { form: "errors.checkinClosed" } };
  const dayError = checkNewDay(input.dueDay, followUp);
  if (dayError) return { ok: false, fieldErrors: { dueDay: dayError } };
  if (input.dueDay.getTime() === checkin.dueDay.getTime()) return { ok: true };
  if (!(await claimChange(checkin))) return changedMeanwhile;
  // The new day's reminders are queued before the move is written: a process that dies in between
  // leaves reminders that cancel themselves (their `moves` is not the check-in's), never a moved
  // check-in without reminders. The old day's cancel themselves likewise if it dies after the write.
  await queueReminders({ ...checkin, dueDay: input.dueDay, moves: checkin.moves + 1 }, followUp.country);
  await listCheckinOnDay(checkin._id, input.dueDay);
  const moved = await updateCheckin(checkin._id, { moves: checkin.moves, status: "open" },
    { $set: { dueDay: input.dueDay, moves: checkin.moves + 1 }, $push: { changes: { kind: "moved", at: now(), by: actor._id, from: checkin.dueDay, to: input.dueDay, reason: input.reason } } },
  );
  if (moved.modifiedCount !== 1) return changedMeanwhile;
  await checkinsChanged(checkin.followUpId, [checkin._id]);
  await listClosedCheckins([checkin]);
  await recordAboutMentee(checkin.menteeId, { kind: "checkin_due", ref: checkin._id, dueDay: input.dueDay });
  await cancelReminders(String(checkin._id), checkin.moves);
  return { ok: true };
}

/** Cancels an open check-in, with a reason; its pending reminders are cancelled. */
export async function cancelCheckin(actor: SessionUser, checkinId: string, input: { reason: string }): Promise<{ ok: true } | Failure> {
  const { checkin } = await checkinForLeadMentor(actor, checkinId);
  if (checkin.status !== "open") return { ok: false, fieldErrors: { form: "errors.checkinClosed" } };
  if (!(await claimChange(checkin))) return changedMeanwhile;
  const cancelled = await updateCheckin(checkin._id, { moves: checkin.moves, status: "open" },
    { $set: { status: "cancelled", moves: checkin.moves + 1 }, $push: { changes: { kind: "cancelled", at: now(), by: actor._id, reason: input.reason } } },
  );
  if (cancelled.modifiedCount !== 1) return changedMeanwhile;
  await checkinsChanged(checkin.followUpId, [checkin._id]);
  await listClosedCheckins([checkin]);
  await recordAboutMentee(checkin.menteeId, { kind: "checkin_cancelled", ref: checkin._id });
  await cancelReminders(String(checkin._id), checkin.moves);
  return { ok: true };
}

/** The lead mentor of a follow-up, else 404/403. */
async function followUpForLeadMentor(actor: SessionUser, followUpId: string) {
  if (actor.role !== "mentor" || actor.approval !== "approved") forbidden();
  requireObjectId(followUpId);
  const followUp = await FollowUpModel.findById(followUpId).lean<FollowUp>();
  if (!followUp) notFound();
  const mentee = await MenteeModel.findById(followUp.menteeId).select("mentorId").lean();
  if (!mentee) notFound();
  if (!mayAccess(actor, mentee)) forbidden();
  return followUp;
}

export async function requireFollowUpMentor(actor: SessionUser, followUpId: string): Promise<void> {
  await followUpForLeadMentor(actor, followUpId);
}

/** Adds a check-in on a day of the mentor's choosing, with a reason. One extra check-in a day: a second submit finds the first. */
export async function addCheckin(actor: SessionUser, followUpId: string, input: AddInput): Promise<{ ok: true; id: string } | Failure> {
  const followUp = await followUpForLeadMentor(actor, followUpId);
  if (followUp.status !== "active") return { ok: false, fieldErrors: { form: "errors.checkinClosed" } };
  const dayError = checkNewDay(input.dueDay, followUp);
  if (dayError) return { ok: false, fieldErrors: { dueDay: dayError } };
  const key = `${followUp._id}:extra:${isoDay(input.dueDay)}`;
  try {
    const checkinId = new Types.ObjectId();
    await listNewCheckin({ _id: checkinId, followUpId: followUp._id, dueDay: input.dueDay });
    const created = await CheckinModel.create({
      _id: checkinId,
      followUpId: followUp._id,
      menteeId: followUp.menteeId,
      organisationId: followUp.organisationId,
      introductionId: followUp.introductionId,
      key,
      milestone: "extra",
      dueDay: input.dueDay,
      withWhom: input.withWhom,
      changes: [{ kind: "added", at: now(), by: actor._id, to: input.dueDay, reason: input.reason }],
    });
    await checkinsChanged(followUp._id, [created._id]);
    await recordAboutMentee(followUp.menteeId, { kind: "checkin_due", ref: created._id, dueDay: input.dueDay });
    await queueReminders(created.toObject() as Checkin, followUp.country);
    return { ok: true, id: String(created._id) };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const existing = (await CheckinModel.findOne({ key }).lean<Checkin>())!;
    await checkinsChanged(followUp._id, [existing._id]);
    // The first submit may have stopped before its reminders: queuing again adds only what is missing.
    if (existing.status === "open") await queueReminders(existing, followUp.country);
    return { ok: true, id: String(existing._id) };
  }
}

/** A follow-up as its lead mentor sees it: the start, the check-ins by day and their state (no record contents). Audited. */
export async function followUpOfIntroduction(actor: SessionUser, introductionId: string) {
  const { introduction } = await introductionForMentor(actor, introductionId);
  const followUp = await FollowUpModel.findOne({ introductionId: introduction._id }).lean<FollowUp>();
  if (!followUp) return null;
  const checkins = await checkinsOfFollowUp(followUp._id);
  await recordAccess(actor, followUp.menteeId, "checkins");
  return { followUp, checkins };
}

/** The check-in's reminders that are still pending, cancelled: it has been recorded or answered. */
async function cancelPendingReminders(checkin: Pick<Checkin, "_id" | "moves">, recipients: readonly ReminderPayload["recipient"][] = reminderRecipients) {
  for (const recipient of recipients) for (const kind of reminderKinds) await cancelOutbox(reminderKey(String(checkin._id), checkin.moves, recipient, kind));
}

/** The parts of a check-in in plain words, decrypted: only for its lead mentor (and the coordinator, later). */
export function readableParts(checkin: Checkin) {
  const m = checkin.mentorPart;
  const me = checkin.menteePart;
  const e = checkin.employerPart;
  const feeling = (sealed: string | null | undefined) => {
    const text = decryptText(sealed);
    return text ? Number(text) : null;
  };
  return {
    mentor: m
      ? {
          method: m.method,
          contactDay: isoDay(m.contactDay),
          attended: m.attended ?? null,
          expected: m.expected ?? null,
          feeling: feeling(m.feelingSealed),
          goesWell: decryptText(m.goesWellSealed),
          needsSupport: decryptText(m.needsSupportSealed),
          supportAgreed: decryptList(m.supportAgreedSealed),
          nextStep: decryptText(m.nextStepSealed),
          privateNote: decryptText(m.privateNoteSealed),
          stillInWork: m.stillInWork ?? null,
        }
      : null,
    mentee: me ? { feeling: feeling(me.feelingSealed), goesWell: decryptText(me.goesWellSealed), needsSupport: decryptText(me.needsSupportSealed), answeredDay: isoDay(me.answeredAt) } : null,
    employer: e ? { attended: e.attended ?? null, expected: e.expected ?? null, impression: e.impression ?? null, concern: decryptText(e.concernSealed), answeredDay: isoDay(e.answeredAt) } : null,
  };
}

/** One check-in for its lead mentor, with every part decrypted; the read is audited first. */
export async function checkinForMentor(actor: SessionUser, checkinId: string) {
  const { checkin, followUp } = await checkinForLeadMentor(actor, checkinId);
  await recordAccess(actor, checkin.menteeId, "checkins");
  // A writer that stopped between the check-in and its follow-up's copy: her opening it mends the copy.
  await mendCopyOf(followUp._id, checkin);
  const [mentee, placement] = await Promise.all([MenteeModel.findById(checkin.menteeId).select("firstName").lean(), placementTitle(followUp.placementId)]);
  return { checkin, followUp, menteeName: mentee?.firstName ?? "", placement, parts: readableParts(checkin), today: isoDay(todayIn(followUp.country)) };
}

/**
 * The mentor records the check-in: it is done, its pending reminders are cancelled, and at month
 * 1, 3 and 6 (and the planned end) whether the person is still in work becomes a dated outcome.
 */
export async function recordCheckin(actor: SessionUser, checkinId: string, input: MentorRecordInput): Promise<{ ok: true } | Failure> {
  const { checkin, followUp } = await checkinForLeadMentor(actor, checkinId);
  if (checkin.status !== "open") return { ok: false, fieldErrors: { form: "errors.checkinClosed" } };
  const today = todayIn(followUp.country);
  if (input.contactDay > today || input.contactDay < followUp.startDay) {
    return { ok: false, fieldErrors: { contactDay: messageWith("errors.checkinDayRange", { earliestDate: isoDay(followUp.startDay), latestDate: isoDay(today) }) } };
  }
  if (!(await claimChange(checkin))) return changedMeanwhile;
  const mentorPart = {
    method: input.method,
    contactDay: input.contactDay,
    attended: input.attended,
    expected: input.expected,
    feelingSealed: input.feeling === undefined ? "" : encryptText(String(input.feeling)),
    goesWellSealed: encryptText(input.goesWell),
    needsSupportSealed: encryptText(input.needsSupport),
    supportAgreedSealed: encryptList(input.supportAgreed),
    nextStepSealed: encryptText(input.nextStep),
    privateNoteSealed: encryptText(input.privateNote),
    stillInWork: input.stillInWork === undefined ? undefined : input.stillInWork === "yes",
    recordedAt: now(),
    recordedBy: actor._id,
  };
  const recorded = await updateCheckin(checkin._id, { moves: checkin.moves, status: "open" }, { $set: { status: "done", moves: checkin.moves + 1, mentorPart } });
  if (recorded.modifiedCount !== 1) return changedMeanwhile;
  await checkinsChanged(checkin.followUpId, [checkin._id]);
  await listClosedCheckins([checkin]);
  await recordAboutMentee(checkin.menteeId, { kind: "checkin_done", ref: checkin._id, day: input.contactDay });
  await cancelPendingReminders(checkin);
  if (input.stillInWork !== undefined && asksStillInWork(checkin.milestone)) {
    await recordAboutMentee(checkin.menteeId, { kind: "in_work", ref: followUp._id, milestone: checkin.milestone, status: input.stillInWork, day: input.contactDay });
    await OutcomeEventModel.create({
      menteeId: checkin.menteeId,
      followUpId: followUp._id,
      checkinId: checkin._id,
      kind: input.stillInWork === "yes" ? "still_in_work" : "not_in_work",
      day: input.contactDay,
      key: `in-work:${checkin._id}`,
      recordedAt: now(),
      recordedBy: actor._id,
    }).catch((error: unknown) => {
      if (!isDuplicateKeyError(error)) throw error;
    });
  }
  return { ok: true };
}

/** The state the going-quiet rules read, from a follow-up's check-ins. */
export function quietStateOf(followUp: Pick<FollowUp, "startDay">, checkins: Checkin[]): FollowUpState {
  return { startDay: followUp.startDay, checkins: checkins.map((c) => quietStateOfRow({ ...stateOfCheckin(c), id: String(c._id) })) };
}

/** How many of a mentor's later check-ins (due after this week) a page of her check-ins lists. */
export const laterCheckinsPageSize = 50;

/**
 * The lead mentor's check-ins across the caseload: this week's and overdue ones, each mentee going
 * quiet with the reasons, and one page of the check-ins due later (`laterPage`, from 1). Her start
 * page asks for the "week" only: no later check-ins, and no placement beside this week's unless
 * the mentee has several.
 * Placements are read only for the rows that show them. Reading it is recorded for every mentee
 * whose check-ins it reads.
 */
export async function checkinsOfMentor(actor: SessionUser, shown: { laterPage: number } | "week") {
  if (actor.role !== "mentor" || actor.approval !== "approved") forbidden();
  // Her mentees and their follow-ups together; a follow-up counts only with a mentee still hers.
  const listed = await caseloadIds(actor);
  const [mentees, listedFollowUps] = await Promise.all([caseloadOf(actor, listed), followUpsOfMentees(listed)]);
  const own = new Set(mentees.map((m) => String(m._id)));
  const followUps = listedFollowUps.filter((f) => f.status === "active" && own.has(String(f.menteeId)));
  // Each follow-up's copy of its check-ins' states, not the check-ins (states.server.ts).
  const [statesOf] = await Promise.all([checkinStatesOf(followUps), recordAccessMany(actor, [...new Set(followUps.map((f) => String(f.menteeId)))], "checkins")]);
  const names = new Map(mentees.map((m) => [String(m._id), m.firstName]));
  const rows = [];
  const quiet = [];
  // A mentee in two placements at once has two rows alike but for the placement: those rows name it.
  const followUpsPerMentee = new Map<string, number>();
  for (const f of followUps) followUpsPerMentee.set(String(f.menteeId), (followUpsPerMentee.get(String(f.menteeId)) ?? 0) + 1);
  for (const followUp of followUps) {
    const states = statesOf.get(String(followUp._id)) ?? [];
    const today = todayIn(followUp.country);
    const reasons = quietReasons({ startDay: followUp.startDay, checkins: states.map(quietStateOfRow) }, today);
    const mentee = names.get(String(followUp.menteeId)) ?? "";
    const placementId = String(followUp.placementId);
    if (reasons.length) quiet.push({ menteeId: String(followUp.menteeId), mentee, placementId, reasons });
    for (const c of states.filter((c) => c.status === "open")) {
      rows.push({ id: c.id, mentee, placementId, inSeveral: followUpsPerMentee.get(String(followUp.menteeId))! > 1, milestone: c.milestone, dueDay: isoDay(c.dueDay), daysLate: Math.max(0, daysBetween(c.dueDay, today)), thisWeek: daysBetween(today, c.dueDay) <= 7 });
    }
  }
  rows.sort((a, b) => a.dueDay.localeCompare(b.dueDay) || a.id.localeCompare(b.id));
  const thisWeek = rows.filter((r) => r.thisWeek);
  const later = rows.filter((r) => !r.thisWeek);
  const { page: laterPage, pages: laterPages, first } = pageWithin(later.length, shown === "week" ? 1 : shown.laterPage, laterCheckinsPageSize);
  const laterShown = shown === "week" ? [] : later.slice(first, first + laterCheckinsPageSize);
  const withPlacement = shown === "week" ? [...thisWeek.filter((r) => r.inSeveral), ...quiet] : [...thisWeek, ...laterShown, ...quiet];
  const titles = await placementTitles(withPlacement.map((r) => r.placementId));
  const titled = <T extends { placementId: string }>({ placementId, ...rest }: T) => ({ ...rest, placement: titles.get(placementId) ?? "" });
  // On the start page a row names its placement only when the mentee has several at once.
  const row = <T extends { placementId: string; inSeveral: boolean }>({ inSeveral, ...rest }: T) => titled(shown === "week" && !inSeveral ? { ...rest, placementId: "" } : rest);
  return {
    thisWeek: thisWeek.map(row),
    later: laterShown.map(row),
    laterPage,
    laterPages,
    laterTotal: later.length,
    quiet: quiet.map(titled),
  };
}

/**
 * What the introduction page shows of the follow-up: whether a start can be recorded (and needs a
 * planned end), or the plan's check-ins. Call only after the lead mentor was checked (the
 * page's introductionForMentor does); the read of the check-ins is audited.
 */
export async function followUpOnIntroductionPage(actor: SessionUser, introduction: { _id: unknown; status: string; placementId: unknown; menteeId: unknown }) {
  const followUp = await FollowUpModel.findOne({ introductionId: introduction._id }).lean<FollowUp>();
  if (!followUp) {
    const placement = await PlacementModel.findById(introduction.placementId).select("kind").lean();
    return { started: null, mayStart: startableFrom.includes(introduction.status as IntroductionStatus), needsPlannedEnd: isTimeLimited(placement?.kind ?? "job") };
  }
  const checkins = await checkinsOfFollowUp(followUp._id);
  await recordAccess(actor, followUp.menteeId, "checkins");
  return {
    started: {
      startDay: isoDay(followUp.startDay),
      hoursPerWeek: followUp.hoursPerWeek,
      plannedEndDay: followUp.plannedEndDay ? isoDay(followUp.plannedEndDay) : null,
      checkins: checkins.map((c) => ({ id: String(c._id), milestone: c.milestone, dueDay: isoDay(c.dueDay), status: c.status })),
      ending: followUp.ending ?? null,
      endDay: followUp.endDay ? isoDay(followUp.endDay) : null,
    },
    mayStart: false,
    needsPlannedEnd: false,
  };
}

/** Adds a check-in to the follow-up of this introduction (the introduction page's form). */
export async function addCheckinOnIntroduction(actor: SessionUser, introductionId: string, input: AddInput) {
  requireObjectId(introductionId);
  const followUp = await FollowUpModel.findOne({ introductionId }).select("_id").lean();
  if (!followUp) return { ok: false as const, fieldErrors: { form: "errors.transitionNotAllowed" } };
  return addCheckin(actor, String(followUp._id), input);
}

/**
 * The mentor records how the placement ended, as a dated outcome event. Hired: the follow-up goes
 * on with its remaining check-ins, now following the job (still in work at month 3 and 6?). Any
 * other ending closes the follow-up: its open check-ins are cancelled with their reminders.
 */
export async function endFollowUp(actor: SessionUser, introductionId: string, input: EndInput): Promise<{ ok: true } | Failure> {
  const { introduction } = await introductionForMentor(actor, introductionId);
  const followUp = await FollowUpModel.findOne({ introductionId: introduction._id }).lean<FollowUp>();
  if (!followUp || followUp.status !== "active" || followUp.ending) return { ok: false, fieldErrors: { form: "errors.checkinClosed" } };
  const today = todayIn(followUp.country);
  if (input.endDay < followUp.startDay || input.endDay > today) {
    return { ok: false, fieldErrors: { endDay: messageWith("errors.checkinDayRange", { earliestDate: isoDay(followUp.startDay), latestDate: isoDay(today) }) } };
  }
  if (!(await claimOnce(`follow-up-end:${followUp._id}`))) return changedMeanwhile;
  // The event first and the follow-up's own state last: a request that dies half way leaves the
  // follow-up open, so the next one (taking over the claim) completes the same ending.
  let ending = { kind: input.ending as string, day: input.endDay };
  try {
    await OutcomeEventModel.create({
      menteeId: followUp.menteeId,
      followUpId: followUp._id,
      kind: input.ending,
      day: input.endDay,
      contractType: input.contractType,
      reason: input.earlyEndReason,
      key: `ended:${followUp._id}`,
      recordedAt: now(),
      recordedBy: actor._id,
    });
    await recordAboutMentee(followUp.menteeId, { kind: "ended", ref: followUp._id, day: input.endDay, status: input.ending, reason: input.earlyEndReason });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const recorded = (await OutcomeEventModel.findOne({ key: `ended:${followUp._id}` }).lean())!;
    ending = { kind: recorded.kind, day: recorded.day };
  }
  const closes = ending.kind !== "hired";
  if (closes) {
    const open = (await checkinsOfFollowUp(followUp._id)).filter((c) => c.status === "open");
    for (const checkin of open) {
      const cancelled = await updateCheckin(checkin._id, { status: "open", moves: checkin.moves },
        { $set: { status: "cancelled", moves: checkin.moves + 1 }, $push: { changes: { kind: "cancelled", at: now(), by: actor._id, reason: `ended:${ending.kind}` } } },
      );
      if (cancelled.modifiedCount === 1) await listClosedCheckins([checkin]);
      if (cancelled.modifiedCount === 1) await recordAboutMentee(checkin.menteeId, { kind: "checkin_cancelled", ref: checkin._id });
      await cancelPendingReminders(checkin);
    }
    await checkinsChanged(followUp._id, open.map((c) => c._id));
  }
  await FollowUpModel.updateOne({ _id: followUp._id }, { $set: { ending: ending.kind, endDay: ending.day, ...(closes ? { status: "ended" } : {}) } });
  return { ok: true };
}

/** Where a page of the coordinator's overdue check-ins continues: after this check-in, due on this day. */
export type OverdueAfter = { day: string; id: string };

/** `overdueAfter` from the start page's link, `<day>_<check-in id>`; anything else is the first page. */
export function parseOverdueAfter(value: string | null): OverdueAfter | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})_([0-9a-f]{24})$/.exec(value ?? "");
  return match ? { day: match[1], id: match[2] } : undefined;
}

/**
 * For the coordinator: open check-ins overdue by the coordinator's threshold (7 days) across the
 * programme, the longest due first, `limit` at a time (`after` the last one of the page before),
 * with the mentee's first name, her lead mentor and how late. Audited per mentee shown.
 */
export async function overdueForCoordinator(actor: SessionUser, limit = 20, after?: OverdueAfter) {
  if (actor.role !== "coordinator") forbidden();
  // The open check-ins due by the latest day that can be late in any country (each is then judged
  // in its own country's today), and their follow-ups: reads by _id, not scans (app/checkins/lists.server.ts).
  const latestToday = new Date(Math.max(...countries.map((country) => todayIn(country).getTime())));
  const latestLateDay = addDays(latestToday, -quietThresholds.coordinatorAfterDays);
  // One more than shown: whether a next page has any.
  const { checkins: open, total, more } = await openCheckinsDueBy(latestLateDay, limit + 1, after);
  // The follow-ups and, beside them, the mentees named on the check-ins (those of the rows shown).
  const [foundFollowUps, foundMentees] = await Promise.all([
    findByIds<FollowUp>(FollowUpModel, [...new Set(open.map((c) => String(c.followUpId)))]),
    findByIds<{ _id: unknown; firstName: string; mentorId: unknown }>(MenteeModel, [...new Set(open.slice(0, limit).map((c) => String(c.menteeId)))], "firstName mentorId"),
  ]);
  const followUps = new Map(foundFollowUps.flatMap((f) => (f?.status === "active" ? [[String(f._id), f] as const] : [])));
  const rows = open.flatMap((c) => {
    const followUp = followUps.get(String(c.followUpId));
    if (!followUp) return [];
    const today = todayIn(followUp.country);
    if (c.dueDay > addDays(today, -quietThresholds.coordinatorAfterDays)) return [];
    return [{ id: String(c._id), menteeId: String(followUp.menteeId), placementId: String(followUp.placementId), organisationId: String(followUp.organisationId), milestone: c.milestone, dueDay: isoDay(c.dueDay), daysLate: daysBetween(c.dueDay, today) }];
  });
  // In the order read (due day, then id), so that the next page starts after the last one shown;
  // only the rows shown are read by name (and audited).
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  const next = last && (rows.length > limit || more) ? `${last.dueDay}_${last.id}` : null;
  const menteeIds = [...new Set(shown.map((r) => r.menteeId))];
  const menteesFound = new Map(foundMentees.flatMap((m) => (m ? [[String(m._id), m] as const] : [])));
  const unread = menteeIds.filter((id) => !menteesFound.has(id));
  for (const m of unread.length ? await findByIds<{ _id: unknown; firstName: string; mentorId: unknown }>(MenteeModel, unread, "firstName mentorId") : []) if (m) menteesFound.set(String(m._id), m);
  const mentees = menteeIds.map((id) => menteesFound.get(id));
  const mentorIds = mentees.flatMap((m) => (m ? [String(m.mentorId)] : []));
  // The audit entries are written beside the read of the mentors, before anything is returned.
  // A mentee in several placements has a row for each: the placement and its employer tell them apart.
  const [mentors, titles, organisations] = await Promise.all([
    findByIds<{ name: string }>(UserModel, mentorIds, "name"),
    placementTitles(shown.map((r) => r.placementId)),
    organisationNames(shown.map((r) => r.organisationId)),
    recordAccessMany(actor, menteeIds, "checkins"),
  ]);
  const mentorNames = new Map(mentorIds.map((id, n) => [id, mentors[n]?.name ?? ""]));
  const byMentee = new Map(menteeIds.map((id, n) => [id, { mentee: mentees[n]?.firstName ?? "", mentor: mentorNames.get(String(mentees[n]?.mentorId)) ?? "" }]));
  const named = ({ placementId, organisationId, ...row }: (typeof shown)[number]) => ({ ...row, ...byMentee.get(row.menteeId)!, placement: titles.get(placementId) ?? "", organisation: organisations.get(organisationId) ?? "" });
  // The total counts every open check-in due by the latest late day, from the lists' lengths.
  return { rows: shown.map(named), total: Math.max(total, rows.length), next };
}
