import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { startFerretdb } from "./ferretdb.ts";
import { startMeilisearch } from "./meilisearch.ts";
import { startSmtp } from "./smtp.ts";
import { supervise, type Backoff, type ServiceStatus, type SupervisedService } from "./supervisor.ts";

export interface ServiceEnvironment {
  MONGODB_URI: string;
  MEILI_HOST: string;
  MEILI_MASTER_KEY?: string;
  SMTP_URL: string;
  MAILBOX_DIR?: string;
}

export interface StartedServices {
  env: ServiceEnvironment;
  /** Only the services this call started (services named by the environment are left alone), with their supervision state. */
  status(): ServiceStatus[];
  /** Restarts nothing from now on, for a shutdown that stops other things first. */
  stopSupervising(): void;
  stop(): Promise<void>;
}

/** Where the embedded services keep their data: SERVICES_DATA_DIR, or .data in the working directory. */
export function servicesDataDir(source: NodeJS.ProcessEnv = process.env): string {
  return resolve(source.SERVICES_DATA_DIR || ".data");
}

/**
 * Starts the embedded default for every service the environment does not name: FerretDB on
 * SQLite, Meilisearch from the npm package, and the local SMTP server, each on a free loopback
 * port with its data under dataDir. Each one is supervised: restarted on the same port and data
 * when it exits unexpectedly. Stops exactly what it started.
 */
export async function startServices(
  options: {
    dataDir?: string;
    source?: NodeJS.ProcessEnv;
    log?: (line: string) => void;
    /** Lines about services that exited and were restarted; by default to stderr. */
    logSupervision?: (line: string) => void;
    /** Called whenever a service's state or pid changes. */
    onChange?: () => void;
    backoff?: Backoff;
  } = {},
): Promise<StartedServices> {
  const dataDir = options.dataDir ?? servicesDataDir();
  const source = options.source ?? process.env;
  const log = options.log ?? (() => {});
  const supervision = {
    log: options.logSupervision ?? ((line: string) => console.warn(line)),
    onChange: () => options.onChange?.(),
    backoff: options.backoff,
  };
  mkdirSync(dataDir, { recursive: true });
  const started: SupervisedService[] = [];
  const stop = async () => {
    await Promise.all(started.splice(0).reverse().map((s) => s.stop()));
  };
  try {
    const tasks: Promise<Partial<ServiceEnvironment>>[] = [];
    if (source.MONGODB_URI) tasks.push(Promise.resolve({ MONGODB_URI: source.MONGODB_URI }));
    else
      tasks.push(
        startFerretdb(dataDir).then(({ uri, port, service }) => {
          started.push(supervise(service, "database", async () => (await startFerretdb(dataDir, { port, build: false })).service, supervision));
          log(`FerretDB ${uri} (pid ${service.pid})`);
          return { MONGODB_URI: `${uri}placements` };
        }),
      );
    if (source.MEILI_HOST) tasks.push(Promise.resolve({ MEILI_HOST: source.MEILI_HOST, MEILI_MASTER_KEY: source.MEILI_MASTER_KEY }));
    else
      tasks.push(
        startMeilisearch(dataDir).then(({ host, masterKey, port, service }) => {
          started.push(supervise(service, "search", async () => (await startMeilisearch(dataDir, { port, masterKey })).service, supervision));
          log(`Meilisearch ${host} (pid ${service.pid})`);
          return { MEILI_HOST: host, MEILI_MASTER_KEY: masterKey };
        }),
      );
    if (source.SMTP_URL) tasks.push(Promise.resolve({ SMTP_URL: source.SMTP_URL, MAILBOX_DIR: source.MAILBOX_DIR }));
    else
      tasks.push(
        startSmtp(dataDir).then(({ url, port, mailboxDir, service }) => {
          started.push(supervise(service, "email", async () => (await startSmtp(dataDir, { port })).service, supervision));
          log(`SMTP ${url}, mailbox ${mailboxDir} (pid ${service.pid})`);
          return { SMTP_URL: url, MAILBOX_DIR: mailboxDir };
        }),
      );
    const results = await Promise.allSettled(tasks);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
    const env = Object.assign({}, ...results.map((r) => (r as PromiseFulfilledResult<object>).value)) as ServiceEnvironment;
    return {
      env,
      status: () => started.map((s) => s.status()),
      stopSupervising: () => started.forEach((s) => s.stopSupervising()),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
