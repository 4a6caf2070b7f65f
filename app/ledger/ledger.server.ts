import { Types } from "mongoose";
import { UserModel } from "~/accounts/model.server.ts";
import { now } from "~/clock/clock.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { programmeToday } from "~/i18n/dates.ts";
import type { LedgerEventKind, LedgerFact } from "./events.ts";
import { LedgerEventModel, LedgerMarkModel, RECENT_EVENTS_KEPT, RecentLedgerEventModel, ledgerId } from "./model.server.ts";

/** Whom an event is about: the mentee, her lead mentor when it happened, her programme country. */
export interface LedgerSubject {
  _id: unknown;
  mentorId: unknown;
  country: string;
}

export interface LedgerEventInput {
  kind: LedgerEventKind;
  /** The day it happened ("YYYY-MM-DD" or a UTC-midnight day); today in the programme when left out. */
  day?: string | Date;
  ref?: unknown;
  status?: string;
  from?: string;
  to?: string;
  milestone?: string;
  reason?: string;
  dueDay?: string | Date;
}

const isoDayOf = (day: string | Date) => (typeof day === "string" ? day.slice(0, 10) : day.toISOString().slice(0, 10));

/**
 * Appends one event about `subject` to the ledger. Called right after the record it reports was
 * written (and only when that write changed something), so a retried request records nothing twice.
 */
export async function recordLedgerEvent(subject: LedgerSubject, event: LedgerEventInput): Promise<number> {
  const mentor = await UserModel.findById(subject.mentorId).select("organisationId").lean();
  const doc = {
    kind: event.kind,
    day: isoDayOf(event.day ?? programmeToday()),
    at: now(),
    menteeId: subject._id,
    mentorId: subject.mentorId,
    organisationId: mentor?.organisationId,
    country: subject.country,
    ref: event.ref,
    status: event.status,
    from: event.from,
    to: event.to,
    milestone: event.milestone,
    reason: event.reason,
    dueDay: event.dueDay === undefined ? undefined : isoDayOf(event.dueDay),
  };
  return appendAtNextNumber(doc);
}

async function appendAtNextNumber(doc: Record<string, unknown>): Promise<number> {
  let seq = (await headSeq()) + 1;
  for (let attempt = 1; ; attempt++) {
    try {
      await LedgerEventModel.create({ _id: ledgerId(seq), ...doc });
      break;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Someone else has this number: try the next; after many, jump to where the head says.
      seq = attempt % 32 === 0 ? Math.max(seq, await headSeq()) + 1 : seq + 1;
    }
  }
  await moveHead(seq);
  await keepRecent([{ _id: ledgerId(seq), ...doc }], seq);
  return seq;
}

/** Copies newly written events to the recent collection, and drops from it what is no longer recent. */
async function keepRecent(docs: Record<string, unknown>[], lastSeq: number) {
  try {
    await RecentLedgerEventModel.insertMany(docs, { ordered: false });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
  const pruneStep = RECENT_EVENTS_KEPT / 4;
  if (docs.length > 1 || lastSeq % pruneStep === 0) await RecentLedgerEventModel.deleteMany({ _id: { $lte: ledgerId(lastSeq - RECENT_EVENTS_KEPT) } });
}

async function headSeq(): Promise<number> {
  return (await LedgerMarkModel.findById("head").select("seq").lean())?.seq ?? 0;
}

/** The head only moves forward, to numbers that exist; a write that loses a race leaves it a little behind, which costs the next writer a try or two. */
async function moveHead(seq: number) {
  try {
    await LedgerMarkModel.updateOne({ _id: "head", seq: { $lt: seq } }, { $set: { seq } }, { upsert: true });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/** Appends many events at once (a backfill, a generated history): numbers from the head on, in order. */
export async function appendLedgerFacts(facts: Omit<LedgerFact, "seq">[], at = now()): Promise<void> {
  const docs = facts.map((fact) => ({
    ...fact,
    at,
    menteeId: new Types.ObjectId(fact.menteeId),
    mentorId: new Types.ObjectId(fact.mentorId),
    organisationId: fact.organisationId ? new Types.ObjectId(fact.organisationId) : undefined,
    ref: fact.ref ? new Types.ObjectId(fact.ref) : undefined,
  }));
  for (let i = 0; i < docs.length; i += 1000) {
    const batch = docs.slice(i, i + 1000);
    const first = (await headSeq()) + 1;
    try {
      const numbered = batch.map((doc, j) => ({ _id: ledgerId(first + j), ...doc }));
      await LedgerEventModel.insertMany(numbered, { ordered: true });
      await moveHead(first + batch.length - 1);
      await keepRecent(numbered.slice(-RECENT_EVENTS_KEPT), first + batch.length - 1);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Someone wrote meanwhile: the rest of this batch one by one, each at the next free number.
      const written = await LedgerEventModel.countDocuments({ _id: { $gte: ledgerId(first), $lt: ledgerId(first + batch.length) }, at });
      for (const doc of batch.slice(written)) await appendAtNextNumber(doc);
    }
  }
}

/** An event as the figures read it. */
export function factOf(doc: Record<string, unknown> & { _id: unknown }): LedgerFact {
  const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));
  return {
    seq: Number(doc._id),
    kind: doc.kind as LedgerEventKind,
    day: String(doc.day),
    menteeId: String(doc.menteeId),
    mentorId: String(doc.mentorId),
    organisationId: text(doc.organisationId) ?? "",
    country: String(doc.country),
    ref: text(doc.ref),
    status: text(doc.status),
    from: text(doc.from),
    to: text(doc.to),
    milestone: text(doc.milestone),
    reason: text(doc.reason),
    dueDay: text(doc.dueDay),
  };
}
