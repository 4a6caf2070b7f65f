// Realistic supported placements for demos, tests and benchmarks: towns across Croatia,
// Slovenia and Denmark, every kind, varied support, text in the four languages. Deterministic
// for a given seed.
import { findTown, townNames } from "~/placements/gazetteer.server.ts";
import { supportOptions, type PlacementKind, type Sector, type Support } from "~/placements/vocabulary.ts";

type Lang = "hr" | "sl" | "da" | "en";
const countryOf: Record<Exclude<Lang, "en">, "HR" | "SI" | "DK"> = { hr: "HR", sl: "SI", da: "DK" };

interface Template {
  sector: Sector;
  titles: Record<Lang, string[]>;
  does: Record<Lang, string>;
  skills: Record<Lang, string[]>;
}

const templates: Template[] = [
  {
    sector: "hospitality",
    titles: { hr: ["Pomoćni radnik u kuhinji", "Pomoć u kafiću"], sl: ["Pomočnik v kuhinji", "Pomoč v kavarni"], da: ["Køkkenmedhjælper", "Medhjælper i café"], en: ["Kitchen assistant", "Café helper"] },
    does: { hr: "Pripremate povrće, perete posuđe i pomažete kuharima u kuhinji.", sl: "Pripravljate zelenjavo, pomivate posodo in pomagate kuharjem v kuhinji.", da: "Du forbereder grøntsager, vasker op og hjælper kokkene i køkkenet.", en: "You prepare vegetables, wash dishes and help the cooks in the kitchen." },
    skills: { hr: ["kuhanje", "pranje posuđa", "higijena"], sl: ["kuhanje", "pomivanje posode", "higiena"], da: ["madlavning", "opvask", "hygiejne"], en: ["cooking", "dishwashing", "food hygiene"] },
  },
  {
    sector: "warehouse_logistics",
    titles: { hr: ["Skladišni radnik", "Pomoćnik u skladištu"], sl: ["Skladiščni delavec", "Pomočnik v skladišču"], da: ["Lagermedarbejder", "Lagerhjælper"], en: ["Warehouse worker", "Warehouse helper"] },
    does: { hr: "Slažete robu na police, pakirate pošiljke i brojite zalihe u skladištu.", sl: "Zlagate blago na police, pakirate pošiljke in štejete zaloge v skladišču.", da: "Du sætter varer på hylder, pakker forsendelser og tæller lageret op.", en: "You stock shelves, pack parcels and count stock in the warehouse." },
    skills: { hr: ["pakiranje", "skladište", "viličar"], sl: ["pakiranje", "skladišče", "viličar"], da: ["pakning", "lager", "truckkørsel"], en: ["packing", "warehouse", "forklift"] },
  },
  {
    sector: "food_production",
    titles: { hr: ["Pomoćni pekar", "Radnik u pekari"], sl: ["Pomočnik peka", "Delavec v pekarni"], da: ["Bagerimedhjælper", "Medarbejder i bageri"], en: ["Bakery assistant", "Bakery worker"] },
    does: { hr: "Pomažete pri mijesenju tijesta, pečenju kruha i pakiranju peciva.", sl: "Pomagate pri gnetenju testa, peki kruha in pakiranju peciva.", da: "Du hjælper med at ælte dej, bage brød og pakke bagværk.", en: "You help knead dough, bake bread and pack pastries." },
    skills: { hr: ["pečenje", "tijesto", "pakiranje"], sl: ["peka", "testo", "pakiranje"], da: ["bagning", "dej", "pakning"], en: ["baking", "dough", "packing"] },
  },
  {
    sector: "cleaning_facilities",
    titles: { hr: ["Čistač/čistačica", "Pomoćni domar"], sl: ["Čistilec/čistilka", "Pomočnik hišnika"], da: ["Rengøringsassistent", "Pedelmedhjælper"], en: ["Cleaner", "Caretaker's assistant"] },
    does: { hr: "Čistite urede i hodnike te pomažete u održavanju zgrade.", sl: "Čistite pisarne in hodnike ter pomagate pri vzdrževanju stavbe.", da: "Du gør kontorer og gange rene og hjælper med at vedligeholde bygningen.", en: "You clean offices and corridors and help maintain the building." },
    skills: { hr: ["čišćenje", "održavanje"], sl: ["čiščenje", "vzdrževanje"], da: ["rengøring", "vedligehold"], en: ["cleaning", "maintenance"] },
  },
  {
    sector: "agriculture_gardening",
    titles: { hr: ["Pomoćni vrtlar", "Rad u rasadniku"], sl: ["Pomočnik vrtnarja", "Delo v drevesnici"], da: ["Gartnermedhjælper", "Arbejde i planteskole"], en: ["Gardener's assistant", "Work in a plant nursery"] },
    does: { hr: "Sadite, zalijevate i brinete o biljkama u vrtu i rasadniku.", sl: "Sadite, zalivate in skrbite za rastline na vrtu in v drevesnici.", da: "Du planter, vander og passer planter i haven og planteskolen.", en: "You plant, water and look after plants in the garden and nursery." },
    skills: { hr: ["vrtlarstvo", "biljke"], sl: ["vrtnarjenje", "rastline"], da: ["havearbejde", "planter"], en: ["gardening", "plants"] },
  },
  {
    sector: "retail",
    titles: { hr: ["Pomoćnik u trgovini", "Slaganje robe u trgovini"], sl: ["Pomočnik v trgovini", "Zlaganje blaga v trgovini"], da: ["Butiksmedhjælper", "Varepåfylder"], en: ["Shop assistant", "Shelf stacker"] },
    does: { hr: "Slažete robu, pomažete kupcima i održavate trgovinu urednom.", sl: "Zlagate blago, pomagate kupcem in skrbite za urejeno trgovino.", da: "Du fylder varer op, hjælper kunder og holder butikken pæn.", en: "You stack goods, help customers and keep the shop tidy." },
    skills: { hr: ["rad s kupcima", "blagajna"], sl: ["delo s strankami", "blagajna"], da: ["kundeservice", "kasse"], en: ["customer service", "till"] },
  },
  {
    sector: "recycling",
    titles: { hr: ["Radnik u centru za ponovnu uporabu", "Sortiranje odjeće"], sl: ["Delavec v centru ponovne uporabe", "Sortiranje oblačil"], da: ["Medarbejder i genbrugsbutik", "Sortering af tøj"], en: ["Reuse centre worker", "Clothes sorting"] },
    does: { hr: "Sortirate rabljenu odjeću i predmete, popravljate ih i pripremate za prodaju.", sl: "Sortirate rabljena oblačila in predmete, jih popravljate in pripravljate za prodajo.", da: "Du sorterer brugt tøj og ting, reparerer dem og gør dem klar til salg.", en: "You sort used clothes and items, repair them and get them ready for sale." },
    skills: { hr: ["sortiranje", "popravci"], sl: ["sortiranje", "popravila"], da: ["sortering", "reparation"], en: ["sorting", "repairs"] },
  },
  {
    sector: "care",
    titles: { hr: ["Pomoć u domu za starije", "Društvo starijim osobama"], sl: ["Pomoč v domu za starejše", "Družabnik starejšim"], da: ["Medhjælper på plejehjem", "Besøgsven for ældre"], en: ["Helper in a care home", "Companion for older people"] },
    does: { hr: "Pravite društvo starijim osobama, pomažete pri obrocima i šetnjama.", sl: "Delate družbo starejšim, pomagate pri obrokih in sprehodih.", da: "Du er selskab for ældre og hjælper med måltider og gåture.", en: "You keep older people company and help with meals and walks." },
    skills: { hr: ["briga", "komunikacija"], sl: ["skrb", "komunikacija"], da: ["omsorg", "kommunikation"], en: ["care", "communication"] },
  },
];

const kinds: PlacementKind[] = ["job", "work_trial", "practicum", "social_enterprise", "training", "volunteering"];

function prng(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export interface GeneratedPlacement {
  key: string;
  title: string;
  description: string;
  language: Lang;
  kind: PlacementKind;
  sector: Sector;
  town: string;
  country: "HR" | "SI" | "DK";
  lat: number;
  lng: number;
  hoursMin: number;
  hoursMax: number;
  scheduleFlexibility: "fixed" | "some" | "flexible";
  startDate?: Date;
  durationWeeks?: number;
  places: number;
  readiness: "job_ready" | "activity_ready";
  languages: string[];
  skills: string[];
  physicalDemands: "low" | "medium" | "high";
  support: Support[];
  supportNotes: string;
  status: "published" | "draft";
}

/** n placements for the given organisations (each with its country), deterministic for a seed. */
export function generatePlacements(n: number, organisations: { key: string; country: "HR" | "SI" | "DK"; town?: string }[], seed = 42): (GeneratedPlacement & { organisation: string })[] {
  const random = prng(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const townsBy = {
    HR: townNames("HR", 60),
    SI: townNames("SI", 40),
    DK: townNames("DK", 60),
  };
  const out: (GeneratedPlacement & { organisation: string })[] = [];
  for (let i = 0; i < n; i++) {
    const organisation = organisations[i % organisations.length];
    const local = (Object.entries(countryOf).find(([, c]) => c === organisation.country)?.[0] ?? "hr") as Lang;
    const language: Lang = random() < 0.15 ? "en" : local;
    const template = pick(templates);
    const kind = pick(kinds);
    // Most places are where the organisation is; some in other towns of the country.
    const townName = organisation.town && random() < 0.6 ? organisation.town : pick(townsBy[organisation.country]);
    const town = findTown(townName, organisation.country)!;
    const hoursMin = pick([4, 6, 8, 10, 15, 20, 25, 30]);
    const hoursMax = Math.min(40, hoursMin + pick([0, 5, 10, 15]));
    const support = supportOptions.filter(() => random() < 0.35);
    const start = new Date(Date.UTC(2026, 11, 1) + Math.floor(random() * 240) * 86_400_000);
    out.push({
      key: `gen-${seed}-${i}`,
      organisation: organisation.key,
      title: pick(template.titles[language]),
      description: template.does[language],
      language,
      kind,
      sector: template.sector,
      town: town.name,
      country: organisation.country,
      lat: town.lat,
      lng: town.lng,
      hoursMin,
      hoursMax,
      scheduleFlexibility: pick(["fixed", "some", "flexible"] as const),
      startDate: random() < 0.7 ? start : undefined,
      durationWeeks: kind === "job" ? undefined : pick([4, 8, 12, 26]),
      places: pick([1, 1, 1, 2, 3, 5]),
      readiness: kind === "job" ? "job_ready" : random() < 0.8 ? "activity_ready" : "job_ready",
      languages: language === "en" ? ["en", local] : [local],
      skills: template.skills[language],
      physicalDemands: pick(["low", "medium", "high"] as const),
      support,
      supportNotes: "",
      status: random() < 0.95 ? "published" : "draft",
    });
  }
  return out;
}

/** Inserts generated placements that are not there yet (by key); returns how many were new. */
export async function insertPlacements(
  placements: (GeneratedPlacement & { organisation: string })[],
  organisationIds: Map<string, unknown>,
  options: { batchSize?: number; intoEmptyCollection?: boolean } = {},
): Promise<number> {
  const { PlacementModel } = await import("~/placements/model.server.ts");
  const { listNewPlacements } = await import("~/placements/lists.server.ts");
  const { Types } = await import("mongoose");
  const batchSize = options.batchSize ?? 1000;
  let inserted = 0;
  for (let i = 0; i < placements.length; i += batchSize) {
    const batch = placements.slice(i, i + batchSize);
    // The key check costs a collection scan on FerretDB; a benchmark filling an empty collection skips it.
    const existing = options.intoEmptyCollection
      ? new Set<string>()
      : new Set((await PlacementModel.find({ key: { $in: batch.map((p) => p.key) } }).select("key").lean()).map((p) => p.key));
    const fresh = batch
      .filter((p) => !existing.has(p.key))
      .map(({ organisation, ...p }) => ({
        ...p,
        _id: new Types.ObjectId(),
        organisationId: organisationIds.get(organisation),
        publishedAt: p.status === "published" ? new Date() : undefined,
      }));
    await listNewPlacements(fresh);
    if (fresh.length) await PlacementModel.insertMany(fresh, { ordered: false });
    inserted += fresh.length;
  }
  return inserted;
}
