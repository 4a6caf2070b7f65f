// Measures the ranking against the labelled set: precision@3 and nDCG@5, next to a plain
// keyword search of the mentee's interests. Needs MONGODB_URI and MEILI_HOST configured.
import { keywordBaseline, rankPlacements } from "~/matching/matching.server.ts";
import type { MenteePlan } from "~/mentees/mentees.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { findTown } from "~/placements/gazetteer.server.ts";
import { PlacementModel } from "~/placements/model.server.ts";
import { rebuildPlacementIndex } from "~/placements/search-index.server.ts";
import { evalMentees, evalPlacements } from "./matching-eval.ts";

export function precisionAt(k: number, ranked: string[], relevant: Set<string>) {
  return ranked.slice(0, k).filter((id) => relevant.has(id)).length / k;
}

export function ndcgAt(k: number, ranked: string[], relevant: Set<string>) {
  const dcg = ranked.slice(0, k).reduce((sum, id, i) => sum + (relevant.has(id) ? 1 / Math.log2(i + 2) : 0), 0);
  const ideal = Array.from({ length: Math.min(k, relevant.size) }, (_, i) => 1 / Math.log2(i + 2)).reduce((a, b) => a + b, 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

async function loadEvalSet() {
  const organisation = await OrganisationModel.findOneAndUpdate(
    { key: "eval-employer" },
    { $setOnInsert: { key: "eval-employer", name: "Evaluation employer", kind: "employer", town: "Zagreb", country: "HR", status: "verified" } },
    { upsert: true, new: true },
  );
  for (const p of evalPlacements) {
    const town = findTown(p.town, p.country);
    if (!town) throw new Error(`unknown town ${p.town}`);
    await PlacementModel.updateOne(
      { key: `eval-${p.key}` },
      {
        $setOnInsert: {
          key: `eval-${p.key}`,
          organisationId: organisation!._id,
          title: p.title,
          description: p.description,
          language: p.language,
          kind: p.kind,
          sector: p.sector,
          town: town.name,
          country: p.country,
          lat: town.lat,
          lng: town.lng,
          hoursMin: p.hours[0],
          hoursMax: p.hours[1],
          scheduleFlexibility: "some",
          places: 1,
          readiness: p.readiness,
          languages: p.languages,
          skills: p.skills,
          physicalDemands: "medium",
          support: p.support,
          status: "published",
          publishedAt: new Date(),
        },
      },
      { upsert: true },
    );
  }
  await rebuildPlacementIndex();
  const ids = await PlacementModel.find({ key: { $in: evalPlacements.map((p) => `eval-${p.key}`) } }).select("key").lean();
  return new Map(ids.map((p) => [String(p._id), p.key!.slice("eval-".length)]));
}

function planOf(m: (typeof evalMentees)[number]): MenteePlan {
  const town = findTown(m.town, m.country)!;
  return {
    id: m.key,
    mentorId: "",
    hasAccount: false,
    firstName: m.firstName,
    fullName: "",
    email: "",
    language: "en",
    readiness: m.readiness,
    readinessChangedAt: new Date().toISOString(),
    goals: "",
    strengths: [],
    interests: m.interests,
    skills: m.skills,
    languages: m.languages,
    town: town.name,
    country: m.country,
    lat: town.lat,
    lng: town.lng,
    travelKm: m.travelKm,
    hoursMin: m.hours[0],
    hoursMax: m.hours[1],
    supportNeeded: m.supportNeeded,
    barriers: "",
    notes: "",
  };
}

export async function runMatchingEvaluation() {
  const keyOf = await loadEvalSet();
  const perMentee = [];
  for (const mentee of evalMentees) {
    const plan = planOf(mentee);
    const relevant = new Set(mentee.relevant);
    const ranked = (await rankPlacements(plan, {}, 10)).map((m) => keyOf.get(m.placement.id) ?? m.placement.id);
    const baseline = (await keywordBaseline(plan, 10)).map((id) => keyOf.get(id) ?? id);
    perMentee.push({
      mentee: mentee.key,
      ranking: { top5: ranked.slice(0, 5), precisionAt3: precisionAt(3, ranked, relevant), ndcgAt5: ndcgAt(5, ranked, relevant) },
      baseline: { top5: baseline.slice(0, 5), precisionAt3: precisionAt(3, baseline, relevant), ndcgAt5: ndcgAt(5, baseline, relevant) },
    });
  }
  const mean = (values: number[]) => Number((values.reduce((a, b) => a + b, 0) / values.length).toFixed(3));
  return {
    mentees: evalMentees.length,
    placements: evalPlacements.length,
    ranking: { precisionAt3: mean(perMentee.map((m) => m.ranking.precisionAt3)), ndcgAt5: mean(perMentee.map((m) => m.ranking.ndcgAt5)) },
    // With one relevant placement, precision@3 cannot exceed 1/3: this is the best any ranking could score.
    precisionAt3Ceiling: mean(evalMentees.map((m) => Math.min(3, m.relevant.length) / 3)),
    keywordBaseline: { precisionAt3: mean(perMentee.map((m) => m.baseline.precisionAt3)), ndcgAt5: mean(perMentee.map((m) => m.baseline.ndcgAt5)) },
    perMentee,
  };
}
