import { UserModel } from "~/accounts/model.server.ts";

/** The people who act for an employer or social enterprise: whom its e-mails go to. */
export function peopleOfOrganisation(organisationId: unknown) {
  return UserModel.find({ organisationId, role: "employer" }).select("email name language").lean();
}
