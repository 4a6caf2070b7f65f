import type { PlacementFormValues } from "./placement-form.tsx";
import type { Placement } from "./model.server.ts";

/** What the person typed, to show again after a refusal (strings cut short, lists kept). */
export function submittedValues(formData: FormData): PlacementFormValues {
  const text = (key: string) => {
    const v = formData.get(key);
    return typeof v === "string" ? v.slice(0, 5000) : undefined;
  };
  const list = (key: string) => formData.getAll(key).filter((v): v is string => typeof v === "string").slice(0, 20);
  return {
    title: text("title"),
    description: text("description"),
    language: text("language"),
    kind: text("kind"),
    sector: text("sector"),
    town: text("town"),
    country: text("country"),
    hoursMin: text("hoursMin"),
    hoursMax: text("hoursMax"),
    scheduleFlexibility: text("scheduleFlexibility"),
    startDate: text("startDate"),
    durationWeeks: text("durationWeeks"),
    places: text("places"),
    readiness: text("readiness"),
    languages: list("languages"),
    skills: text("skills"),
    physicalDemands: text("physicalDemands"),
    support: list("support"),
    supportNotes: text("supportNotes"),
  };
}

export function valuesOf(p: Pick<Placement, keyof Placement>): PlacementFormValues {
  return {
    title: p.title,
    description: p.description,
    language: p.language,
    kind: p.kind,
    sector: p.sector,
    town: p.town,
    country: p.country,
    hoursMin: String(p.hoursMin),
    hoursMax: String(p.hoursMax),
    scheduleFlexibility: p.scheduleFlexibility,
    startDate: p.startDate ? new Date(p.startDate).toISOString().slice(0, 10) : "",
    durationWeeks: p.durationWeeks ? String(p.durationWeeks) : "",
    places: String(p.places),
    readiness: p.readiness,
    languages: p.languages ?? [],
    skills: (p.skills ?? []).join(", "),
    physicalDemands: p.physicalDemands,
    support: p.support ?? [],
    supportNotes: p.supportNotes ?? "",
  };
}
