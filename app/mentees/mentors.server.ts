import { UserModel } from "~/accounts/model.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { openCheckinCounts } from "~/checkins/open.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { forbidden } from "~/ui/responses.server.ts";
import { caseloadSizes } from "./lists.server.ts";
import { caseloadOf } from "./mentees.server.ts";

// The coordinator's view of the programme's mentors: who is active, how many people each leads,
// and the mentees whose lead mentor's account was deactivated, waiting for a handover. No open
// check-in stays with a mentor who left: her reminders are not sent to them (the reminder
// handler), and this list asks the coordinator to hand her over.

/** Approved mentors, active first, each with their organisation, whether the account is active, and how many mentees they lead. */
export async function mentorsOfProgramme(actor: SessionUser) {
  if (actor.role !== "coordinator") forbidden();
  const mentors = await UserModel.find({ role: "mentor", approval: "approved" }).select("name email organisationId deactivatedAt").sort({ name: 1 }).limit(2000).lean();
  const organisations = await OrganisationModel.find({ _id: { $in: [...new Set(mentors.map((m) => String(m.organisationId ?? "")).filter(Boolean))] } })
    .select("name")
    .lean();
  const names = new Map(organisations.map((o) => [String(o._id), o.name]));
  const sizes = await caseloadSizes(mentors.map((m) => m._id));
  const caseloads = mentors.map((m) => sizes.get(String(m._id)) ?? 0);
  return mentors
    .map((m, n) => ({
      id: String(m._id),
      name: m.name,
      email: m.email,
      organisation: names.get(String(m.organisationId ?? "")) ?? "",
      deactivatedAt: m.deactivatedAt?.toISOString() ?? null,
      mentees: caseloads[n],
    }))
    .sort((a, b) => Number(Boolean(a.deactivatedAt)) - Number(Boolean(b.deactivatedAt)));
}

/** Mentees whose lead mentor's account is deactivated, with that mentor and how many open check-ins wait; oldest deactivation first. */
export async function menteesWithInactiveMentor(actor: SessionUser) {
  if (actor.role !== "coordinator") forbidden();
  const inactive = await UserModel.find({ role: "mentor", deactivatedAt: { $exists: true } }).select("name deactivatedAt").sort({ deactivatedAt: 1 }).limit(2000).lean();
  const caseloads = await Promise.all(inactive.map((mentor) => caseloadOf(mentor)));
  const openCheckins = await openCheckinCounts(caseloads.flat().map((mentee) => mentee._id));
  return inactive.flatMap((mentor, n) =>
    caseloads[n]
      .sort((a, b) => a.firstName.localeCompare(b.firstName))
      .map((mentee) => ({ id: String(mentee._id), name: mentee.fullName || mentee.firstName, firstName: mentee.firstName, country: mentee.country, mentor: mentor.name, openCheckins: openCheckins.get(String(mentee._id)) ?? 0 })),
  );
}

/** How many mentees wait for a handover because their mentor's account is deactivated (the coordinator's start page). */
export async function countMenteesWithInactiveMentor(actor: SessionUser): Promise<number> {
  if (actor.role !== "coordinator") forbidden();
  const inactive = await UserModel.find({ role: "mentor", deactivatedAt: { $exists: true } }).select("_id").limit(2000).lean();
  const sizes = await caseloadSizes(inactive.map((m) => m._id));
  return [...sizes.values()].reduce((sum, n) => sum + n, 0);
}
