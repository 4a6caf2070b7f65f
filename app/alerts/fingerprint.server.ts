import type { MenteePlan } from "~/mentees/mentees.server.ts";
import { keyedHash } from "~/security/derived-keys.server.ts";

/**
 * The plan's matching fields, hashed with a key: equal when the plan would be searched the same
 * way, different after any change that moves what fits. Keyed, because the fields (support
 * needed among them) are few enough to be guessed back from a plain hash.
 */
export function fingerprintOf(plan: MenteePlan): string {
  const sorted = (list: string[]) => [...list].map((v) => v.trim().toLowerCase()).sort();
  const fields = {
    readiness: plan.readiness,
    hours: [plan.hoursMin, plan.hoursMax],
    place: [plan.lat, plan.lng, plan.travelKm],
    languages: sorted(plan.languages),
    support: sorted(plan.supportNeeded),
    interests: sorted(plan.interests),
    skills: sorted(plan.skills),
  };
  return keyedHash("alerts-plan-fingerprint", JSON.stringify(fields));
}
