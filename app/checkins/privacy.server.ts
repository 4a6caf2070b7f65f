import { isoDay } from "./days.ts";
import { readableParts } from "./checkins.server.ts";
import { CheckinModel, FollowUpModel, OutcomeEventModel, type Checkin } from "./model.server.ts";
import { checkinsOfFollowUps, followUpsOfMentee, listClosedCheckins } from "./lists.server.ts";
import { dropCheckinStates } from "./states.server.ts";

/** A mentee's follow-ups, check-ins (every part, decrypted) and outcomes, for her data download. */
export async function checkinDataOf(menteeId: unknown) {
  const [followUps, checkins, outcomes] = await Promise.all([
    FollowUpModel.find({ menteeId }).lean(),
    CheckinModel.find({ menteeId }).sort({ dueDay: 1 }).lean<Checkin[]>(),
    OutcomeEventModel.find({ menteeId }).sort({ day: 1 }).lean(),
  ]);
  return {
    followUps: followUps.map((f) => ({ startDay: isoDay(f.startDay), hoursPerWeek: f.hoursPerWeek, plannedEndDay: f.plannedEndDay ? isoDay(f.plannedEndDay) : null, status: f.status })),
    checkins: checkins.map((c) => ({ milestone: c.milestone, dueDay: isoDay(c.dueDay), status: c.status, withWhom: c.withWhom, changes: c.changes, ...readableParts(c) })),
    outcomes: outcomes.map((o) => ({ kind: o.kind, day: isoDay(o.day), contractType: o.contractType ?? null, reason: o.reason ?? null })),
  };
}

/**
 * Erasure: the check-ins (the record of how she was doing) are deleted and her follow-ups end;
 * the follow-ups' dates and the outcome events stay, as the programme's statistics, no longer
 * tied to anyone once the mentee record is emptied.
 */
export async function eraseCheckinsOf(menteeId: unknown) {
  const followUps = await followUpsOfMentee(menteeId);
  const checkins = [...(await checkinsOfFollowUps(followUps.map((f) => f._id))).values()].flat();
  await CheckinModel.deleteMany({ menteeId });
  await listClosedCheckins(checkins.filter((c) => c.status === "open"));
  await dropCheckinStates(followUps.map((f) => f._id));
  await FollowUpModel.updateMany({ menteeId }, { $set: { status: "ended" } });
}
