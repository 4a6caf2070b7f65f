import { OrganisationModel, type Organisation } from "~/organisations/model.server.ts";
import { createOrganisationRecord, mayChangeKind, updateOrganisationRecord, type OrganisationRecord } from "~/organisations/organisations.server.ts";
import { findTown } from "~/placements/gazetteer.server.ts";
import { MAX_KEY_CHARS } from "../format.ts";
import { outcome, planEach, refuseAll, type Context, type KindPlan, type Planned } from "../plan.server.ts";
import type { RawRow } from "../read-file.server.ts";
import { changedFields, keepAbsentFields, lookupValues, rawKey, validate } from "../rows.server.ts";

async function findOrganisations(keys: string[]) {
  const existing = keys.length ? await OrganisationModel.find({ key: { $in: keys } }).lean<Organisation[]>() : [];
  return new Map(existing.map((o) => [o.key!, o]));
}

/** Organisations, by a coordinator only: each row checked as registration checks its organisation, and the verification a coordinator gives. */
export async function planOrganisations(ctx: Context, rows: RawRow[]): Promise<KindPlan> {
  if (ctx.actor.role !== "coordinator") return refuseAll("organisations", rows);
  const byKey = await findOrganisations(lookupValues(rows, "key", MAX_KEY_CHARS));
  const planned = await planEach(ctx, rows, (row): Planned<{ record: OrganisationRecord; current?: Organisation }> => {
    const existing = byKey.get(rawKey(row));
    if (existing) {
      const { name, kind, mentorOrganisationType, town, country, contactEmail } = existing;
      keepAbsentFields(row, { name, kind, mentorOrganisationType, town, country, contactEmail });
    }
    const v = validate("organisations", row);
    if (!v.ok) return outcome("organisations", row, v.key, {});
    const current = byKey.get(v.key);
    if (current && !mayChangeKind(current.kind, v.input.kind)) {
      row.problems.push({ field: "kind", message: "import.errors.kindChange" });
      return outcome("organisations", row, v.key, {});
    }
    // As registration does: a town of the gazetteer, in its own spelling. A kept town is not asked again (it may predate the check).
    const keptTown = current && current.town === v.input.town && current.country === v.input.country;
    const town = keptTown ? { name: current.town } : findTown(v.input.town, v.input.country);
    if (!town) {
      row.problems.push({ field: "town", message: "errors.unknownTown" });
      return outcome("organisations", row, v.key, {});
    }
    const status = v.extra.verified === true ? "verified" : v.extra.verified === false && current?.status === "verified" ? "pending" : (current?.status ?? "pending");
    const record: OrganisationRecord = { key: v.key, ...v.input, town: town.name, mentorOrganisationType: v.input.mentorOrganisationType ?? null, contactEmail: v.input.contactEmail ?? null, status };
    ctx.organisations.set(v.key, { id: current?._id ?? null, kind: record.kind, verified: status === "verified" });
    if (!current) return outcome("organisations", row, v.key, { record: { record } });
    const changed = changedFields({ ...record }, current as unknown as Record<string, unknown>, { status: "verified" });
    return outcome("organisations", row, v.key, { record: { record, current }, existingId: current._id, changed, action: changed.length ? "update" : "unchanged" });
  });
  return {
    reports: planned.map((p) => p.report),
    write: async () => {
      for (const p of planned) {
        if (!p.record) continue;
        const { record, current } = p.record;
        if (current) await updateOrganisationRecord(ctx.actor, current, record);
        else ctx.organisations.set(record.key, { id: await createOrganisationRecord(ctx.actor, record), kind: record.kind, verified: record.status === "verified" });
      }
    },
  };
}
