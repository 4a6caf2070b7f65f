// What the browser downloads, read from the Remix build (`remix build` runs before this suite):
// the validation library and the messages stay on the server. Forms are validated
// by the actions; a schema imported where a component can reach it would ship zod (about
// 90 KB compressed) to every page that loads the component's chunk.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import en from "~/locales/en.json";

function flatten(value: unknown): string[] {
  return typeof value === "string" ? [value] : Object.values(value as object).flatMap(flatten);
}

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

  it("carries no messages: pages get theirs from the server, only the sections they use", () => {
    // The one exception: the English frame and error page for a page whose root loader failed.
    const fallback = ["app", "errorPages", "language", "nav"];
    const fallbackTexts = new Set(fallback.flatMap((section) => flatten(en[section as keyof typeof en])));
    const messages = Object.entries(en)
      .filter(([section]) => !fallback.includes(section))
      .flatMap(([, texts]) => flatten(texts))
      .filter((text) => text.length >= 20 && !/["\\\n]/.test(text) && !fallbackTexts.has(text));
    expect(messages.length).toBeGreaterThan(100);
    const shipped = clientScripts.flatMap(({ file, text }) => messages.filter((message) => text.includes(message)).map((message) => `${file}: ${message}`));
    expect(shipped).toEqual([]);
  });
});
