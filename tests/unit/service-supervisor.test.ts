import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startProcess } from "../../server/services/processes.ts";
import { nextDelayMs, supervise, type SupervisedService } from "../../server/services/supervisor.ts";

// Real processes (`sleep`) stand in for a service: what is checked is the supervision around them.
const dir = mkdtempSync(join(tmpdir(), "supervisor-"));
const supervised: SupervisedService[] = [];
afterAll(async () => {
  await Promise.all(supervised.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

const backoff = { initialMs: 100, maxMs: 400, stableMs: 60_000 };
const startSleeper = () => startProcess({ name: "sleeper", command: "sleep", args: ["600"], logFile: join(dir, "sleeper.log"), ready: async () => true });

async function until<T>(what: string, value: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = value();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("service supervision", () => {
  it("waits 0.5 s before the first restart, doubling up to 30 s", () => {
    const waits = [500];
    for (let i = 0; i < 8; i++) waits.push(nextDelayMs(waits[waits.length - 1]));
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("restarts a service that dies, and says so in one line", async () => {
    const lines: string[] = [];
    const first = await startSleeper();
    const service = supervise(first, "search", startSleeper, { log: (line) => lines.push(line), backoff });
    supervised.push(service);
    expect(service.status()).toMatchObject({ state: "running", restarts: 0, lastRestartAt: null, pid: first.pid });

    process.kill(first.pid, "SIGKILL");
    const restarted = await until("restart", () => (service.status().restarts === 1 ? service.status() : undefined));
    expect(restarted.state).toBe("running");
    expect(restarted.pid).not.toBe(first.pid);
    expect(isAlive(restarted.pid!)).toBe(true);
    expect(restarted.lastRestartAt).not.toBeNull();
    expect(lines).toEqual([`sleeper (pid ${first.pid}) was killed by SIGKILL; restarting it in 0.1 s`, `sleeper restarted (pid ${restarted.pid}, restart 1)`]);
  });

  it("does not restart a service it was asked to stop", async () => {
    const lines: string[] = [];
    const first = await startSleeper();
    const service = supervise(first, "email", startSleeper, { log: (line) => lines.push(line), backoff });
    await service.stop();
    expect(isAlive(first.pid)).toBe(false);
    expect(service.status()).toMatchObject({ state: "stopped", restarts: 0, pid: null });
    // The exit was seen before stop() returned: a restart would have been announced already.
    expect(lines).toEqual([]);
  });

  it("keeps trying when a restart fails, waiting longer each time, without throwing", async () => {
    const lines: string[] = [];
    let failures = 2;
    const first = await startSleeper();
    const service = supervise(
      first,
      "database",
      async () => {
        if (failures-- > 0) throw new Error("port 12345 is taken");
        return startSleeper();
      },
      { log: (line) => lines.push(line), backoff },
    );
    supervised.push(service);
    process.kill(first.pid, "SIGKILL");
    await until("restart", () => (service.status().restarts === 1 ? true : undefined));
    expect(lines.slice(0, 3)).toEqual([
      `sleeper (pid ${first.pid}) was killed by SIGKILL; restarting it in 0.1 s`,
      "sleeper did not start again (port 12345 is taken); next try in 0.2 s",
      "sleeper did not start again (port 12345 is taken); next try in 0.4 s",
    ]);
    expect(lines[3]).toMatch(/^sleeper restarted \(pid \d+, restart 1\)$/);
  });
});
