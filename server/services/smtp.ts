import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { freePort, portAnswers, startProcess, type RunningService } from "./processes.ts";

const mailServerScript = fileURLToPath(new URL("./mail-server.ts", import.meta.url));
export const BANNER = "placement-portal local mailbox";

/** Starts the local SMTP server as its own process so that it can be stopped and started again. */
export async function startSmtp(
  dataDir: string,
  options: { port?: number } = {},
): Promise<{ url: string; port: number; mailboxDir: string; service: RunningService }> {
  const mailboxDir = join(dataDir, "mailbox");
  mkdirSync(mailboxDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const service = await startProcess({
    name: "smtp",
    command: process.execPath,
    args: ["--import", "tsx", mailServerScript, String(port), mailboxDir],
    logFile: join(dataDir, "smtp.log"),
    ready: () => greetsAsOurServer(port),
  });
  return { url: `smtp://127.0.0.1:${port}`, port, mailboxDir, service };
}

/** Our server's greeting, not just any listener: after a restart something else may hold the port. */
function greetsAsOurServer(port: number, timeoutMs = 1000): Promise<boolean> {
  return portAnswers(port, timeoutMs, (data) => data.startsWith("220") && data.includes(BANNER));
}
