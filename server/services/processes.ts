import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createServer, connect } from "node:net";
import { existsSync, openSync, closeSync } from "node:fs";

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningService {
  name: string;
  pid: number;
  /** Settles when the process has exited, for whatever reason. */
  exited: Promise<ProcessExit>;
  /** Sends SIGTERM to exactly this process, then SIGKILL if it has not exited after the grace period. */
  stop(): Promise<void>;
}

/** Asks the kernel for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Whether something listens on the loopback port; with `greeting`, whether its first words pass it. */
export function portAnswers(port: number, timeoutMs = 500, greeting?: (firstData: string) => boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    if (greeting) socket.once("data", (data) => done(greeting(data.toString())));
    else socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, child?: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null))
      throw new Error(`${what} exited with ${child.signalCode ?? `code ${child.exitCode}`} before it answered`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not answer within ${timeoutMs} ms`);
}

let setprivPath: string | null | undefined;

/**
 * util-linux's setpriv, if it can set a parent-death signal here. A service started through
 * `setpriv --pdeathsig TERM -- …` is sent SIGTERM by the kernel when the process that started it
 * dies, even by SIGKILL or the out-of-memory killer. setpriv execs the service, so the pid stays.
 */
function parentDeathWrapper(): string | null {
  if (setprivPath !== undefined) return setprivPath;
  setprivPath = null;
  for (const candidate of ["/usr/bin/setpriv", "/bin/setpriv"]) {
    if (!existsSync(candidate)) continue;
    try {
      execFileSync(candidate, ["--pdeathsig", "TERM", "--", "true"], { stdio: "ignore", timeout: 5000 });
      setprivPath = candidate;
      break;
    } catch {
      // Too old for --pdeathsig (util-linux before 2.33): try the next one.
    }
  }
  if (!setprivPath) console.warn("setpriv (util-linux) with --pdeathsig not found: embedded services will outlive this process if it is killed.");
  return setprivPath;
}

/**
 * Starts a service as a child process that dies with this one, and waits until `ready` says it
 * answers. A service that exits or does not answer in time is stopped and the start fails.
 */
export async function startProcess(options: {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  ready: () => Promise<boolean>;
  readyTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Another account to run as (this process being root). */
  runAs?: { uid: number; gid: number };
  /** What asks the service to stop; SIGTERM unless it means something gentler to this one. */
  stopSignal?: NodeJS.Signals;
}): Promise<RunningService> {
  const log = openSync(options.logFile, "a");
  const setpriv = parentDeathWrapper();
  // One setpriv both changes the account and sets the parent-death signal: a change of account
  // clears that signal, so it must come after.
  const runAs = options.runAs ? [`--reuid=${options.runAs.uid}`, `--regid=${options.runAs.gid}`, "--clear-groups"] : [];
  const [command, args] = setpriv ? [setpriv, [...runAs, "--pdeathsig", "TERM", "--", options.command, ...options.args]] : [options.command, options.args];
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", log, log],
      ...(options.runAs && !setpriv ? options.runAs : {}),
    });
  } finally {
    closeSync(log);
  }
  // Without a listener a failed spawn (missing binary) would throw in the event loop.
  child.on("error", () => {});
  if (child.pid === undefined) throw new Error(`could not start ${options.name} (${options.command})`);
  const pid = child.pid;
  const exited = new Promise<ProcessExit>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const service: RunningService = {
    name: options.name,
    pid,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(options.stopSignal ?? "SIGTERM");
      const killed = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
      if (!killed) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
  try {
    await waitUntil(options.name, options.ready, options.readyTimeoutMs ?? 20_000, child);
  } catch (error) {
    await service.stop().catch(() => {});
    throw error;
  }
  return service;
}
