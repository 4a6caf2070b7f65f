import { describe, expect, it } from "vitest";
import { UserModel } from "~/accounts/model.server.ts";
import { verifyPassword } from "~/accounts/password.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { seedDemoData, DEMO_PASSWORD } from "../../seed/demo.ts";

describe("demo data", () => {
  it("holds every role, organisations in three countries and in several states", async () => {
    const result = await seedDemoData();
    expect(new Set((await UserModel.find().lean()).map((u) => u.role))).toEqual(new Set(["coordinator", "mentor", "employer", "mentee"]));
    const organisations = await OrganisationModel.find().lean();
    expect(new Set(organisations.map((o) => o.country))).toEqual(new Set(["HR", "SI", "DK"]));
    expect(new Set(organisations.map((o) => o.status))).toEqual(new Set(["pending", "verified"]));
    expect(new Set(organisations.map((o) => o.kind))).toEqual(new Set(["employer", "social_enterprise", "mentor_organisation"]));
    const coordinator = await UserModel.findOne({ role: "coordinator" }).lean();
    expect(await verifyPassword(DEMO_PASSWORD, coordinator!.passwordHash)).toBe(true);
    expect(result.logins.map((l) => l.email)).toContain(coordinator!.email);
  });

  it("changes nothing when run again, and keeps decisions made since", async () => {
    await seedDemoData();
    const pending = await OrganisationModel.findOne({ key: "lager-nord" });
    await OrganisationModel.updateOne({ _id: pending!._id }, { $set: { status: "verified" } });
    const before = { users: await UserModel.countDocuments(), organisations: await OrganisationModel.countDocuments() };
    await seedDemoData();
    expect({ users: await UserModel.countDocuments(), organisations: await OrganisationModel.countDocuments() }).toEqual(before);
    expect((await OrganisationModel.findById(pending!._id).lean())?.status).toBe("verified");
  });
});
