import { UserModel } from "~/accounts/model.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import type { SessionUser } from "~/accounts/session.server.ts";
import { menteeFormSchema, type MenteeInput } from "~/mentees/schema.server.ts";

let counter = 0;

/** An approved (or pending) mentor of a mentor organisation, as registration makes them. */
export async function makeMentor(approval: "approved" | "pending" = "approved"): Promise<SessionUser> {
  const organisation = await OrganisationModel.create({ name: `CZSS ${Date.now()}-${counter}`, kind: "mentor_organisation", mentorOrganisationType: "centre_for_social_care", town: "Varaždin", country: "HR", status: "verified" });
  const user = await UserModel.create({
    organisationId: organisation._id,
    email: `mentor-${Date.now()}-${counter++}@example.test`,
    name: `Mentor ${counter}`,
    role: "mentor",
    approval,
    passwordHash: "x",
    emailConfirmedAt: new Date(),
  });
  return user.toObject();
}

export function menteeInput(overrides: Record<string, unknown> = {}): MenteeInput {
  return menteeFormSchema.parse({
    firstName: "Ana",
    fullName: "Ana Marić",
    language: "hr",
    readiness: "activity_ready",
    goals: "Raditi s ljudima",
    strengths: "strpljiva",
    interests: "kuhanje, pečenje",
    skills: "pranje posuđa",
    languages: ["hr"],
    town: "Varaždin",
    country: "HR",
    travelKm: "25",
    hoursMin: "8",
    hoursMax: "25",
    supportNeeded: ["gradual_start"],
    barriers: "",
    notes: "",
    ...overrides,
  });
}
