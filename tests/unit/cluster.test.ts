import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startWorkers, type PortalWorkers } from "../../server/cluster.ts";
import { freePort } from "../../server/services/processes.ts";
import { until } from "../support/until.ts";

// Stand-in workers (tests/support/cluster-worker.mjs): what is checked is how the primary keeps them.
const exec = resolve("tests/support/cluster-worker.mjs");
const backoff = { initialMs: 100, maxMs: 400, stableMs: 60_000 };
let workers: PortalWorkers | undefined;

afterEach(async () => {
  await workers?.stop();
  workers = undefined;
  delete process.env.CLUSTER_TEST_FAIL;
});

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("several portal processes", () => {
  it("serves one port from every worker, replaces one that dies after a logged wait, and stops them all", async () => {
    const port = await freePort();
    process.env.CLUSTER_TEST_PORT = String(port);
    const lines: string[] = [];
    workers = startWorkers(2, { log: (line) => lines.push(line), backoff, exec });
    await workers.ready;
    const [dying, staying] = workers.pids();
    const answeredBy = new Set<string>();
    for (let n = 0; n < 6; n++) answeredBy.add(await (await fetch(`http://127.0.0.1:${port}/`, { headers: { Connection: "close" } })).text());
    expect([...answeredBy].sort()).toEqual([String(dying), String(staying)].sort());

    process.kill(dying, "SIGKILL");
    const replaced = await until("a new worker", () => workers!.pids().find((pid) => pid !== dying && pid !== staying));
    expect(lines).toEqual([`Portal process ${dying} was killed by SIGKILL; starting another in 0.1 s.`]);
    await until("the new worker answering", async () => (await fetch(`http://127.0.0.1:${port}/`, { headers: { Connection: "close" } }).then((r) => r.text(), () => "")) === String(replaced));

    const pids = workers.pids();
    await workers.stop();
    expect(pids.filter(isAlive)).toEqual([]);
    expect(lines).toHaveLength(1);
  });

  it("fails the start when a worker stops before it listens", async () => {
    process.env.CLUSTER_TEST_FAIL = "1";
    workers = startWorkers(2, { log: () => {}, backoff, exec });
    await expect(workers.ready).rejects.toThrow(/exited with code 3 while the portal was starting/);
  });
});
