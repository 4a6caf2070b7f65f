import type { MenteePlan } from "./mentees.server.ts";
import type { MenteeFormValues } from "./mentee-form.tsx";

export function submittedMenteeValues(formData: FormData): MenteeFormValues {
  const values: MenteeFormValues = {};
  for (const key of ["firstName", "fullName", "email", "language", "readiness", "goals", "strengths", "interests", "skills", "town", "country", "travelKm", "hoursMin", "hoursMax", "barriers", "notes"]) {
    const v = formData.get(key);
    if (typeof v === "string") values[key] = v.slice(0, 5000);
  }
  for (const key of ["languages", "supportNeeded"]) values[key] = formData.getAll(key).filter((v): v is string => typeof v === "string").slice(0, 20);
  return values;
}

export function planValues(plan: MenteePlan): MenteeFormValues {
  return {
    ...plan,
    strengths: plan.strengths.join(", "),
    interests: plan.interests.join(", "),
    skills: plan.skills.join(", "),
    travelKm: String(plan.travelKm),
    hoursMin: String(plan.hoursMin),
    hoursMax: String(plan.hoursMax),
    lat: undefined,
    lng: undefined,
    hasAccount: undefined,
  } as unknown as MenteeFormValues;
}
