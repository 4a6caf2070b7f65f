import { z } from "zod";
import type { SessionUser } from "~/accounts/session.server.ts";
import { readSetting, settingHistory, writeSetting } from "~/programme/settings.server.ts";
import { forbidden } from "~/ui/responses.server.ts";
import { defaultMilestones, milestoneLimits, milestoneOf, type Milestone, type MilestoneAfter } from "./schedule.ts";

// The programme's own follow-up milestones: one programme setting, changed by a coordinator on
// /coordinator/milestones. A start takes the list in force when it is recorded and keeps it in its
// follow-up, so changing the list never changes a plan already opened.

const SETTING = "followUpMilestones";

/** A stored list as a coordinator's form can make it; anything else is not used (the defaults are). */
const storedMilestones = z
  .array(z.union([z.object({ days: z.number().int().min(1).max(milestoneLimits.days) }), z.object({ months: z.number().int().min(1).max(milestoneLimits.months) })]))
  .min(1)
  .max(milestoneLimits.most);

function milestonesFrom(value: unknown): Milestone[] | null {
  const parsed = storedMilestones.safeParse(value);
  return parsed.success ? parsed.data.map((after) => milestoneOf("months" in after ? { months: after.months } : { days: after.days })) : null;
}

/** The milestones a start recorded now gets: the programme's own list, or the defaults while there is none. */
export async function programmeMilestones(): Promise<Milestone[]> {
  return milestonesFrom((await readSetting(SETTING))?.value) ?? [...defaultMilestones];
}

/** What the coordinator's page shows: the list in force, whether it is the default, who changed it last, and the earlier changes. */
export async function milestoneSettings(actor: SessionUser) {
  if (actor.role !== "coordinator") forbidden();
  const [stored, history] = await Promise.all([readSetting(SETTING), settingHistory(SETTING)]);
  const own = milestonesFrom(stored?.value);
  return {
    milestones: own ?? [...defaultMilestones],
    isDefault: !own,
    changedByName: own ? stored!.changedByName : null,
    changedAt: own ? stored!.changedAt.toISOString() : null,
    history: history.map((h) => ({ at: h.at.toISOString(), by: h.changedByName, milestones: (milestonesFrom(h.after) ?? []).map((m) => m.name) })),
  };
}

/** A coordinator sets the programme's milestones (checked by milestonesFormSchema); the change is kept with who made it. */
export async function saveProgrammeMilestones(actor: SessionUser, milestones: MilestoneAfter[]): Promise<void> {
  if (actor.role !== "coordinator") forbidden();
  if (!milestonesFrom(milestones)) throw new Error("milestones outside their limits reached saveProgrammeMilestones");
  await writeSetting(actor, SETTING, milestones.map((after) => ("months" in after ? { months: after.months } : { days: after.days })));
}

/** Back to the portal's defaults, as a change like any other (so the history says who did it). */
export async function restoreDefaultMilestones(actor: SessionUser): Promise<void> {
  await saveProgrammeMilestones(actor, defaultMilestones.map((m) => m.after));
}
