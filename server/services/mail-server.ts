// The embedded SMTP server: accepts every message on loopback and keeps it as an .eml file in
// the mailbox folder, where the mailbox page, `npm run mail` and the tests read it.
import { SMTPServer } from "smtp-server";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";

const [portArg, dirArg] = process.argv.slice(2);
const port = Number(portArg);
const dir = dirArg;
if (!port || !dir) {
  console.error("usage: mail-server.ts <port> <mailbox-dir>");
  process.exit(2);
}
mkdirSync(dir, { recursive: true });

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["AUTH", "STARTTLS"],
  banner: "placement-portal local mailbox",
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      const name = `${Date.now().toString().padStart(15, "0")}-${randomBytes(4).toString("hex")}.eml`;
      writeFileSync(join(dir, name), Buffer.concat(chunks));
      callback();
    });
  },
});
server.on("error", (error) => console.error("smtp error", error));
server.listen(port, "127.0.0.1", () => console.log(`smtp listening on 127.0.0.1:${port}`));
const shutdown = () => server.close(() => process.exit(0));
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
