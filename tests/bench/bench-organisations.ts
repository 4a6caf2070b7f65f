// The employers every search bench generates its placements for, so that the page bench
// (placements.bench.ts) and the matches request's bench (matches-queries.bench.ts) measure the same data.

/** 90 verified employers and social enterprises, a third in each country, upserted by key; their ids by key. */
export async function upsertBenchOrganisations() {
  // Imported here, not at the top: a bench sets the database's address before the models load.
  const { OrganisationModel } = await import("~/organisations/model.server.ts");
  const organisations = Array.from({ length: 90 }, (_, i) => ({
    key: `bench-org-${i}`,
    name: `Bench employer ${i}`,
    kind: i % 3 === 0 ? "social_enterprise" : "employer",
    town: ["Zagreb", "Maribor", "Aarhus"][i % 3],
    country: (["HR", "SI", "DK"] as const)[i % 3],
    status: "verified",
  }));
  const ids = new Map<string, unknown>();
  for (const o of organisations) ids.set(o.key, (await OrganisationModel.findOneAndUpdate({ key: o.key }, { $setOnInsert: o }, { upsert: true, new: true }))!._id);
  return { organisations, ids };
}
