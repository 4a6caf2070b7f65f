// The built portal in production mode with the demo data, on embedded services of its own, for
// the benchmarks that look at pages as a browser gets them (page weight, Lighthouse).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { startServices } from "../../server/services/manager.ts";
import { startPortal, type RunningPortal } from "../support/portal.ts";

export const DEMO_PASSWORD = "demo-placements-2026";
export const demoLogins = {
  employer: "employer.hr@demo.placements.test",
  mentor: "mentor.hr@demo.placements.test",
  mentee: "mentee@demo.placements.test",
  coordinator: "coordinator@demo.placements.test",
} as const;

export interface DemoPortal {
  portal: RunningPortal;
  stop(): Promise<void>;
}

/** Stops on Ctrl-C as well, and leaves no data behind. */
export async function startDemoPortal(name: string, onStop: () => Promise<unknown> = async () => {}): Promise<DemoPortal> {
  const dataDir = join(process.cwd(), ".data", `${name}-${process.pid}`);
  const services = await startServices({ dataDir, source: {} as NodeJS.ProcessEnv });
  let portal: RunningPortal | undefined;
  const stop = async () => {
    await Promise.allSettled([onStop(), portal?.stop()]);
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop().finally(() => process.exit(130)));
  try {
    const env = Object.fromEntries(Object.entries(services.env).filter(([, v]) => v)) as Record<string, string>;
    const uri = new URL(env.MONGODB_URI);
    uri.pathname = `/${name.replace(/\W/g, "_")}`;
    portal = await startPortal(
      { ...env, MONGODB_URI: uri.toString(), NODE_ENV: "production", PASSWORD_HASH_COST: "8", DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64") },
      { seed: true, startTimeoutMs: 180_000 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { portal, stop };
}

/** Signs in through the login form; the session cookie as a browser would send it back. */
export async function logIn(portal: RunningPortal, email: string): Promise<string> {
  const response = await fetch(`${portal.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: portal.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("portal_session="));
  if (response.status !== 302 || !session) throw new Error(`could not sign in as ${email}: ${response.status}`);
  return session.split(";")[0];
}

/** A published placement's page, from the search page. */
export async function aPlacementPath(portal: RunningPortal) {
  const search = await fetch(`${portal.url}/placements`, { headers: { "Accept-Language": "hr" } });
  const path = (await search.text()).match(/href="(\/placements\/[0-9a-f]{24})/)?.[1];
  if (!path) throw new Error("no placement link on /placements");
  return path;
}

/** The story pages; the demo's stories reach the search index through the outbox, a moment after the start. */
export async function storyPaths(portal: RunningPortal) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const stories = await (await fetch(`${portal.url}/stories`, { headers: { "Accept-Language": "hr" } })).text();
    const paths = [...new Set([...stories.matchAll(/href="(\/stories\/[a-z0-9-]+)"/g)].map((m) => m[1]))];
    if (paths.length > 0) return paths;
    if (Date.now() > deadline) throw new Error("no story link on /stories");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The story page with a photo when there is one: the heaviest kind. */
export async function aStoryPath(portal: RunningPortal) {
  const paths = await storyPaths(portal);
  for (const path of paths) if ((await (await fetch(`${portal.url}${path}`, { headers: { "Accept-Language": "hr" } })).text()).includes("<img")) return path;
  return paths[0];
}

export function commitOfCheckout() {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown (not a git checkout)";
  }
}
