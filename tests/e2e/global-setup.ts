// Starts the real services (unless the environment names them), seeds the demo data and runs
// the built portal as its own process for the whole e2e run; the returned function stops them.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { startServices } from "../../server/services/manager.ts";
import { startPortal } from "../support/portal.ts";

export default async function globalSetup() {
  const dataDir = join(process.cwd(), ".data", `e2e-${process.pid}`);
  const services = await startServices({ dataDir });
  const env = Object.fromEntries(Object.entries(services.env).filter(([, v]) => v)) as Record<string, string>;
  if (!env.MAILBOX_DIR) throw new Error("The e2e tests read e-mails from the embedded SMTP server's mailbox; leave SMTP_URL unset.");
  const uri = new URL(env.MONGODB_URI);
  uri.pathname = `/e2e_${Date.now()}`;
  env.MONGODB_URI = uri.toString();
  const portalEnv = { ...env, NODE_ENV: "production", OUTBOX_POLL_MS: "250", PASSWORD_HASH_COST: "8", DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
  let portal;
  try {
    portal = await startPortal(portalEnv, { seed: true });
  } catch (error) {
    await services.stop();
    throw error;
  }
  process.env.E2E_BASE_URL = portal.url;
  process.env.E2E_MAILBOX_DIR = env.MAILBOX_DIR;
  // For fixtures that add an account of their own (a coordinator who reads Croatian), as Epic Stack's insertNewUser does.
  process.env.E2E_MONGODB_URI = env.MONGODB_URI;
  // For a spec that runs a portal of its own on the same services and settings (checkins.spec.ts: its clock moves).
  process.env.E2E_PORTAL_ENV = JSON.stringify(portalEnv);
  return async () => {
    await portal.stop();
    // The portal's own log, for reading after a failed run.
    mkdirSync("test-results", { recursive: true });
    writeFileSync("test-results/portal-output.log", portal.output());
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
