import { deactivatedMentorList } from "~/accounts/lists.server.ts";
import { UserModel } from "~/accounts/model.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";
import { wholeList, wholeLists } from "~/db/id-lists.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { openCheckinCounts } from "~/checkins/open.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { pageWithin } from "~/db/paging.ts";
import { forbidden } from "~/ui/responses.server.ts";
import { caseloadList, caseloadSizes } from "./lists.server.ts";
import { mentorChoices } from "./mentees.server.ts";
import { MenteeModel, type Mentee } from "./model.server.ts";

// The coordinator's view of the programme's mentors: who is active, how many people each leads,
// and the mentees whose lead mentor's account was deactivated, waiting for a handover. No open
// check-in stays with a mentor who left: her reminders are not sent to them (the reminder
// handler), and this list asks the coordinator to hand her over.

/** How many mentors, and how many mentees waiting for a handover, a page of /coordinator/mentors shows. */
export const mentorsPageSize = 50;

type Page = { page?: number; pageSize?: number };

function pageOf<T>(rows: T[], { page: asked = 1, pageSize = mentorsPageSize }: Page) {
  const { page, pages, first } = pageWithin(rows.length, asked, pageSize);
  return { rows: rows.slice(first, first + pageSize), page, pages };
}

/**
 * Approved mentors, active first, then by name, a page at a time; each with their organisation,
 * whether the account is active, and how many mentees they lead (read for the page's mentors only).
 */
export async function mentorsOfProgramme(actor: SessionUser, paging: Page & { withChoices?: boolean } = {}) {
  if (actor.role !== "coordinator") forbidden();
  const all = await UserModel.find({ role: "mentor", approval: "approved" }).select("name email organisationId deactivatedAt").sort({ name: 1 }).limit(2000).lean();
  // Who a mentee may be handed over to (as listApprovedMentors), from the same read of the accounts.
  const choices = paging.withChoices ? await mentorChoices(all.filter((m) => !m.deactivatedAt)) : [];
  all.sort((a, b) => Number(Boolean(a.deactivatedAt)) - Number(Boolean(b.deactivatedAt)));
  const { rows: mentors, page, pages } = pageOf(all, paging);
  const [organisations, sizes] = await Promise.all([
    findByIds<{ _id: unknown; name: string }>(
      OrganisationModel,
      mentors.map((m) => String(m.organisationId ?? "")).filter(Boolean),
      "name",
    ),
    caseloadSizes(mentors.map((m) => m._id)),
  ]);
  const names = new Map(organisations.flatMap((o) => (o ? [[String(o._id), o.name] as const] : [])));
  const rows = mentors.map((m) => ({
    id: String(m._id),
    name: m.name,
    email: m.email,
    organisation: names.get(String(m.organisationId ?? "")) ?? "",
    deactivatedAt: m.deactivatedAt?.toISOString() ?? null,
    mentees: sizes.get(String(m._id)) ?? 0,
  }));
  return { mentors: rows, page, pages, choices };
}

/** Mentors whose account is deactivated, oldest deactivation first: from the list of deactivations, each account checked (one may have come back). */
async function deactivatedMentors(): Promise<{ _id: unknown; name: string; deactivatedAt: Date }[]> {
  const ids = await wholeList(deactivatedMentorList, 2000);
  const mentors = await findByIds<{ _id: unknown; name: string; role: string; deactivatedAt?: Date }>(UserModel, ids, "name role deactivatedAt");
  return mentors
    .filter((m): m is { _id: unknown; name: string; role: string; deactivatedAt: Date } => m?.role === "mentor" && Boolean(m.deactivatedAt))
    .sort((a, b) => a.deactivatedAt.getTime() - b.deactivatedAt.getTime());
}

/**
 * Mentees whose lead mentor's account is deactivated, with that mentor and how many open check-ins
 * wait; oldest deactivation first, then by first name, a page at a time. Only the caseloads that
 * reach into the page are read (the caseload sizes place them), and open check-ins are counted for
 * the page's mentees only.
 */
export async function menteesWithInactiveMentor(actor: SessionUser, { page: asked = 1, pageSize = mentorsPageSize }: Page = {}) {
  if (actor.role !== "coordinator") forbidden();
  const inactive = await deactivatedMentors();
  const sizes = await caseloadSizes(inactive.map((m) => m._id));
  const total = inactive.reduce((sum, m) => sum + (sizes.get(String(m._id)) ?? 0), 0);
  const { page, pages, first } = pageWithin(total, asked, pageSize);
  const reaching: { mentor: (typeof inactive)[number]; offset: number }[] = [];
  let offset = 0;
  for (const mentor of inactive) {
    const size = sizes.get(String(mentor._id)) ?? 0;
    if (size > 0 && offset + size > first && offset < first + pageSize) reaching.push({ mentor, offset });
    offset += size;
  }
  const lists = await wholeLists(reaching.map(({ mentor }) => caseloadList(mentor._id)), 1000);
  const found = await findByIds<Pick<Mentee, "_id" | "firstName" | "fullName" | "town" | "country" | "mentorId">>(MenteeModel, [...new Set([...lists.values()].flat())], "firstName fullName town country mentorId");
  const rows = reaching.flatMap(({ mentor, offset: from }) => {
    const ids = new Set(lists.get(caseloadList(mentor._id)));
    return found
      .filter((m): m is NonNullable<typeof m> => Boolean(m) && ids.has(String(m!._id)) && String(m!.mentorId) === String(mentor._id))
      .sort((x, y) => x.firstName.localeCompare(y.firstName))
      .map((mentee, n) => ({ at: from + n, id: String(mentee._id), name: mentee.fullName || mentee.firstName, firstName: mentee.firstName, town: mentee.town, country: mentee.country, mentor: mentor.name }))
      .filter((row) => row.at >= first && row.at < first + pageSize)
      .map(({ at: _at, ...row }) => row);
  });
  const openCheckins = await openCheckinCounts(rows.map((mentee) => mentee.id));
  return { waiting: rows.map((mentee) => ({ ...mentee, openCheckins: openCheckins.get(mentee.id) ?? 0 })), total, page, pages };
}

/** How many mentees wait for a handover because their mentor's account is deactivated (the coordinator's start page). */
export async function countMenteesWithInactiveMentor(actor: SessionUser): Promise<number> {
  if (actor.role !== "coordinator") forbidden();
  const inactive = await deactivatedMentors();
  const sizes = await caseloadSizes(inactive.map((m) => m._id));
  return [...sizes.values()].reduce((sum, n) => sum + n, 0);
}
