import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFerretdb } from "../../server/services/ferretdb.ts";
import type { RunningService } from "../../server/services/processes.ts";
import { postForm, startPortal, type RunningPortal } from "../support/portal.ts";
import { until } from "../support/until.ts";

// On a shared library PC, Back after signing out must not bring the last person's pages back.

const dataDir = mkdtempSync(join(process.env.SERVICES_DATA_DIR!, "private-pages-"));
let ferretdb: { uri: string; service: RunningService };
let portal: RunningPortal;

beforeAll(async () => {
  ferretdb = await startFerretdb(dataDir);
  portal = await startPortal({ MONGODB_URI: `${ferretdb.uri}privatepages` }, { seed: true });
});

afterAll(async () => {
  await portal?.stop();
  await ferretdb?.service.stop();
});

async function signIn(email: string) {
  const login = await postForm(portal, "/login", { email, password: "demo-placements-2026" });
  expect(login.status).toBe(302);
  return login.headers.get("set-cookie")!.split(";")[0];
}

const get = (path: string, cookie = "") => fetch(`${portal.url}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });

describe("the server's log", () => {
  it("writes an old-style ?_data request as one line without its query, not as a stack trace", async () => {
    const mentee = await signIn("mentee@demo.placements.test");
    const response = await get(`/me/data?_data=${encodeURIComponent("routes/me+/data")}`, mentee);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    await until("the log line", async () => portal.output().includes("old ?_data request GET /me/data\n") || undefined);
    expect(portal.output()).not.toContain("at requestHandler");
    expect(portal.output()).not.toContain("Single fetch-enabled apps");
  });
});

describe("what the browser may keep", () => {
  it("keeps nothing answered to a signed-in person: her pages, their data requests and the sign-out itself", async () => {
    const mentee = await signIn("mentee@demo.placements.test");
    for (const path of ["/me/data", `/me/data?_data=${encodeURIComponent("routes/me+/data")}`, "/me/checkins", "/placements"]) {
      const response = await get(path, mentee);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBe("private, no-store");
    }
    const signOut = await postForm(portal, "/logout", {}, { Cookie: mentee });
    expect(signOut.status).toBe(302);
    expect(signOut.headers.get("cache-control")).toBe("private, no-store");

    const mentor = await signIn("mentor.hr@demo.placements.test");
    const mentees = await (await get("/mentor/mentees", mentor)).text();
    const menteePage = /href="(\/mentor\/mentees\/[a-f0-9]{24})"/.exec(mentees)![1];
    const page = await get(menteePage, mentor);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("private, no-store");
  });

  it("leaves the public pages of an anonymous visitor as they were", async () => {
    const response = await get("/placements");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control") ?? "").not.toContain("no-store");
  });
});
