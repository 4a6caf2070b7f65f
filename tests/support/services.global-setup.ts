// Starts the real FerretDB, Meilisearch and SMTP once for the integration run (or uses the ones
// the environment names) and stops exactly what it started.
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startServices, type StartedServices } from "../../server/services/manager.ts";

let services: StartedServices | undefined;
const dataDir = join(process.cwd(), ".data", `integration-${process.pid}`);

export default async function setup(project: TestProject) {
  services = await startServices({ dataDir });
  project.provide("services", { ...services.env, dataDir });
  return async () => {
    await services?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    services: {
      MONGODB_URI: string;
      MEILI_HOST: string;
      MEILI_MASTER_KEY?: string;
      SMTP_URL: string;
      MAILBOX_DIR?: string;
      dataDir: string;
    };
  }
}
