import { isDeepStrictEqual } from "node:util";
import { decryptText } from "~/security/encryption.server.ts";
import { appendToList, listLength, listLengths, runOnce } from "~/db/id-lists.server.ts";
import type { CheckinState } from "./quiet.ts";
import { checkinsOfFollowUps } from "./lists.server.ts";
import { CheckinModel, FollowUpModel, type Checkin, type FollowUp } from "./model.server.ts";

// Each follow-up keeps a copy of what its check-ins' lists and the going-quiet rules read
// (model.server.ts, checkinStates): a mentor's start page and check-ins page read her caseload's
// follow-ups and no check-in. The check-in stays the record; the copy follows it.
//
// On FerretDB an update reads the whole document and writes it back, so two writers of one
// follow-up may undo each other. The copy is therefore never patched: every change of a check-in is
// counted in an insert-only list (app/db/id-lists.server.ts: atomic on both databases), and the copy
// is renewed whole from the check-ins, noting the count it was read after. A reader uses a copy
// only when its count is the list's length; any other follow-up's lists come from its check-ins,
// and that reader renews its copy.

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
const stateKey = (checkinId: unknown) => `c${String(checkinId)}`;

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
  const states = Object.fromEntries(checkins.map((c) => [stateKey(c._id), stateOfCheckin(c)]));
  // By _id alone (FerretDB finds anything more by reading the collection): a slower renewal that
  // lands last leaves a copy as of fewer changes than counted, which readers pass over and renew.
  await FollowUpModel.updateOne({ _id: followUpId }, { $set: { checkinStates: states, checkinStatesAsOf: asOf } });
  return checkins.map((c) => ({ ...stateOfCheckin(c), id: String(c._id) })).sort(byDay);
}

function copyOf(followUp: Pick<FollowUp, "checkinStates">): CheckinStateRow[] {
  const kept = (followUp.checkinStates ?? {}) as unknown as Record<string, KeptCheckinState>;
  return Object.entries(kept)
    .map(([key, state]) => ({ ...state, id: key.slice(1) }))
    .sort(byDay);
}

/**
 * The check-ins' states of these follow-ups, each follow-up's by due day: from its copy when the copy
 * is as of every change counted, else from its check-ins (and the copy is renewed).
 */
export async function checkinStatesOf(followUps: Pick<FollowUp, "_id" | "checkinStates" | "checkinStatesAsOf">[]): Promise<Map<string, CheckinStateRow[]>> {
  const counted = await listLengths(followUps.map((f) => changesOf(f._id)));
  const states = new Map<string, CheckinStateRow[]>();
  for (const followUp of followUps) {
    const fresh = typeof followUp.checkinStatesAsOf === "number" && followUp.checkinStatesAsOf === counted.get(changesOf(followUp._id));
    states.set(String(followUp._id), fresh ? copyOf(followUp) : await renewCheckinStates(followUp._id));
  }
  return states;
}

/** After a check-in was read whole: renews its follow-up's copy if that disagrees (a writer that stopped between the two). */
export async function mendCopyOf(followUp: Pick<FollowUp, "_id" | "checkinStates" | "checkinStatesAsOf">, checkin: Checkin): Promise<void> {
  const kept = copyOf(followUp).find((s) => s.id === String(checkin._id));
  const { id: _, ...copied } = kept ?? { id: "" };
  if (!kept || !isDeepStrictEqual(copied, stateOfCheckin(checkin))) await checkinsChanged(followUp._id, [checkin._id]);
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

/** Migration: follow-ups started before they kept a copy get it, all in one pass over the check-ins. */
export async function keepEarlierCheckinStates(): Promise<number> {
  return runOnce("checkin-states", async () => {
    const followUps = await FollowUpModel.find({ checkinStatesAsOf: { $exists: false } })
      .select("_id")
      .lean();
    if (!followUps.length) return 0;
    // Counted before the check-ins are read, as a renewal does: a change meanwhile makes the copy stale, never wrong.
    const counted = await listLengths(followUps.map((f) => changesOf(f._id)));
    const checkins = await CheckinModel.find({}).select(checkinStateFields).lean<(CheckinForState & { followUpId: unknown })[]>();
    const byFollowUp = new Map<string, Record<string, KeptCheckinState>>(followUps.map((f) => [String(f._id), {}]));
    for (const checkin of checkins) {
      const states = byFollowUp.get(String(checkin.followUpId));
      if (states) states[stateKey(checkin._id)] = stateOfCheckin(checkin);
    }
    for (const [followUpId, states] of byFollowUp) {
      await FollowUpModel.updateOne({ _id: followUpId }, { $set: { checkinStates: states, checkinStatesAsOf: counted.get(changesOf(followUpId)) ?? 0 } });
    }
    return followUps.length;
  });
}
