import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { z } from "zod";

const booleanFromString = z
  .enum(["true", "false", "1", "0"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

const url = (protocols: string[]) =>
  z
    .string({ error: "is required" })
    .min(1, { error: "is required" })
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      { error: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}` },
    );

/**
 * A MongoDB connection string, which a URL parser refuses as soon as it names several hosts with
 * ports (a replica set: mongodb://db1:27017,db2:27017/placements?replicaSet=rs0). Each host is
 * checked on its own; mongodb+srv names exactly one.
 */
function isMongoUri(value: string): boolean {
  const match = /^(mongodb|mongodb\+srv):\/\/(?:[^@/?#]*@)?([^/?#]+)(.*)$/.exec(value);
  if (!match) return false;
  const [, scheme, hostList, rest] = match;
  const hosts = hostList.split(",");
  if (scheme === "mongodb+srv" && hosts.length !== 1) return false;
  try {
    for (const host of hosts) if (!new URL(`mongodb://${host}`).hostname) return false;
    new URL(`mongodb://${hosts[0]}${rest}`);
    return true;
  } catch {
    return false;
  }
}

const mongoUri = z
  .string({ error: "is required" })
  .min(1, { error: "is required" })
  .refine(isMongoUri, { error: "must be a URL starting with mongodb:// or mongodb+srv:// (several hosts separated by commas for a replica set)" });

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies in front of the portal may tell it the client's address (X-Forwarded-For), as
 * Express's "trust proxy" takes it: a number of hops, or addresses, subnets and the names
 * loopback, linklocal, uniquelocal. Off by default: otherwise any client could name its own address.
 */
const trustProxy = z
  .string()
  .trim()
  .refine((v) => v === "false" || /^\d{1,2}$/.test(v) || v.split(",").every((entry) => isProxyAddress(entry.trim())), {
    error: "must be false, a number of proxies, or addresses/subnets (or loopback, linklocal, uniquelocal) separated by commas",
  })
  .transform((v): false | number | string[] => (v === "false" ? false : /^\d+$/.test(v) ? Number(v) : v.split(",").map((entry) => entry.trim())))
  .default(false);

const MOST_PROCESSES = 64;

/** How many processes serve the portal: a number, or "auto" for one per CPU. */
const portalProcesses = z
  .string()
  .trim()
  .refine((v) => v === "auto" || (/^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= MOST_PROCESSES), {
    error: `must be a whole number from 1 to ${MOST_PROCESSES}, or auto (one per CPU)`,
  })
  .transform((v) => (v === "auto" ? Math.min(availableParallelism(), MOST_PROCESSES) : Number(v)))
  .default(1);

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number({ error: "must be a number" }).int().min(1).max(65535).default(3000),
  MONGODB_URI: mongoUri,
  MEILI_HOST: url(["http:", "https:"]),
  MEILI_MASTER_KEY: z.string().optional(),
  /** Prefix for index names, so that several portals (or test files) share one Meilisearch. */
  MEILI_INDEX_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]*$/, { error: "may hold only letters, digits, _ and -" }).default(""),
  SMTP_URL: url(["smtp:", "smtps:"]),
  MAIL_FROM: z.string().min(3).default("Supported placements <no-reply@placements.localhost>"),
  PUBLIC_URL: url(["http:", "https:"]).optional(),
  /** Folder of the embedded SMTP server's mailbox; enables the development mailbox page. */
  MAILBOX_DIR: z.string().optional(),
  /** 32 bytes, base64: encrypts special-category data about mentees at rest. */
  DATA_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, { error: "must be 32 bytes in base64 (openssl rand -base64 32)" })
    .optional(),
  COOKIE_SECURE: booleanFromString.default(true),
  TRUST_PROXY: trustProxy,
  /** Server processes behind the one port (server/cluster.ts); 1 serves from the process that starts. */
  PORTAL_PROCESSES: portalProcesses,
  LOG_REQUESTS: booleanFromString.default(true),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  OUTBOX_BACKOFF_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
  PASSWORD_HASH_COST: z.coerce.number().int().min(4).max(15).default(11),
  SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /** Tests only: a file whose offset the portal's clock follows (app/clock/test-clock.server.ts); ignored unless NODE_ENV is test. */
  TEST_CLOCK_FILE: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

const productionOnly = (env: Env) => (env.NODE_ENV === "production" && !env.DATA_ENCRYPTION_KEY ? ["DATA_ENCRYPTION_KEY is required in production"] : []);

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** One readable line per problem, naming the variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) {
    const problems = productionOnly(result.data);
    if (problems.length) throw new ConfigError(problems);
    return result.data;
  }
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function publicUrl(): string {
  const env = getEnv();
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}
