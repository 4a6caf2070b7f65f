// A page route needs its own error boundary: when an action fails and the nearest boundary is the
// root's, Remix runs no loader at all (loaders run only above the boundary), so the error page had
// no signed-in user and no messages: English, raw keys, "Log in" in the header.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? routeFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

const hasPage = (source: string) => /^export default\b/m.test(source);
const hasErrorBoundary = (source: string) =>
  /^export function ErrorBoundary\b/m.test(source) || /^export \{[^}]*\bas ErrorBoundary\b[^}]*\} from "~\/ui\/error-boundary\.tsx";/m.test(source);

describe("error boundaries", () => {
  it("every route with a page has one, so that the root loader runs for its error page", () => {
    const pages = routeFiles("app/routes").filter((file) => hasPage(readFileSync(file, "utf8")));
    expect(pages.length).toBeGreaterThan(50);
    expect(pages.filter((file) => !hasErrorBoundary(readFileSync(file, "utf8")))).toEqual([]);
  });
});
