import { UserModel } from "~/accounts/model.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { runOutboxOnce } from "~/outbox/outbox.server.ts";
import { OutboxModel } from "~/outbox/model.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { placementFormSchema, type PlacementInput } from "~/placements/schema.server.ts";

let counter = 0;

/** An employer account with its organisation, verified or not. */
export async function makeEmployer(status: "verified" | "pending" = "verified"): Promise<SessionUser> {
  const n = `${Date.now()}-${counter++}`;
  const organisation = await OrganisationModel.create({ name: `Pekara ${n}`, kind: "employer", town: "Varaždin", country: "HR", status });
  const user = await UserModel.create({
    email: `employer-${n}@example.test`,
    name: "Employer",
    role: "employer",
    organisationId: organisation._id,
    passwordHash: "x",
    emailConfirmedAt: new Date(),
  });
  return user.toObject();
}

/** A valid placement as the form would send it, with overrides. */
export function placementInput(overrides: Record<string, unknown> = {}): PlacementInput {
  return placementFormSchema.parse({
    title: "Kitchen assistant",
    description: "You prepare vegetables, wash dishes and help the cooks in a busy kitchen.",
    language: "en",
    kind: "work_trial",
    sector: "hospitality",
    town: "Varaždin",
    country: "HR",
    hoursMin: "10",
    hoursMax: "20",
    scheduleFlexibility: "some",
    places: "2",
    readiness: "activity_ready",
    languages: ["hr"],
    skills: "cooking, dishwashing",
    physicalDemands: "medium",
    support: ["onsite_buddy", "gradual_start"],
    supportNotes: "",
    ...overrides,
  });
}

/** Carries out every outbox item that is due, as the worker would. */
export async function drainOutbox(maxRounds = 20) {
  for (let round = 0; round < maxRounds; round++) {
    const counts = await runOutboxOnce("test", 200);
    if (counts.done + counts.retry + counts.failed + counts.skipped === 0) return;
  }
}

export async function pendingOutbox(kind: string) {
  return OutboxModel.countDocuments({ kind, status: "pending" });
}
