// Each page gets only the sections of the messages it declares (`handle.i18n`) plus the shared
// ones (app/i18n/sections.ts). This reads every route and the modules its page renders
// (everything it imports except *.server.ts, whose code never reaches the page) for the
// translation keys they name, and checks that the declared sections hold every one of them. A
// key built at run time counts by its written prefix: t(`vocab.kind.${kind}`) needs vocab.kind.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import en from "~/locales/en.json";
import { sharedSections } from "~/i18n/sections.ts";

const topSections = new Set(Object.keys(en));

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("~/") ? join("app", specifier.slice(2)) : specifier.startsWith(".") ? join(dirname(from), specifier) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`]) if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

function importsOf(file: string, source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?\sfrom\s+"([^"]+)"|^import\s+"([^"]+)"/gm)) {
    const resolved = resolveImport(file, match[1] ?? match[2]);
    if (resolved && /\.tsx?$/.test(resolved)) found.push(resolved);
  }
  return found;
}

/** Keys written in the source: whole ("login.title") or the written start of a built one ("vocab.kind."). */
function keysIn(source: string): string[] {
  const keys: string[] = [];
  for (const match of source.matchAll(/["'`]([a-z][A-Za-z]*(?:\.[A-Za-z0-9_]+)+\.?)(?=["'`]|\$\{)/g)) {
    if (topSections.has(match[1].split(".")[0])) keys.push(match[1]);
  }
  // t(`errorPages.${...}`): a section named only by its start.
  for (const match of source.matchAll(/`([a-z][A-Za-z]*)\.\$\{/g)) if (topSections.has(match[1])) keys.push(`${match[1]}.`);
  // A section handed to a helper that builds the key: words("introductionStatus", status), statusWords="roles".
  for (const match of source.matchAll(/\b[wW]ords\(\s*"([a-z][A-Za-z.]*)"|\b\w*[wW]ords="([a-z][A-Za-z.]*)"/g)) {
    const section = match[1] ?? match[2];
    if (topSections.has(section.split(".")[0])) keys.push(`${section}.`);
  }
  return keys;
}

/** The page's modules: the route and what it imports, except server modules; the keys they name. */
function keysOfPage(entry: string): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file !== entry && file.includes(".server.")) continue;
    const source = readFileSync(file, "utf8");
    for (const key of keysIn(source)) byKey.set(key, [...(byKey.get(key) ?? []), file]);
    queue.push(...importsOf(file, source));
  }
  return byKey;
}

function declaredSections(routeFile: string): string[] {
  const handle = readFileSync(routeFile, "utf8").match(/export const handle = \{[^}]*?\bi18n: \[([^\]]*)\]/);
  return handle ? [...handle[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [];
}

const covers = (section: string, key: string) => key === section || key.startsWith(`${section}.`);

function uncovered(keys: Map<string, string[]>, sections: readonly string[]) {
  return [...keys].filter(([key]) => !sections.some((section) => covers(section, key))).map(([key, files]) => `${key} (${[...new Set(files)].join(", ")})`);
}

function exists(section: string) {
  let node: unknown = en;
  for (const part of section.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return node !== undefined;
}

const routeFiles = readdirSync("app/routes", { recursive: true, encoding: "utf8" })
  .filter((file) => /\.tsx?$/.test(file))
  .map((file) => join("app/routes", file));

describe("the messages each page gets", () => {
  it("finds the routes", () => {
    expect(routeFiles.length).toBeGreaterThan(30);
  });

  it("the shared sections exist and hold every key of the frame around every page (root, notices, error pages)", () => {
    expect(sharedSections.filter((section) => !exists(section))).toEqual([]);
    // The notices come with the page whose address names one (noticeSections in app/ui/notice.tsx).
    expect(uncovered(keysOfPage("app/root.tsx"), [...sharedSections, "notices"])).toEqual([]);
  });

  it.each(routeFiles)("%s declares every section its page uses, and only sections that exist", (file) => {
    const declared = declaredSections(file);
    expect(declared.filter((section) => !exists(section)), "declared sections that are not in the messages").toEqual([]);
    expect(uncovered(keysOfPage(file), [...sharedSections, ...declared]), "keys outside the declared sections: add their section to handle.i18n").toEqual([]);
  });
});
