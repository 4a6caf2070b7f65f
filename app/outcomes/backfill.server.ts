import { UserModel } from "~/accounts/model.server.ts";
import { CheckinModel, FollowUpModel, OutcomeEventModel } from "~/checkins/model.server.ts";
import { now } from "~/clock/clock.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { IntroductionModel } from "~/introductions/model.server.ts";
import type { LedgerFact } from "~/ledger/events.ts";
import { appendLedgerFacts } from "~/ledger/ledger.server.ts";
import { LedgerMarkModel } from "~/ledger/model.server.ts";
import { ProposalModel } from "~/matching/model.server.ts";
import { AuditEntryModel, MenteeModel } from "~/mentees/model.server.ts";

type Fact = Omit<LedgerFact, "seq">;
const dayOf = (at: Date | string | number) => new Date(at).toISOString().slice(0, 10);

/**
 * A database from before the ledger: its events are derived once from the records that hold them
 * (mentees, handovers, proposals, introductions' histories, follow-ups, outcome events,
 * check-ins). What those records never kept is missing: readiness steps before the current one
 * (only the day of the last change is known, so it is recorded without its "from") and the days a
 * moved check-in was due before. The "backfilled" mark is inserted first, so of two processes
 * starting together one derives. Returns the number of events written.
 */
export async function backfillLedger(): Promise<number> {
  try {
    await LedgerMarkModel.create({ _id: "backfilled", at: now() });
  } catch (error) {
    if (isDuplicateKeyError(error)) return 0;
    throw error;
  }
  const mentees = await MenteeModel.find({}).select("mentorId country readiness readinessChangedAt createdAt").lean();
  if (!mentees.length) return 0;
  const [handovers, mentors] = await Promise.all([
    AuditEntryModel.find({ part: "handover" }).select("menteeId at handover").sort({ at: 1 }).lean(),
    UserModel.find({ role: "mentor" }).select("organisationId").lean(),
  ]);
  const organisationOf = new Map(mentors.map((m) => [String(m._id), m.organisationId ? String(m.organisationId) : ""]));
  const byMentee = new Map(mentees.map((m) => [String(m._id), m]));
  const handoversOf = new Map<string, typeof handovers>();
  for (const h of handovers) handoversOf.set(String(h.menteeId), [...(handoversOf.get(String(h.menteeId)) ?? []), h]);
  /** The lead mentor of a mentee on a day, from her handovers. */
  const leadOn = (menteeId: string, day: string): string => {
    const mentee = byMentee.get(menteeId);
    const steps = handoversOf.get(menteeId) ?? [];
    let lead = steps.length ? String(steps[0].handover!.fromMentorId) : String(mentee?.mentorId ?? "");
    for (const step of steps) if (dayOf(step.at) <= day) lead = String(step.handover!.toMentorId);
    return lead;
  };
  const facts: Fact[] = [];
  const about = (menteeId: string, day: string, fact: Omit<Fact, "day" | "menteeId" | "mentorId" | "organisationId" | "country">, mentorId = leadOn(menteeId, day)) => {
    const mentee = byMentee.get(menteeId);
    if (!mentee) return;
    facts.push({ ...fact, day, menteeId, mentorId, organisationId: organisationOf.get(mentorId) ?? "", country: mentee.country });
  };

  for (const mentee of mentees) {
    const id = String(mentee._id);
    const joined = dayOf(mentee.createdAt);
    const changedLater = new Date(mentee.readinessChangedAt).getTime() - new Date(mentee.createdAt).getTime() > 60_000;
    about(id, joined, { kind: "joined", to: changedLater ? undefined : mentee.readiness });
    if (changedLater) about(id, dayOf(mentee.readinessChangedAt), { kind: "readiness", to: mentee.readiness });
    for (const step of handoversOf.get(id) ?? []) about(id, dayOf(step.at), { kind: "handover" }, String(step.handover!.toMentorId));
  }
  for (const proposal of await ProposalModel.find({}).select("menteeId createdAt").lean()) {
    about(String(proposal.menteeId), dayOf(proposal.createdAt as Date), { kind: "proposed", ref: String(proposal._id) });
  }
  for (const introduction of await IntroductionModel.find({}).select("menteeId history").lean()) {
    for (const step of introduction.history ?? []) {
      if (!step.at || !step.status) continue;
      const kind = step.status === "introduced" ? "introduced" : ["accepted", "meeting_proposed", "declined"].includes(step.status) ? "answered" : null;
      if (kind) about(String(introduction.menteeId), dayOf(step.at), { kind, ref: String(introduction._id), status: step.status });
    }
  }
  const followUps = await FollowUpModel.find({}).select("menteeId startDay placementKind").lean();
  for (const f of followUps) about(String(f.menteeId), dayOf(f.startDay), { kind: "started", ref: String(f._id), status: f.placementKind });
  const checkins = await CheckinModel.find({}).select("menteeId followUpId dueDay status milestone mentorPart.contactDay").lean();
  const milestoneOf = new Map(checkins.map((c) => [String(c._id), c.milestone]));
  for (const event of await OutcomeEventModel.find({ kind: { $ne: "started" } }).lean()) {
    const menteeId = String(event.menteeId);
    if (event.kind === "still_in_work" || event.kind === "not_in_work") {
      const milestone = event.checkinId ? milestoneOf.get(String(event.checkinId)) : undefined;
      if (milestone) about(menteeId, dayOf(event.day), { kind: "in_work", ref: String(event.followUpId), milestone, status: event.kind === "still_in_work" ? "yes" : "no" });
    } else {
      about(menteeId, dayOf(event.day), { kind: "ended", ref: String(event.followUpId), status: event.kind, reason: event.reason ?? undefined });
    }
  }
  for (const c of checkins) {
    const menteeId = String(c.menteeId);
    const dueDay = dayOf(c.dueDay);
    about(menteeId, dueDay, { kind: "checkin_due", ref: String(c._id), dueDay });
    if (c.status === "cancelled") about(menteeId, dueDay, { kind: "checkin_cancelled", ref: String(c._id) });
    if (c.status === "done" && c.mentorPart?.contactDay) about(menteeId, dayOf(c.mentorPart.contactDay), { kind: "checkin_done", ref: String(c._id) });
  }
  // In the order they happened; the sort is stable, so a day's facts keep the order written above.
  facts.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  await appendLedgerFacts(facts);
  return facts.length;
}
