// A confirmation travels after a redirect as ?notice=<key>, and the page shows only the keys it
// knows (app/ui/notice.tsx): a key a route sends but the list lacks is a confirmation nobody sees.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import da from "~/locales/da.json";
import en from "~/locales/en.json";
import hr from "~/locales/hr.json";
import sl from "~/locales/sl.json";
import { knownNotices } from "~/ui/notice.tsx";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

const sent = [...new Set(sourceFiles("app").flatMap((file) => [...readFileSync(file, "utf8").matchAll(/[?&]notice=([A-Za-z]+)/g)].map((m) => m[1])))].sort();

describe("confirmations after a redirect", () => {
  it("are found in the portal's code", () => {
    expect(sent).toContain("handedOver");
  });

  it("are each shown by the page that receives them", () => {
    expect(sent.filter((key) => !(knownNotices as readonly string[]).includes(key))).toEqual([]);
  });

  it("each have words in every language", () => {
    for (const [language, messages] of Object.entries({ en, hr, sl, da })) {
      expect(sent.filter((key) => !(messages.notices as Record<string, string>)[key]), language).toEqual([]);
    }
  });
});
