import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startMeilisearch } from "../../server/services/meilisearch.ts";
import type { RunningService } from "../../server/services/processes.ts";
import { drainOutbox, makeEmployer, pendingOutbox, placementInput } from "../support/placements.ts";
import { until } from "../support/until.ts";

// This file's own Meilisearch, so that it can be stopped without disturbing the other files.
const dataDir = mkdtempSync(join(process.env.SERVICES_DATA_DIR!, "meili-down-"));
let meili: { port: number; masterKey: string; service: RunningService } = await startMeilisearch(dataDir);
process.env.MEILI_HOST = `http://127.0.0.1:${meili.port}`;
process.env.MEILI_MASTER_KEY = meili.masterKey;
process.env.OUTBOX_BACKOFF_BASE_MS = "50";
afterAll(async () => meili.service.stop());

const placements = () => import("~/placements/placements.server.ts");
const search = () => import("~/placements/search.server.ts");
const schema = () => import("~/placements/schema.server.ts");

async function find(q: string) {
  const { searchPlacements } = await search();
  const { searchQuerySchema } = await schema();
  return searchPlacements(searchQuerySchema.parse({ q }));
}

describe("while Meilisearch is down", () => {
  it("accepts every write, answers from the database, and catches up when Meilisearch returns", async () => {
    const { createPlacement, updatePlacement, changePlacementStatus } = await placements();
    const employer = await makeEmployer();
    const edited = await createPlacement(employer, placementInput({ title: "Outage baker" }), { publish: true });
    const closed = await createPlacement(employer, placementInput({ title: "Outage cleaner" }), { publish: true });
    if (!edited.ok || !closed.ok) throw new Error("not created");
    await drainOutbox();
    expect((await find("outage")).hits.map((h) => h.title).sort()).toEqual(["Outage baker", "Outage cleaner"]);

    await meili.service.stop();
    const added = await createPlacement(employer, placementInput({ title: "Outage gardener" }), { publish: true });
    expect(added.ok).toBe(true);
    expect(await updatePlacement(employer, edited.id, placementInput({ title: "Outage bread baker" }))).toEqual({ ok: true });
    expect(await changePlacementStatus(employer, closed.id, "closed")).toEqual({ ok: true });
    await drainOutbox(3);
    expect(await pendingOutbox("placement-sync")).toBeGreaterThanOrEqual(3);

    const { getPublicPlacement } = await search();
    expect((await getPublicPlacement(added.ok ? added.id : ""))?.title).toBe("Outage gardener");
    expect(await getPublicPlacement(closed.id)).toBeNull();
    const fallback = await find("outage");
    expect(fallback.mode).toBe("fallback");
    expect(fallback.hits.map((h) => h.title).sort()).toEqual(["Outage bread baker", "Outage gardener"]);

    meili = await startMeilisearch(dataDir, { port: meili.port, masterKey: meili.masterKey });
    // The waiting items are retried as each one's retry falls due.
    await until("the index has caught up", async () => {
      await drainOutbox();
      return (await pendingOutbox("placement-sync")) === 0;
    });
    const caughtUp = await find("outage");
    expect(caughtUp.mode).toBe("search");
    expect(caughtUp.hits.map((h) => h.title).sort()).toEqual(["Outage bread baker", "Outage gardener"]);
  });
});
