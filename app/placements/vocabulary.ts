// The words of a supported placement, shared by forms, search filters, the index and imports.
export const placementKinds = ["job", "work_trial", "practicum", "social_enterprise", "training", "volunteering"] as const;
export type PlacementKind = (typeof placementKinds)[number];

export const sectors = [
  "hospitality",
  "food_production",
  "retail",
  "warehouse_logistics",
  "cleaning_facilities",
  "manufacturing",
  "construction",
  "care",
  "agriculture_gardening",
  "office_admin",
  "it",
  "transport",
  "crafts_repair",
  "recycling",
  "culture_community",
] as const;
export type Sector = (typeof sectors)[number];

export const supportOptions = [
  "onsite_buddy",
  "gradual_start",
  "flexible_hours",
  "accessible_workplace",
  "language_support",
  "transport_help",
  "appointment_tolerance",
  "wage_subsidy",
] as const;
export type Support = (typeof supportOptions)[number];

export const placementReadiness = ["job_ready", "activity_ready"] as const;
export const scheduleFlexibility = ["fixed", "some", "flexible"] as const;
export const physicalDemands = ["low", "medium", "high"] as const;
export const textLanguages = ["hr", "sl", "da", "en"] as const;
/** Languages a placement may ask for (ISO 639-1). */
export const workLanguages = ["hr", "sl", "da", "en", "de", "bs", "sr", "ar", "uk", "so", "tr"] as const;

export const placementStatuses = ["draft", "published", "paused", "filled", "closed", "taken_down"] as const;
export type PlacementStatus = (typeof placementStatuses)[number];

/**
 * What an employer (by hand or by import) may do from each state; anything else is refused.
 * Nobody but a coordinator enters or leaves "taken_down" otherwise than by closing: see
 * takeDownFrom and docs/decisions/012-take-down.md.
 */
export const lifecycle: Record<PlacementStatus, PlacementStatus[]> = {
  draft: ["published", "closed"],
  published: ["paused", "filled", "closed"],
  paused: ["published", "closed"],
  filled: ["published", "closed"],
  closed: [],
  taken_down: ["closed"],
};

/**
 * Open: the public can find it, and a mentee can still answer an offer of it, be introduced to it
 * and consent to that. Paused, filled, closed and taken down placements are not.
 */
export const isOpen = (status: string) => status === "published";

/** Ended for good: nobody is taken on for it any more, not even someone already introduced (decision 012 for taking down). */
export const hasEnded = (status: string) => status === "closed" || status === "taken_down";

/** A closed placement is final: neither its fields nor its status change any more. */
export const isEditable = (status: PlacementStatus) => status !== "closed";

/** The states a coordinator takes a placement down from (again from taken_down: a new reason after a review). */
export const takeDownFrom: PlacementStatus[] = ["published", "paused", "filled", "taken_down"];

export const radiusChoices = [5, 10, 20, 50, 100] as const;
export const sortChoices = ["relevance", "distance", "start"] as const;
