import type { ProcessExit, RunningService } from "./processes.ts";

export interface ServiceStatus {
  name: string;
  /** What the portal uses it for, as /healthz names it. */
  serves: "database" | "search" | "email";
  pid: number | null;
  state: "running" | "restarting" | "stopped";
  restarts: number;
  lastRestartAt: string | null;
}

export interface SupervisedService {
  status(): ServiceStatus;
  /** Restarts nothing from now on; what runs keeps running until stop(). */
  stopSupervising(): void;
  stop(): Promise<void>;
}

export interface Backoff {
  initialMs: number;
  maxMs: number;
  /** A service that stayed up this long starts again from initialMs after its next exit. */
  stableMs: number;
}

export const defaultBackoff: Backoff = { initialMs: 500, maxMs: 30_000, stableMs: 60_000 };

/** The next wait after `previousMs`: doubling, never above the maximum. */
export function nextDelayMs(previousMs: number, backoff: Backoff = defaultBackoff): number {
  return Math.min(previousMs * 2, backoff.maxMs);
}

function describeExit(exit: ProcessExit) {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

function seconds(ms: number) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Keeps a service running: when it exits without stop() having been asked for, `restart` starts
 * it again (on the same port and data, so the addresses the portal holds stay valid), after a
 * wait that doubles with every failure in a row. A failed restart is retried the same way.
 */
export function supervise(
  first: RunningService,
  serves: ServiceStatus["serves"],
  restart: () => Promise<RunningService>,
  options: { log: (line: string) => void; onChange?: () => void; backoff?: Backoff },
): SupervisedService {
  const backoff = options.backoff ?? defaultBackoff;
  const name = first.name;
  let current: RunningService | undefined;
  let upSince = Date.now();
  let delayMs = backoff.initialMs;
  let restarts = 0;
  let lastRestartAt: Date | null = null;
  let supervising = true;
  let timer: NodeJS.Timeout | undefined;
  let attempt: Promise<void> | undefined;

  const changed = () => {
    try {
      options.onChange?.();
    } catch (error) {
      options.log(`${name}: could not record its state (${error instanceof Error ? error.message : String(error)})`);
    }
  };

  const scheduleRestart = () => {
    const waitMs = delayMs;
    delayMs = nextDelayMs(delayMs, backoff);
    timer = setTimeout(() => {
      timer = undefined;
      attempt = tryRestart()
        .catch((error: unknown) => options.log(`${name}: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (attempt = undefined));
    }, waitMs);
    return waitMs;
  };

  const watch = (service: RunningService) => {
    current = service;
    upSince = Date.now();
    void service.exited.then((exit) => {
      if (current !== service) return;
      current = undefined;
      if (!supervising) return changed();
      if (Date.now() - upSince >= backoff.stableMs) delayMs = backoff.initialMs;
      const waitMs = scheduleRestart();
      changed();
      options.log(`${name} (pid ${service.pid}) ${describeExit(exit)}; restarting it in ${seconds(waitMs)}`);
    });
  };

  const tryRestart = async () => {
    let service: RunningService;
    try {
      service = await restart();
    } catch (error) {
      if (!supervising) return;
      const waitMs = scheduleRestart();
      options.log(`${name} did not start again (${error instanceof Error ? error.message : String(error)}); next try in ${seconds(waitMs)}`);
      return;
    }
    if (!supervising) {
      await service.stop();
      return;
    }
    restarts += 1;
    lastRestartAt = new Date();
    watch(service);
    changed();
    options.log(`${name} restarted (pid ${service.pid}, restart ${restarts})`);
  };

  watch(first);

  const stopSupervising = () => {
    supervising = false;
    clearTimeout(timer);
    timer = undefined;
  };

  return {
    status: () => ({
      name,
      serves,
      pid: current?.pid ?? null,
      state: current ? "running" : supervising ? "restarting" : "stopped",
      restarts,
      lastRestartAt: lastRestartAt?.toISOString() ?? null,
    }),
    stopSupervising,
    async stop() {
      stopSupervising();
      await attempt;
      const service = current;
      current = undefined;
      await service?.stop();
    },
  };
}
