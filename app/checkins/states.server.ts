import { isDeepStrictEqual } from "node:util";
import { decryptText } from "~/security/encryption.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { appendToList, listLength, listLengths, runOnce } from "~/db/id-lists.server.ts";
import type { CheckinState } from "./quiet.ts";
import { checkinsOfFollowUps } from "./lists.server.ts";
import { CheckinModel, CheckinStatesCopyModel, FollowUpModel, type Checkin, type FollowUp } from "./model.server.ts";

// Each follow-up has a copy of what its check-ins' lists and the going-quiet rules read
// (model.server.ts, CheckinStatesCopy, keyed by the follow-up's id): a mentor's start page and
// check-ins page read her caseload's follow-ups and their copies, and no check-in. The check-in
// stays the record; the copy follows it, and only renewals of the copy write it.
//
// On FerretDB an update reads the whole document and writes it back, so two renewals may land in
// either order. The copy is therefore never patched: every change of a check-in is counted in an
// insert-only list (app/db/id-lists.server.ts: atomic on both databases), and the copy is renewed
// whole from the check-ins, noting the count it was read after. A reader uses a copy only when its
// count is the list's length; any other follow-up's lists come from its check-ins, and that reader
// renews its copy.

/** What the copy holds, read from the check-in. */
export const checkinStateFields = "followUpId dueDay status milestone mentorPart.contactDay mentorPart.attended mentorPart.expected mentorPart.feelingSealed menteePart.feelingSealed employerPart.attended employerPart.expected";

type CheckinForState = Pick<Checkin, "_id" | "dueDay" | "status" | "milestone" | "mentorPart" | "menteePart" | "employerPart">;

export interface KeptCheckinState {
  dueDay: Date;
  status: string;
  milestone: string;
  contactDay: Date | null;
  attended: number | null;
  expected: number | null;
  /** Still sealed: the mentee's answer on the five-step scale, else the mentor's. */
  feelingSealed: string | null;
}

export type CheckinStateRow = KeptCheckinState & { id: string };

const changesOf = (followUpId: unknown) => `checkin-changes:${String(followUpId)}`;

interface StoredCopy {
  _id: unknown;
  asOf: number;
  states: (KeptCheckinState & { checkinId: unknown })[];
}

/** The copy of one check-in: attendance the mentor recorded, else the employer's; the mentee's answer, else the mentor's. */
export function stateOfCheckin(c: CheckinForState): KeptCheckinState {
  const attendance = c.mentorPart?.expected ? c.mentorPart : c.employerPart?.expected ? c.employerPart : null;
  const feelingSealed = [c.menteePart?.feelingSealed, c.mentorPart?.feelingSealed].find((sealed) => decryptText(sealed)) ?? null;
  return {
    dueDay: c.dueDay,
    status: c.status,
    milestone: c.milestone,
    contactDay: c.mentorPart?.contactDay ?? null,
    attended: attendance ? (attendance.attended ?? 0) : null,
    expected: attendance ? (attendance.expected ?? null) : null,
    feelingSealed,
  };
}

const byDay = (a: CheckinStateRow, b: CheckinStateRow) => a.dueDay.getTime() - b.dueDay.getTime() || a.id.localeCompare(b.id);

/** After check-ins of this follow-up were written (made, moved, cancelled, recorded, answered). */
export async function checkinsChanged(followUpId: unknown, checkinIds: unknown[]): Promise<void> {
  await appendToList(changesOf(followUpId), checkinIds);
  await renewCheckinStates(followUpId);
}

/** The follow-up's copy, read whole from its check-ins after counting their changes. */
async function renewCheckinStates(followUpId: unknown): Promise<CheckinStateRow[]> {
  const asOf = await listLength(changesOf(followUpId));
  const checkins = (await checkinsOfFollowUps([followUpId], checkinStateFields)).get(String(followUpId)) ?? [];
  await storeCopy(followUpId, asOf, checkins);
  return checkins.map((c) => ({ ...stateOfCheckin(c), id: String(c._id) })).sort(byDay);
}

// By _id alone (FerretDB finds anything more by reading the collection). A slower renewal that lands
// last leaves a copy as of fewer changes than counted, which readers pass over and renew.
async function storeCopy(followUpId: unknown, asOf: number, checkins: CheckinForState[]): Promise<void> {
  const states = checkins.map((c) => ({ checkinId: c._id, ...stateOfCheckin(c) }));
  try {
    await CheckinStatesCopyModel.replaceOne({ _id: followUpId }, { _id: followUpId, states, asOf }, { upsert: true });
  } catch (error) {
    // Two first renewals at once: the other inserted it, and readers check whichever copy is left.
    if (!isDuplicateKeyError(error)) throw error;
  }
}

function rowsOf(copy: StoredCopy): CheckinStateRow[] {
  return copy.states.map(({ checkinId, ...state }) => ({ ...withoutUnset(state), id: String(checkinId) })).sort(byDay);
}

/** As stateOfCheckin gives it: a value the database left out is null. */
function withoutUnset(state: KeptCheckinState): KeptCheckinState {
  return {
    dueDay: state.dueDay,
    status: state.status,
    milestone: state.milestone,
    contactDay: state.contactDay ?? null,
    attended: state.attended ?? null,
    expected: state.expected ?? null,
    feelingSealed: state.feelingSealed ?? null,
  };
}

const copyFields = "asOf states";

/**
 * The check-ins' states of these follow-ups, each follow-up's by due day: from its copy when the copy
 * is as of every change counted, else from its check-ins (and the copy is renewed).
 */
export async function checkinStatesOf(followUps: Pick<FollowUp, "_id">[]): Promise<Map<string, CheckinStateRow[]>> {
  const ids = followUps.map((f) => f._id);
  const [counted, copies] = await Promise.all([listLengths(ids.map(changesOf)), findByIds<StoredCopy>(CheckinStatesCopyModel, ids, copyFields)]);
  const states = new Map<string, CheckinStateRow[]>();
  for (const [n, followUpId] of ids.entries()) {
    const copy = copies[n];
    const fresh = copy !== null && copy.asOf === counted.get(changesOf(followUpId));
    states.set(String(followUpId), fresh ? rowsOf(copy) : await renewCheckinStates(followUpId));
  }
  return states;
}

/** After a check-in was read whole: renews its follow-up's copy if that disagrees (a writer that stopped between the two). */
export async function mendCopyOf(followUpId: unknown, checkin: Checkin): Promise<void> {
  const copy = await CheckinStatesCopyModel.findById(followUpId).select(copyFields).lean<StoredCopy>();
  const kept = copy ? rowsOf(copy).find((s) => s.id === String(checkin._id)) : undefined;
  const { id: _, ...copied } = kept ?? { id: "" };
  if (!kept || !isDeepStrictEqual(copied, stateOfCheckin(checkin))) await checkinsChanged(followUpId, [checkin._id]);
}

/** Erasure: her follow-ups' copies go with her check-ins. */
export async function dropCheckinStates(followUpIds: unknown[]): Promise<void> {
  if (followUpIds.length) await CheckinStatesCopyModel.deleteMany({ _id: { $in: followUpIds } });
}

/** What the going-quiet rules read of a check-in's state. */
export function quietStateOfRow(state: CheckinStateRow): CheckinState {
  const feeling = decryptText(state.feelingSealed);
  return {
    id: state.id,
    dueDay: state.dueDay,
    status: state.status as CheckinState["status"],
    contactDay: state.contactDay ?? null,
    attendance: state.expected ? { attended: state.attended ?? 0, expected: state.expected } : null,
    menteeFeeling: feeling ? Number(feeling) : null,
  };
}

/**
 * Migration: every follow-up gets its copy in the copies' own collection, all in one pass over the
 * check-ins; copies an earlier version kept on the follow-up itself are removed from it.
 */
export async function keepCheckinStatesApart(): Promise<number> {
  return runOnce("checkin-states-apart", async () => {
    const followUps = await FollowUpModel.find({}).select("_id").lean();
    if (!followUps.length) return 0;
    const ids = followUps.map((f) => f._id);
    // Counted before the check-ins are read, as a renewal does: a change meanwhile makes the copy stale, never wrong.
    const counted = await listLengths(ids.map(changesOf));
    const checkins = await CheckinModel.find({}).select(checkinStateFields).lean<(CheckinForState & { followUpId: unknown })[]>();
    const byFollowUp = new Map<string, CheckinForState[]>(ids.map((id) => [String(id), []]));
    for (const checkin of checkins) byFollowUp.get(String(checkin.followUpId))?.push(checkin);
    const copies = ids.map((followUpId) => ({
      _id: followUpId,
      asOf: counted.get(changesOf(followUpId)) ?? 0,
      states: (byFollowUp.get(String(followUpId)) ?? []).map((c) => ({ checkinId: c._id, ...stateOfCheckin(c) })),
    }));
    try {
      await CheckinStatesCopyModel.insertMany(copies, { ordered: false });
    } catch (error) {
      // A copy renewed meanwhile (or by a run of this step that stopped half way) is as good as this one.
      if (!isDuplicateKeyError(error)) throw error;
    }
    // The schema no longer names these fields, so the driver's own collection removes them.
    const earlier = await FollowUpModel.collection.find({ checkinStatesAsOf: { $exists: true } }, { projection: { _id: 1 } }).toArray();
    for (const { _id } of earlier) await FollowUpModel.collection.updateOne({ _id }, { $unset: { checkinStates: "", checkinStatesAsOf: "" } });
    return followUps.length;
  });
}
