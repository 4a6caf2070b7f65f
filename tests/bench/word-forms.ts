// `npm run bench:word-forms`: what Meilisearch finds by itself (diacritics, typos, the last word as a prefix) for
// inflected and compound words in hr, sl, da and en, next to what the vocabulary finds. Prints a Markdown table
// (docs/decisions/018-vocabulary.md).
import { join } from "node:path";
import { rmSync } from "node:fs";
import { startServices } from "../../server/services/manager.ts";
const dataDir = join(process.cwd(), ".data", `word-forms-${process.pid}`);
const services = await startServices({ dataDir, source: {} as NodeJS.ProcessEnv });
Object.assign(process.env, services.env);
try {
  const { getSearchClient } = await import("~/search/client.server.ts");
  const { placementIndexSettings } = await import("~/placements/search-index.server.ts");
  const { findConcepts } = await import("~/vocabulary/vocabulary.server.ts");
  const client = getSearchClient();
  const uid = "word-forms";
  await client.tasks.waitForTask((await client.createIndex(uid, { primaryKey: "id" })).taskUid);
  const settings = { ...placementIndexSettings, searchableAttributes: ["text"], filterableAttributes: [], sortableAttributes: [], rankingRules: ["words", "typo", "proximity", "attribute", "exactness"] };
  await client.tasks.waitForTask((await client.index(uid).updateSettings(settings)).taskUid);
  // [language, what the person types, what the placement says, kind of difference]
  const cases: [string, string, string, string][] = [
    ["hr", "cvjecarstvo", "Cvjećarstvo i aranžiranje", "diacritics"],
    ["hr", "skladiste", "Rad u skladištu", "diacritics + case ending"],
    ["hr", "skladište", "Rad u skladištu", "case ending"],
    ["hr", "frizerstvo", "Frizerski salon traži frizerku", "trade → workplace/worker"],
    ["hr", "frizer", "Frizerski salon traži frizerku", "prefix (last word)"],
    ["hr", "kuhinja", "Pomoć u kuhinji", "case ending (a→i)"],
    ["hr", "kuhanje", "Kuhar u restoranu", "trade → worker"],
    ["hr", "vrtlarstvo", "Vrtlar u gradskom vrtu", "trade → worker"],
    ["hr", "briga o starijima", "Društvo starijim osobama", "multi-word, other endings"],
    ["hr", "pekara", "Praksa u pekari", "case ending"],
    ["hr", "čišćenje", "Čistačica u uredu", "activity → worker"],
    ["sl", "skladisce", "Delo v skladišču", "diacritics + case ending"],
    ["sl", "vrtnarjenje", "Vrtnar v rastlinjaku", "trade → worker"],
    ["sl", "kuhinja", "Pomočnik v kuhinji", "case ending"],
    ["sl", "pekarna", "Praksa v pekarni", "case ending"],
    ["sl", "čiščenje", "Čistilka v bolnišnici", "activity → worker"],
    ["da", "frisør", "Frisørsalonen søger elev", "compound/definite"],
    ["da", "frisor", "Frisørsalonen søger elev", "ø typed as o + compound"],
    ["da", "gartner", "Gartneriet søger hjælp", "definite form"],
    ["da", "gartneri", "Hjælp i gartneriet", "definite form"],
    ["da", "køkken", "Køkkenmedhjælper i café", "compound"],
    ["da", "kokken", "Hjælp i køkkenet", "ø typed as o + definite"],
    ["da", "lager", "Lagermedarbejder", "compound"],
    ["da", "rengøring", "Rengøringsassistent", "compound"],
    ["en", "gardening", "Gardener in the park", "activity → worker"],
    ["en", "cooking", "Cook in a canteen", "activity → worker"],
    ["en", "cleaning", "Office cleaner", "activity → worker"],
    ["da", "frizerstvo", "Frisørsalon i Aarhus", "Croatian word, Danish text"],
  ];
  await client.tasks.waitForTask((await client.index(uid).addDocuments(cases.map(([, , text], i) => ({ id: i, text })))).taskUid);
  const rows = [];
  for (const [i, [language, typed, text, kind]] of cases.entries()) {
    const { hits } = await client.index(uid).search(typed, { matchingStrategy: "all", limit: 50 });
    const meili = hits.some((h) => h.id === i);
    const typedConcepts = findConcepts(typed).map((h) => h.conceptId);
    const textConcepts = findConcepts(text, { running: true, language }).map((h) => h.conceptId);
    const vocabulary = typedConcepts.some((c) => textConcepts.includes(c));
    rows.push(`| ${language} | ${typed} | ${text} | ${kind} | ${meili ? "yes" : "no"} | ${vocabulary ? "yes" : "no"} |`);
  }
  console.log(["| language | typed | placement says | difference | Meilisearch alone | vocabulary |", "| --- | --- | --- | --- | --- | --- |", ...rows].join("\n"));
} finally {
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
