import type { Types } from "mongoose";
import { UserModel } from "~/accounts/model.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { implicitKey } from "./export.server.ts";
import type { ImportKind } from "./format.ts";
import { giveWay } from "./pacing.server.ts";
import type { FileSection, RawRow } from "./read-file.server.ts";
import { reportLimits, type RowAction, type RowReport } from "./report.server.ts";
import { rawKey } from "./rows.server.ts";
import { notDeactivated } from "~/accounts/activation.server.ts";

// What the kinds (kinds/*.server.ts) share while they plan a file: who imports, what rows refer
// to, and how a row's outcome becomes its line in the report.

export type Actor = Pick<SessionUser, "_id" | "role" | "approval" | "organisationId" | "name" | "email">;

export interface KnownOrganisation {
  id: Types.ObjectId | null;
  kind: string;
  verified: boolean;
}

export interface KnownMentor {
  id: Types.ObjectId | null;
  key?: string;
  email: string;
}

/** An employer's own organisation while it has no key yet: rows name it by leaving the column empty. */
const OWN_ORGANISATION = "#own";

/** What rows refer to: organisations and mentors already there, and those the same file brings. */
export interface Context {
  actor: Actor;
  /** Refused rows planned so far. */
  refused: number;
  organisations: Map<string, KnownOrganisation>;
  mentors: Map<string, KnownMentor>;
  ownOrganisation?: { id: Types.ObjectId; key: string };
}

/** A mentor rows may name by key or by e-mail address. */
export function rememberMentor(ctx: Context, mentor: KnownMentor) {
  if (mentor.key) ctx.mentors.set(mentor.key, mentor);
  ctx.mentors.set(mentor.email.toLowerCase(), mentor);
}

export async function loadContext(actor: Actor, sections: FileSection[]): Promise<Context> {
  const needs = new Set(sections.map((s) => s.kind));
  const ctx: Context = { actor, refused: 0, organisations: new Map(), mentors: new Map() };
  if (needs.has("mentors") || needs.has("placements")) {
    const organisations = await OrganisationModel.find({ key: { $exists: true } }).select("key kind status").lean();
    for (const o of organisations) if (o.key) ctx.organisations.set(o.key, { id: o._id, kind: o.kind, verified: o.status === "verified" });
  }
  if (actor.role === "employer" && actor.organisationId) {
    const own = await OrganisationModel.findById(actor.organisationId).select("key kind status").lean();
    if (own) {
      const key = own.key ?? OWN_ORGANISATION;
      ctx.ownOrganisation = { id: own._id, key };
      ctx.organisations.set(key, { id: own._id, kind: own.kind, verified: own.status === "verified" });
    }
  }
  if (needs.has("mentees")) {
    // A deactivated mentor is given no one: a coordinator's import would leave her mentees with nobody.
    const filter = actor.role === "coordinator" ? { role: "mentor", approval: "approved", ...notDeactivated } : { _id: actor._id };
    const mentors = await UserModel.find(filter).select("key email").lean();
    for (const m of mentors) {
      rememberMentor(ctx, { id: m._id, key: implicitKey("mentor", m), email: m.email });
    }
  }
  return ctx;
}

/** The keys of organisations by their id, for the `organisation` a row is compared with. */
export async function organisationKeysById(ids: unknown[]) {
  const wanted = [...new Set(ids.filter(Boolean).map(String))];
  if (!wanted.length) return new Map<string, string>();
  const organisations = await OrganisationModel.find({ _id: { $in: wanted } }).select("key").lean();
  return new Map(organisations.map((o) => [String(o._id), o.key ?? ""]));
}

/** A row's outcome: its line in the report, and what to write for it. */
export interface Planned<R> {
  report: RowReport;
  record?: R;
  existingId?: Types.ObjectId;
}

/** A kind's part of a file, checked: the report's rows, and the write that the import runs unless nothing may be written. */
export interface KindPlan {
  reports: RowReport[];
  write: () => Promise<void>;
}

export const notAllowed = (kind: ImportKind, row: RawRow): Planned<never> => ({
  report: { kind, row: row.row, key: rawKey(row), action: "reject", problems: [{ field: "row", message: "import.errors.notAllowed" }], changed: [] },
});

/** Every row refused: a kind this person may not import. */
export const refuseAll = (kind: ImportKind, rows: RawRow[]): KindPlan => ({ reports: rows.map((row) => notAllowed(kind, row).report), write: async () => {} });

/**
 * Plans each row in turn, giving way to other requests between rows. A report shows the reasons of
 * its first refused rows only (report.server.ts); later refused rows keep their first reason, so
 * that 50 000 rows of fifteen reasons each do not hold 750 000 reasons in memory.
 */
export async function planEach<R>(ctx: Context, rows: RawRow[], plan: (row: RawRow) => Planned<R>): Promise<Planned<R>[]> {
  const pause = giveWay();
  const planned: Planned<R>[] = [];
  for (const row of rows) {
    await pause();
    const p = plan(row);
    if (p.report.action === "reject" && ++ctx.refused > reportLimits.rejectedRows) p.report.problems.length = Math.min(p.report.problems.length, 1);
    planned.push(p);
  }
  return planned;
}

export function outcome<R>(kind: ImportKind, row: RawRow, key: string, result: Omit<Planned<R>, "report"> & { action?: RowAction; changed?: string[] }): Planned<R> {
  const action: RowAction = row.problems.length ? "reject" : (result.action ?? (result.existingId ? "update" : "create"));
  return {
    report: { kind, row: row.row, key, action, problems: row.problems, changed: action === "update" ? (result.changed ?? []) : [] },
    record: action === "create" || action === "update" ? result.record : undefined,
    existingId: result.existingId,
  };
}

/** A row that checked well but could not be written (another import took its key meanwhile). */
export function refuseAfterWrite(planned: Planned<unknown> | undefined, message: string) {
  if (!planned) return;
  planned.report.action = "reject";
  planned.report.problems.push({ field: "key", message });
  planned.record = undefined;
}
