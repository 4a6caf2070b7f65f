import { placeOf } from "~/placements/gazetteer.server.ts";
import { PlacementModel, type Placement } from "~/placements/model.server.ts";
import {
  createPlacementRecords,
  placementRecordFields,
  publishingProblem,
  saveStamps,
  startDateProblem,
  transitionProblem,
  updatePlacementRecords,
  type PlacementRecord,
} from "~/placements/placements.server.ts";
import { isEditable, type PlacementStatus } from "~/placements/vocabulary.ts";
import { readMessage } from "~/ui/form-data.ts";
import { implicitKey, placementToRow } from "../export.server.ts";
import { MAX_KEY_CHARS } from "../format.ts";
import { organisationKeysById, outcome, planEach, refuseAfterWrite, refuseAll, type Context, type KindPlan, type Planned } from "../plan.server.ts";
import type { RawRow } from "../read-file.server.ts";
import { changedFields, dropStaleCoordinates, findByKeys, keepAbsentFields, lookupValues, rawKey, validate } from "../rows.server.ts";

/** A row's placement, with its organisation by key: the file may bring the organisation too, whose id is known only once it is written. */
type PlacementRow = Omit<PlacementRecord, "organisationId"> & { key: string; organisationKey: string };

/**
 * Placements, by a coordinator (any employer's) or an employer (their own organisation's), with
 * the rules of the employer's pages: the lifecycle, publishing only when verified, no start in the
 * past, nothing changes on a closed placement. Only a coordinator, on the placement list, takes one
 * down or puts it back.
 */
export async function planPlacements(ctx: Context, rows: RawRow[]): Promise<KindPlan> {
  const { actor } = ctx;
  if (actor.role !== "coordinator" && !(actor.role === "employer" && ctx.ownOrganisation)) return refuseAll("placements", rows);
  const byKey = await findByKeys<Placement>(PlacementModel as never, lookupValues(rows, "key", MAX_KEY_CHARS), "placement");
  const organisationKeyOf = await organisationKeysById([...byKey.values()].map((p) => p.organisationId));
  const planned = await planEach(ctx, rows, (row): Planned<PlacementRow> => {
    const existingRecord = byKey.get(rawKey(row));
    const mayRead = existingRecord && (actor.role === "coordinator" || String(existingRecord.organisationId) === String(ctx.ownOrganisation?.id));
    if (existingRecord && !mayRead) {
      row.problems.push({ field: "key", message: "import.errors.keyTaken" });
      return outcome("placements", row, rawKey(row), {});
    }
    if (existingRecord) {
      dropStaleCoordinates(row, existingRecord);
      keepAbsentFields(row, placementToRow(existingRecord, organisationKeyOf.get(String(existingRecord.organisationId)) || ctx.ownOrganisation?.key || ""));
    }
    const v = validate("placements", row);
    if (!v.ok) return outcome("placements", row, v.key, {});
    const { input } = v;
    const current = byKey.get(v.key);
    let organisationKey = v.extra.organisation ?? "";
    if (actor.role === "employer") {
      const own = ctx.ownOrganisation!;
      if (!organisationKey) organisationKey = own.key;
      if (organisationKey !== own.key) row.problems.push({ field: "organisation", message: "import.errors.notYourOrganisation" });
      if (current && String(current.organisationId) !== String(own.id)) row.problems.push({ field: "key", message: "import.errors.keyTaken" });
    }
    const organisation = ctx.organisations.get(organisationKey);
    if (!organisationKey) row.problems.push({ field: "organisation", message: "errors.required" });
    else if (!organisation) row.problems.push({ field: "organisation", message: "import.errors.unknownOrganisation" });
    else if (organisation.kind === "mentor_organisation") row.problems.push({ field: "organisation", message: "import.errors.notEmployer" });
    const place = placeOf({ ...input, lat: v.extra.lat, lng: v.extra.lng });
    if (!place) row.problems.push({ field: "town", message: "errors.unknownTown" });
    const status = v.extra.status as PlacementStatus;
    const from = current?.status as PlacementStatus | undefined;
    const statusChanges = from !== undefined && from !== status;
    const transition = statusChanges ? transitionProblem(from, status) : null;
    // A file asks for a status: it neither takes a placement down nor creates one taken down.
    if (status === "taken_down" && (!current || statusChanges)) row.problems.push({ field: "status", message: "errors.takeDownOnlyOnPage" });
    else if (transition) row.problems.push({ field: "status", message: transition });
    const pastStart = startDateProblem(input.startDate, current?.startDate);
    if (pastStart) {
      const { key, params } = readMessage(pastStart);
      row.problems.push({ field: "startDate", message: key, params });
    }
    const unpublishable = status === "published" && (!current || statusChanges) && organisation ? publishingProblem(organisation.verified) : null;
    if (unpublishable) row.problems.push({ field: "status", message: unpublishable });
    if (row.problems.length || !place) return outcome("placements", row, v.key, {});
    const record: PlacementRow = { ...placementRecordFields(input, place), key: v.key, status, organisationKey };
    if (!current) return outcome("placements", row, v.key, { record: { ...record, ...saveStamps(undefined, status, true) } });
    const { organisationKey: _, ...compared } = record;
    const changed = changedFields({ ...compared, organisation: organisationKey }, { ...current, key: implicitKey("placement", current), organisation: organisationKeyOf.get(String(current.organisationId)) });
    if (changed.length && !isEditable(from!)) {
      row.problems.push({ field: "key", message: "import.errors.closedPlacement" });
      return outcome("placements", row, v.key, {});
    }
    return outcome("placements", row, v.key, { record: { ...record, ...saveStamps(from, status, changed.length > 0) }, existingId: current._id, changed, action: changed.length ? "update" : "unchanged" });
  });
  return { reports: planned.map((p) => p.report), write: () => writePlacements(ctx, planned) };
}

async function writePlacements(ctx: Context, planned: Planned<PlacementRow>[]) {
  const stored = ({ organisationKey, ...fields }: PlacementRow): PlacementRecord => ({ ...fields, organisationId: ctx.organisations.get(organisationKey)!.id! });
  const creates = planned.filter((p) => p.record && !p.existingId);
  const ids = await createPlacementRecords(creates.map((p) => stored(p.record!)));
  // Another import took a key between the check and the write: those rows are refused, the rest went in.
  ids.forEach((id, i) => id || refuseAfterWrite(creates[i], "import.errors.keyTaken"));
  await updatePlacementRecords(planned.filter((p) => p.record && p.existingId).map((p) => ({ id: p.existingId, set: stored(p.record!) })));
}
