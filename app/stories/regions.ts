// Regions a story names instead of a town (the default): the nearest of each country's regional
// centres. Coarse on purpose: a region holds enough people that nobody is found by it.

interface Region {
  name: string;
  lat: number;
  lng: number;
}

const regionsByCountry: Record<"HR" | "SI" | "DK", Region[]> = {
  HR: [
    { name: "Zagreb i okolica", lat: 45.81, lng: 15.98 },
    { name: "Sjeverna Hrvatska", lat: 46.3, lng: 16.34 },
    { name: "Slavonija", lat: 45.55, lng: 18.69 },
    { name: "Istra i Kvarner", lat: 45.33, lng: 14.44 },
    { name: "Lika i Gorski kotar", lat: 44.86, lng: 15.2 },
    { name: "Dalmacija", lat: 43.51, lng: 16.44 },
  ],
  SI: [
    { name: "Osrednja Slovenija", lat: 46.06, lng: 14.51 },
    { name: "Štajerska", lat: 46.55, lng: 15.65 },
    { name: "Savinjska", lat: 46.24, lng: 15.27 },
    { name: "Gorenjska", lat: 46.24, lng: 14.36 },
    { name: "Primorska", lat: 45.55, lng: 13.73 },
    { name: "Dolenjska", lat: 45.8, lng: 15.17 },
    { name: "Pomurje", lat: 46.66, lng: 16.17 },
  ],
  DK: [
    { name: "Hovedstaden", lat: 55.68, lng: 12.57 },
    { name: "Sjælland", lat: 55.64, lng: 12.08 },
    { name: "Syddanmark", lat: 55.4, lng: 10.39 },
    { name: "Midtjylland", lat: 56.16, lng: 10.2 },
    { name: "Nordjylland", lat: 57.05, lng: 9.92 },
  ],
};

/** The region of a place: the nearest regional centre of its country. */
export function regionOf(country: string, lat: number, lng: number): string {
  const regions = regionsByCountry[country as keyof typeof regionsByCountry] ?? regionsByCountry.HR;
  let best = regions[0];
  let bestDistance = Infinity;
  for (const region of regions) {
    const distance = (region.lat - lat) ** 2 + ((region.lng - lng) * Math.cos((lat * Math.PI) / 180)) ** 2;
    if (distance < bestDistance) [best, bestDistance] = [region, distance];
  }
  return best.name;
}
