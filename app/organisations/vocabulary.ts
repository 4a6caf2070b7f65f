export const organisationKinds = ["employer", "social_enterprise", "mentor_organisation"] as const;
export type OrganisationKind = (typeof organisationKinds)[number];
export const mentorOrganisationTypes = ["centre_for_social_care", "employment_service", "ngo", "housing_programme"] as const;
export const countries = ["HR", "SI", "DK"] as const;
export const verificationStatuses = ["pending", "verified", "rejected"] as const;
