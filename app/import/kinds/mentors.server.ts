import type { Types } from "mongoose";
import { UserModel } from "~/accounts/model.server.ts";
import { approveMentorByCoordinator, updateMentorByCoordinator, type MentorByCoordinator } from "~/organisations/verification.server.ts";
import { MAX_KEY_CHARS } from "../format.ts";
import { organisationKeysById, outcome, planEach, refuseAll, rememberMentor, type Context, type KindPlan, type Planned } from "../plan.server.ts";
import type { RawRow } from "../read-file.server.ts";
import { changedFields, findByKeys, lookupValues, MAX_EMAIL_CHARS, validate } from "../rows.server.ts";

type Account = { _id: Types.ObjectId; key?: string | null; email: string; name: string; role: string; language: string; organisationId?: Types.ObjectId | null; approval: string };

type MentorRow = Omit<MentorByCoordinator, "organisationId"> & { organisationKey: string };

/**
 * Mentor accounts, by a coordinator only: a new one approved at once and invited, or an approved
 * mentor (with this key, or registered with this address and no key yet) changed.
 */
export async function planMentors(ctx: Context, rows: RawRow[]): Promise<KindPlan> {
  if (ctx.actor.role !== "coordinator") return refuseAll("mentors", rows);
  const keys = lookupValues(rows, "key", MAX_KEY_CHARS);
  const emails = lookupValues(rows, "email", MAX_EMAIL_CHARS);
  const [byKeyAll, withEmail] = await Promise.all([
    findByKeys<Account>(UserModel as never, keys, "mentor"),
    UserModel.find({ email: { $in: emails } }).select("key email name role language organisationId approval").lean<Account[]>(),
  ]);
  const byKey = new Map([...byKeyAll].filter(([, u]) => u.role === "mentor"));
  const withKey = [...byKey.values()];
  const byEmail = new Map(withEmail.map((u) => [u.email, u]));
  const organisationKeyOf = await organisationKeysById([...withKey, ...withEmail].map((u) => u.organisationId));
  const planned = await planEach(ctx, rows, (row): Planned<MentorRow> => {
    const v = validate("mentors", row);
    if (!v.ok) return outcome("mentors", row, v.key, {});
    const organisation = ctx.organisations.get(v.extra.organisation);
    if (!organisation) row.problems.push({ field: "organisation", message: "import.errors.unknownOrganisation" });
    else if (organisation.kind !== "mentor_organisation") row.problems.push({ field: "organisation", message: "import.errors.notMentorOrganisation" });
    let current = byKey.get(v.key);
    if (current && current.email !== v.input.email) row.problems.push({ field: "email", message: "import.errors.emailChange" });
    if (!current) {
      const sameEmail = byEmail.get(v.input.email);
      if (sameEmail && (sameEmail.role !== "mentor" || sameEmail.key)) row.problems.push({ field: "email", message: "import.errors.emailInUse" });
      else if (sameEmail && sameEmail.approval !== "approved") row.problems.push({ field: "email", message: "import.errors.mentorNotApproved" });
      else current = sameEmail;
    }
    const record: MentorRow = { key: v.key, email: v.input.email, name: v.input.name, language: v.input.language, organisationKey: v.extra.organisation };
    if (!row.problems.length) rememberMentor(ctx, { id: current?._id ?? null, key: v.key, email: record.email });
    if (!current) return outcome("mentors", row, v.key, { record });
    const changed = changedFields(
      { key: record.key, name: record.name, language: record.language, organisation: record.organisationKey },
      { key: current.key ?? (byKey.get(v.key) === current ? v.key : undefined), name: current.name, language: current.language, organisation: organisationKeyOf.get(String(current.organisationId)) },
    );
    return outcome("mentors", row, v.key, { record, existingId: current._id, changed, action: changed.length ? "update" : "unchanged" });
  });
  return {
    reports: planned.map((p) => p.report),
    write: async () => {
      for (const p of planned) {
        if (!p.record) continue;
        const { organisationKey, ...mentor } = p.record;
        const organisationId = ctx.organisations.get(organisationKey)?.id;
        if (p.existingId) await updateMentorByCoordinator(ctx.actor, p.existingId, { key: mentor.key, name: mentor.name, language: mentor.language, organisationId });
        const id = p.existingId ?? (await approveMentorByCoordinator(ctx.actor, { ...mentor, organisationId }));
        rememberMentor(ctx, { id, key: mentor.key, email: mentor.email });
      }
    },
  };
}
