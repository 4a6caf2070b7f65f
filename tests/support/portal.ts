// Runs the real portal (server/start.ts on the Remix build) as its own process, against
// services the test chooses, so that tests can stop a service under a running portal.
import { spawn } from "node:child_process";
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { freePort } from "../../server/services/processes.ts";

export interface RunningPortal {
  url: string;
  /** The portal's process, for a benchmark that reads its memory. */
  pid: number;
  /** With `processes`, the worker processes that serve (they change when one is replaced); else none. */
  workerPids(): number[];
  output: () => string;
  stop(): Promise<void>;
}

/**
 * `env` adds to the test's environment; a variable set to undefined is removed from it.
 * `processes` serves from that many worker processes behind the one port (PORTAL_PROCESSES);
 * `pid` is then the primary's, and in a test each answer names its worker in X-Portal-Process.
 */
export async function startPortal(
  env: Record<string, string | undefined>,
  options: { seed?: boolean; startTimeoutMs?: number; processes?: number } = {},
): Promise<RunningPortal> {
  const port = await freePort();
  const portalEnv: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_REQUESTS: "false",
    ...env,
    ...(options.processes === undefined ? {} : { PORTAL_PROCESSES: String(options.processes) }),
    PORT: String(port),
    PUBLIC_URL: `http://localhost:${port}`,
  };
  for (const [key, value] of Object.entries(portalEnv)) if (value === undefined) delete portalEnv[key];
  const child = spawn(process.execPath, ["--import", "tsx", "server/start.ts", ...(options.seed ? ["--seed"] : [])], {
    env: portalEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const url = `http://localhost:${port}`;
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A portal that dies under a test leaves its last words where a failed run can be read.
  child.once("exit", (code, signal) => {
    if (stopping) return;
    mkdirSync("test-results", { recursive: true });
    appendFileSync("test-results/portal-exits.log", `\n== portal on port ${port} exited (code ${code}, signal ${signal}) at ${new Date().toISOString()}\n${output.slice(-20_000)}\n`);
  });
  // Generous: a busy 2-core machine takes a minute or more to start a portal and seed it.
  const deadline = Date.now() + (options.startTimeoutMs ?? 150_000);
  while (!output.includes("portal running at")) {
    if (child.exitCode !== null) throw new Error(`portal exited early:\n${output}`);
    if (Date.now() > deadline) {
      stopping = true;
      child.kill("SIGKILL");
      throw new Error(`portal did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    workerPids: () => workerPidsOf(child.pid!),
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      stopping = true;
      child.kill("SIGTERM");
      const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
      if (!done) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}

/** The children of the portal's process that run the portal too (not the services or esbuild), from /proc. */
function workerPidsOf(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    return children.filter((child) => {
      try {
        return readFileSync(`/proc/${child}/cmdline`, "utf8").includes("server/start.ts");
      } catch {
        return false;
      }
    });
  } catch {
    return [];
  }
}

/** A browser-like form POST: same-origin, urlencoded. */
export function postForm(portal: RunningPortal, path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  return fetch(`${portal.url}${path}`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { Origin: portal.url, "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}
