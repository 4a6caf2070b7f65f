import { emailOrganisation } from "~/organisations/people.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { publicUrl } from "~/env.server.ts";
import { programmeToday } from "~/i18n/dates.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { Types } from "mongoose";
import { placeOf } from "./gazetteer.server.ts";
import { PlacementModel, type Placement } from "./model.server.ts";
import { placementFormSchema, type PlacementInput } from "./schema.server.ts";
import { enqueuePlacementSync } from "./search-index.server.ts";
import { messageWith } from "~/ui/form-data.ts";
import { isEditable, lifecycle, takeDownFrom, type PlacementStatus } from "./vocabulary.ts";
import { isObjectId } from "~/db/ids.server.ts";
import { forbidden, notFound } from "~/ui/responses.server.ts";
import { now } from "~/clock/clock.ts";
import { enqueueOutbox } from "~/outbox/outbox.server.ts";
import { pageOfList, wholeList } from "~/db/id-lists.server.ts";
import { countWaitingForReview, listNewPlacements, listReviewAnswered, listReviewAsked, listStatusChange, organisationPlacementList, everyPlacementList, statusPlacementList } from "./lists.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";
import { organisationNames } from "./titles.server.ts";

type Failure = { ok: false; fieldErrors: Record<string, string> };

async function requireEmployerOrganisation(actor: SessionUser) {
  if (actor.role !== "employer" || !actor.organisationId) forbidden();
  const organisation = await OrganisationModel.findById(actor.organisationId).select("name kind status").lean();
  if (!organisation) forbidden();
  return organisation;
}

/** The placement, only when it belongs to the actor's organisation: 404 when unknown, 403 when another's. */
export async function getOwnPlacement(actor: SessionUser, placementId: string) {
  await requireEmployerOrganisation(actor);
  if (!isObjectId(placementId)) notFound();
  const placement = await PlacementModel.findById(placementId).lean<Placement>();
  if (!placement) notFound();
  if (String(placement.organisationId) !== String(actor.organisationId)) forbidden();
  return placement;
}

export async function listOwnPlacements(actor: SessionUser) {
  const organisation = await requireEmployerOrganisation(actor);
  const ids = await wholeList(organisationPlacementList(actor.organisationId), 500);
  const found = await findByIds<Placement>(PlacementModel, ids, "title kind town status updatedAt moderationReason organisationId");
  const placements = found
    .filter((p): p is Placement => Boolean(p) && String(p!.organisationId) === String(actor.organisationId))
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  return { organisation, placements };
}

function resolveTown(input: PlacementInput): { town: string; lat: number; lng: number } | Failure {
  return placeOf(input) ?? { ok: false, fieldErrors: { town: "errors.unknownTown" } };
}

/**
 * The checks the placement's capability makes after the form's own rules (a town the gazetteer
 * knows, a start day not in the past), made on what was typed when those rules refused something
 * else: the form then names every problem at once instead of one batch per submit.
 */
export function placementFormProblems(typed: FormData, currentStart?: Date | null): Record<string, string> {
  const problems: Record<string, string> = {};
  const fields = placementFormSchema.shape;
  const town = fields.town.safeParse(typed.get("town"));
  const country = fields.country.safeParse(typed.get("country"));
  if (town.success && country.success && !placeOf({ town: town.data, country: country.data })) problems.town = "errors.unknownTown";
  const start = fields.startDate.safeParse(typed.get("startDate") ?? "");
  const pastStart = start.success ? startDateProblem(start.data, currentStart) : null;
  if (pastStart) problems.startDate = pastStart;
  return problems;
}

/**
 * A start date in the past makes no sense for a new placement or a newly chosen date. A placement
 * that has started keeps its date through later edits and imports (search shows it as started).
 */
export function startDateProblem(startDate: Date | undefined, current?: Date | null): string | null {
  if (!startDate) return null;
  const today = programmeToday();
  if (startDate.toISOString().slice(0, 10) >= today) return null;
  if (current && new Date(current).getTime() === startDate.getTime()) return null;
  return messageWith("errors.startDateInPast", { earliestDate: today });
}

/** Why a placement may not move from one status to another by its employer's hand or an import (the lifecycle); null when it may. */
export function transitionProblem(from: PlacementStatus, to: PlacementStatus): string | null {
  if (lifecycle[from].includes(to)) return null;
  return from === "taken_down" ? "errors.takenDown" : "errors.transitionNotAllowed";
}

/** Only a verified organisation's placements are published. */
export function publishingProblem(organisationVerified: boolean): string | null {
  return organisationVerified ? null : "errors.organisationNotVerified";
}

/**
 * The dates a save stamps on a placement, whoever saves it: when it was published (each time it
 * becomes published), and that a taken-down placement changed since (a reviewing coordinator sees it).
 */
export function saveStamps(from: PlacementStatus | undefined, to: PlacementStatus, fieldsChanged: boolean, at = now()): { publishedAt?: Date; editedAfterTakeDownAt?: Date } {
  return {
    ...(to === "published" && from !== "published" ? { publishedAt: at } : {}),
    ...(from === "taken_down" && fieldsChanged ? { editedAfterTakeDownAt: at } : {}),
  };
}

export function placementRecordFields(input: PlacementInput, place: { town: string; lat: number; lng: number }) {
  return {
    title: input.title,
    description: input.description,
    language: input.language,
    kind: input.kind,
    sector: input.sector,
    town: place.town,
    country: input.country,
    lat: place.lat,
    lng: place.lng,
    hoursMin: input.hoursMin,
    hoursMax: input.hoursMax,
    scheduleFlexibility: input.scheduleFlexibility,
    startDate: input.startDate ?? null,
    durationWeeks: input.durationWeeks ?? null,
    places: input.places,
    readiness: input.readiness,
    languages: input.languages,
    skills: input.skills,
    physicalDemands: input.physicalDemands,
    support: input.support,
    supportNotes: input.supportNotes,
  };
}

/** A placement as it is stored: its fields, organisation, status and the stamps of its last save. */
export type PlacementRecord = ReturnType<typeof placementRecordFields> & {
  organisationId: unknown;
  status: PlacementStatus;
  key?: string;
  publishedAt?: Date;
  editedAfterTakeDownAt?: Date;
};

/** New placements are inserted this many at a time. */
const INSERT_BATCH = 1000;

/**
 * Stores new placements, the form's one or an import's thousands, and queues the published ones
 * for search. A key that another save took meanwhile leaves its record out: its id is null.
 */
export async function createPlacementRecords(records: PlacementRecord[]): Promise<(Types.ObjectId | null)[]> {
  const ids: (Types.ObjectId | null)[] = [];
  for (let i = 0; i < records.length; i += INSERT_BATCH) ids.push(...(await insertPlacements(records.slice(i, i + INSERT_BATCH))));
  await enqueuePlacementSync(ids.filter((id, i) => id && records[i]!.status === "published"));
  return ids;
}

async function insertPlacements(records: PlacementRecord[]): Promise<(Types.ObjectId | null)[]> {
  const withIds = records.map((r) => ({ ...r, _id: new Types.ObjectId() }));
  await listNewPlacements(withIds);
  try {
    return (await PlacementModel.insertMany(withIds, { ordered: false, throwOnValidationError: true })).map((p) => p._id);
  } catch (error) {
    const failures = (error as { writeErrors?: { index?: number; err?: { index?: number }; code?: number }[] }).writeErrors;
    if (!failures?.length || failures.some((f) => f.code !== undefined && f.code !== 11000)) throw error;
    const taken = new Set(failures.map((f) => f.index ?? f.err?.index));
    const saved = await PlacementModel.find({ key: { $in: records.filter((_, i) => !taken.has(i)).map((r) => r.key) } }).select("_id key").lean();
    const idOfKey = new Map(saved.map((p) => [p.key, p._id]));
    return records.map((r, i) => (taken.has(i) ? null : (idOfKey.get(r.key) ?? null)));
  }
}

export interface PlacementUpdate {
  id: unknown;
  set: Partial<PlacementRecord>;
  /** Only while the placement still has this status: a double submit or a race changes nothing. */
  whileStatus?: PlacementStatus;
}

/**
 * Saves changes to placements, one at a time (FerretDB 1.24 takes minutes for a bulk write of a
 * hundred updates), and queues them for search together. Publishing drops an old moderation
 * reason. Returns whether each was written.
 */
export async function updatePlacementRecords(updates: PlacementUpdate[]): Promise<boolean[]> {
  const written: boolean[] = [];
  for (const { id, set, whileStatus } of updates) {
    let current: { status?: string | null; reviewRequestedAt?: Date | null } | null = null;
    if (set.status && set.status !== whileStatus) {
      current = await PlacementModel.findById(id).select("status reviewRequestedAt").lean();
      if (whileStatus || current?.status !== set.status) await listStatusChange([id], set.status);
    }
    const result = await PlacementModel.updateOne(
      { _id: id, ...(whileStatus ? { status: whileStatus } : {}) },
      { $set: set, ...(set.publishedAt ? { $unset: { moderationReason: 1 } } : {}) },
    );
    written.push(result.matchedCount > 0);
    // Closed (the only way out of taken_down but a coordinator's): no longer waiting for a review.
    if (result.modifiedCount > 0 && current && waitedForReview(current) && set.status !== "taken_down") await listReviewAnswered(id);
    // Closed by the employer's hand or by an import: the mentors of mentees waiting on it hear of it.
    if (result.modifiedCount > 0 && set.status === "closed" && current && current.status !== "closed") await tellOfEnding(id, "closed");
  }
  await enqueuePlacementSync(updates.filter((_, i) => written[i]).map((u) => u.id));
  return written;
}

export async function createPlacement(
  actor: SessionUser,
  input: PlacementInput,
  options: { publish: boolean },
): Promise<{ ok: true; id: string; published: boolean } | Failure> {
  const organisation = await requireEmployerOrganisation(actor);
  const place = resolveTown(input);
  if ("ok" in place) return place;
  const pastStart = startDateProblem(input.startDate);
  if (pastStart) return { ok: false, fieldErrors: { startDate: pastStart } };
  const status = options.publish ? "published" : "draft";
  const unpublishable = options.publish && publishingProblem(organisation.status === "verified");
  if (unpublishable) return { ok: false, fieldErrors: { form: unpublishable } };
  const [id] = await createPlacementRecords([{ ...placementRecordFields(input, place), organisationId: actor.organisationId, status, ...saveStamps(undefined, status, true) }]);
  return { ok: true, id: String(id), published: options.publish };
}

export async function updatePlacement(actor: SessionUser, placementId: string, input: PlacementInput): Promise<{ ok: true } | Failure> {
  const placement = await getOwnPlacement(actor, placementId);
  if (!isEditable(placement.status as PlacementStatus)) return { ok: false, fieldErrors: { form: "errors.transitionNotAllowed" } };
  const place = resolveTown(input);
  if ("ok" in place) return place;
  const pastStart = startDateProblem(input.startDate, placement.startDate);
  if (pastStart) return { ok: false, fieldErrors: { startDate: pastStart } };
  const status = placement.status as PlacementStatus;
  await updatePlacementRecords([{ id: placement._id, set: { ...placementRecordFields(input, place), ...saveStamps(status, status, true) } }]);
  return { ok: true };
}

export async function changePlacementStatus(actor: SessionUser, placementId: string, to: PlacementStatus): Promise<{ ok: true } | Failure> {
  const organisation = await requireEmployerOrganisation(actor);
  const placement = await getOwnPlacement(actor, placementId);
  const from = placement.status as PlacementStatus;
  const problem = transitionProblem(from, to) ?? (to === "published" ? publishingProblem(organisation.status === "verified") : null);
  if (problem) return { ok: false, fieldErrors: { form: problem } };
  const [written] = await updatePlacementRecords([{ id: placement._id, set: { status: to, ...saveStamps(from, to, false) }, whileStatus: from }]);
  if (!written) return { ok: false, fieldErrors: { form: "errors.transitionNotAllowed" } };
  return { ok: true };
}

/** The outbox kind that tells those waiting on a placement that it ended; app/introductions carries it out. */
export const PLACEMENT_ENDED = "placement-ended";

/**
 * Queued once per ending (closed for good is final; each take-down from a placement that was up
 * is its own), so that the mentors of mentees with offers or introductions still open for it hear of it.
 */
async function tellOfEnding(placementId: unknown, how: "closed" | "taken_down") {
  const key = how === "closed" ? `${PLACEMENT_ENDED}:${String(placementId)}:closed` : `${PLACEMENT_ENDED}:${String(placementId)}:taken_down:${now().getTime()}`;
  await enqueueOutbox(PLACEMENT_ENDED, { placementId: String(placementId), how, key }, null, { key });
}

/** Every placement, for a coordinator; taken-down placements whose employer asked for a review are counted apart. */
export async function listAllPlacements(actor: SessionUser, options: { status?: PlacementStatus; page: number }) {
  if (actor.role !== "coordinator") forbidden();
  const pageSize = 50;
  const list = options.status ? statusPlacementList(options.status) : everyPlacementList;
  const [{ ids, length, page, pages }, waitingForReview] = await Promise.all([pageOfList(list, { page: options.page, pageSize }), countWaitingForReview()]);
  const found = await findByIds<Placement>(PlacementModel, ids, "title kind town country status organisationId updatedAt moderationReason takenDownAt reviewRequestedAt editedAfterTakeDownAt");
  // A status's list still names placements that have left it since: they are skipped here.
  const placements = found.filter((p): p is Placement => Boolean(p) && (!options.status || p!.status === options.status));
  const names = await organisationNames(placements.map((p) => p.organisationId));
  return {
    total: length,
    waitingForReview,
    page,
    pages,
    placements: placements.map((p) => ({ ...p, organisationName: names.get(String(p.organisationId)) ?? "" })),
  };
}

/** One placement as the coordinators' list shows it (for a refused form about a placement on another page); null when there is none. */
export async function placementForModeration(actor: SessionUser, id: string) {
  if (actor.role !== "coordinator") forbidden();
  if (!isObjectId(id)) return null;
  const placement = await PlacementModel.findById(id)
    .select("title kind town country status organisationId updatedAt moderationReason takenDownAt reviewRequestedAt editedAfterTakeDownAt")
    .lean<Placement>();
  if (!placement) return null;
  const names = await organisationNames([placement.organisationId]);
  return { ...placement, organisationName: names.get(String(placement.organisationId)) ?? "" };
}

/** Every person of the placement's organisation gets the e-mail: that it was taken down and why (with a reason), or that it is back. */
async function tellEmployer(placement: Pick<Placement, "_id" | "organisationId" | "title">, reason: string | null) {
  const link = `${publicUrl()}/employer/placements/${placement._id}`;
  if (reason === null) await emailOrganisation(placement.organisationId, { template: "placementRestored", params: { title: placement.title, link }, about: null });
  else await emailOrganisation(placement.organisationId, { template: "placementUnpublished", params: { title: placement.title, reason, link }, about: null });
}

/**
 * A coordinator takes a placement off the public list, with a reason the employer is told. It
 * stays down until a coordinator puts it back (restorePlacement); the employer may change it and
 * ask for a review. Taking it down again (after a review) replaces the reason.
 */
export async function takeDownPlacement(actor: SessionUser, placementId: string, reason: string): Promise<boolean> {
  if (actor.role !== "coordinator") forbidden();
  if (!isObjectId(placementId)) return false;
  await listStatusChange([placementId], "taken_down");
  const placement = await PlacementModel.findOneAndUpdate(
    { _id: placementId, status: { $in: takeDownFrom } },
    { $set: { status: "taken_down", moderationReason: reason, takenDownAt: new Date() }, $unset: { reviewRequestedAt: 1, editedAfterTakeDownAt: 1 } },
    { new: false, lean: true },
  );
  if (!placement) return false;
  if (waitedForReview(placement)) await listReviewAnswered(placement._id);
  await enqueuePlacementSync([placement._id]);
  await tellEmployer(placement, reason);
  // Taken down again after a review: those waiting on it heard of it the first time.
  if (placement.status !== "taken_down") await tellOfEnding(placement._id, "taken_down");
  return true;
}

/** The placement as it was before a write: taken down, with a review asked for. */
const waitedForReview = (placement: { status?: string | null; reviewRequestedAt?: Date | null }) => placement.status === "taken_down" && Boolean(placement.reviewRequestedAt);

/** A coordinator agrees: the taken-down placement is published again and the employer is told. */
export async function restorePlacement(actor: SessionUser, placementId: string): Promise<boolean> {
  if (actor.role !== "coordinator") forbidden();
  if (!isObjectId(placementId)) return false;
  await listStatusChange([placementId], "published");
  const placement = await PlacementModel.findOneAndUpdate(
    { _id: placementId, status: "taken_down" },
    { $set: { status: "published", publishedAt: new Date() }, $unset: { moderationReason: 1, takenDownAt: 1, reviewRequestedAt: 1, editedAfterTakeDownAt: 1 } },
    { new: false, lean: true },
  );
  if (!placement) return false;
  if (waitedForReview(placement)) await listReviewAnswered(placement._id);
  await enqueuePlacementSync([placement._id]);
  await tellEmployer(placement, null);
  return true;
}

/** The employer asks a coordinator to look at a taken-down placement again (once per take-down). */
export async function requestReview(actor: SessionUser, placementId: string): Promise<{ ok: true } | Failure> {
  const placement = await getOwnPlacement(actor, placementId);
  if (placement.status !== "taken_down") return { ok: false, fieldErrors: { form: "errors.transitionNotAllowed" } };
  const changed = await PlacementModel.updateOne({ _id: placement._id, status: "taken_down", reviewRequestedAt: { $exists: false } }, { $set: { reviewRequestedAt: new Date() } });
  if (changed.modifiedCount === 0) return { ok: false, fieldErrors: { form: "errors.reviewAlreadyRequested" } };
  await listReviewAsked(placement._id);
  return { ok: true };
}

/**
 * Placements taken down before "taken_down" existed were paused with a reason, and their employer
 * could publish them again. A migration (server/migrate.ts): they become taken down, as the coordinator meant.
 */
export async function adoptEarlierTakeDowns(): Promise<number> {
  const earlier = await PlacementModel.find({ status: "paused", moderationReason: { $exists: true, $nin: [null, ""] } }).select("_id").lean();
  if (earlier.length === 0) return 0;
  await listStatusChange(
    earlier.map((p) => p._id),
    "taken_down",
  );
  const result = await PlacementModel.updateMany({ status: "paused", moderationReason: { $exists: true, $nin: [null, ""] } }, { $set: { status: "taken_down" } });
  return result.modifiedCount;
}

/** When an organisation's verification changes, each of its placements may enter or leave the public index. */
export async function syncOrganisationPlacements(organisationId: unknown) {
  const placements = await PlacementModel.find({ organisationId }).select("_id").lean();
  await enqueuePlacementSync(placements.map((p) => p._id));
}
