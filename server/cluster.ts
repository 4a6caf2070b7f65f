// Several portal processes behind one port (PORTAL_PROCESSES), with Node's cluster module: the
// primary, which did the once-only work and supervises the embedded services, forks the workers
// that serve HTTP. The primary holds the port and hands each new connection to the next worker;
// everything the workers share lives in the database, Meilisearch and SMTP.
import cluster, { type Worker } from "node:cluster";
import type { ServiceStatus } from "./services/supervisor.ts";
import { defaultBackoff, nextDelayMs, type Backoff } from "./services/supervisor.ts";

/** Whether this process is one of the workers a primary forked. */
export function isPortalWorker(): boolean {
  return cluster.isWorker;
}

/** What the primary tells its workers: the embedded services' state, for /healthz. */
interface ServicesMessage {
  type: "embedded-services";
  services: ServiceStatus[];
}

export interface PortalWorkers {
  /** Resolves once every worker listens; rejects when one stops before it does. */
  ready: Promise<void>;
  /** Pids of the workers running now. */
  pids(): number[];
  /** Passes the embedded services' state to every worker, now and to each one started later. */
  shareServices(services: ServiceStatus[]): void;
  /** Stops every worker (SIGTERM, then SIGKILL after `stopTimeoutMs`) and restarts none. */
  stop(): Promise<void>;
}

// A worker that is going away misses the message, and the one that replaces it gets it when it listens.
const ignoreClosedChannel = () => {};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Forks `count` workers (this script again, with this process's environment). A worker that
 * stops after the start is replaced after a wait that doubles with each stop in a row of its slot
 * (0.5 s up to 30 s, afresh once it stayed up a minute), each logged; one that stops while the
 * portal starts stops the start.
 */
export function startWorkers(
  count: number,
  options: { log: (line: string) => void; backoff?: Backoff; stopTimeoutMs?: number; /** Another script for the workers (tests). */ exec?: string },
): PortalWorkers {
  const backoff = options.backoff ?? defaultBackoff;
  if (options.exec) cluster.setupPrimary({ exec: options.exec });
  const running = new Set<Worker>();
  const timers = new Set<NodeJS.Timeout>();
  let services: ServicesMessage | undefined;
  let stopping = false;
  let started = false;
  let listening = 0;
  let failStart: (error: Error) => void = () => {};
  let startDone: () => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    startDone = resolve;
    failStart = reject;
  });

  const fork = (slot: { delayMs: number; upSince: number }) => {
    const worker = cluster.fork();
    running.add(worker);
    slot.upSince = Date.now();
    worker.once("listening", () => {
      if (services) worker.send(services, undefined, ignoreClosedChannel);
      if (started || ++listening < count) return;
      started = true;
      startDone();
    });
    worker.once("exit", (code, signal) => {
      running.delete(worker);
      if (stopping) return;
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      if (!started) {
        failStart(new Error(`A portal process (pid ${worker.process.pid}) ${how} while the portal was starting.`));
        return;
      }
      if (Date.now() - slot.upSince >= backoff.stableMs) slot.delayMs = backoff.initialMs;
      const waitMs = slot.delayMs;
      slot.delayMs = nextDelayMs(slot.delayMs, backoff);
      options.log(`Portal process ${worker.process.pid} ${how}; starting another in ${seconds(waitMs)}.`);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!stopping) fork(slot);
      }, waitMs);
      timers.add(timer);
    });
  };

  for (let n = 0; n < count; n++) fork({ delayMs: backoff.initialMs, upSince: Date.now() });

  return {
    ready,
    pids: () => [...running].map((worker) => worker.process.pid!),
    shareServices(status) {
      services = { type: "embedded-services", services: status };
      for (const worker of running) if (worker.isConnected()) worker.send(services, undefined, ignoreClosedChannel);
    },
    async stop() {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(
        [...running].map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.isDead()) return resolve();
              const kill = setTimeout(() => worker.process.kill("SIGKILL"), options.stopTimeoutMs ?? 10_000);
              worker.once("exit", () => {
                clearTimeout(kill);
                resolve();
              });
              worker.process.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}

/** In a worker: the embedded services' state as the primary last told it (none until it does). */
export function embeddedServicesFromPrimary(): () => ServiceStatus[] {
  let latest: ServiceStatus[] = [];
  process.on("message", (message: ServicesMessage) => {
    if (message?.type === "embedded-services") latest = message.services;
  });
  return () => latest;
}
