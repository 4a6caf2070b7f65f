// What the browser downloads, read from the Remix build (`remix build` runs before this suite):
// the validation library stays on the server. Forms are validated
// by the actions; a schema imported where a component can reach it would ship zod (about
// 90 KB compressed) to every page that loads the component's chunk.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const clientDir = "public/build";
const clientScripts = readdirSync(clientDir, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".js"))
  .map((file) => ({ file, text: readFileSync(join(clientDir, file), "utf8") }));

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}
const metafile = JSON.parse(readFileSync("build/metafile.js.json", "utf8")) as Metafile;

/** The app's modules in each browser chunk that also holds a module of `packagePath`, to say who pulled it in. */
function appModulesBesides(packagePath: string) {
  return Object.entries(metafile.outputs)
    .filter(([, output]) => Object.keys(output.inputs).some((input) => input.includes(packagePath)))
    .map(([chunk, output]) => ({ chunk, appModules: Object.keys(output.inputs).filter((input) => input.startsWith("app/")) }));
}

describe("the browser build", () => {
  it("has scripts to check", () => {
    expect(clientScripts.length).toBeGreaterThan(10);
  });

  it("contains no zod", () => {
    const withZod = clientScripts.filter(({ text }) => text.includes("ZodError") || text.includes("$ZodType")).map(({ file }) => file);
    expect(withZod, JSON.stringify(appModulesBesides("node_modules/zod/"), null, 1)).toEqual([]);
    expect(appModulesBesides("node_modules/zod/")).toEqual([]);
  });

});
