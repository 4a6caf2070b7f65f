// The embedded SMTP server: accepts every message on loopback and keeps it as an .eml file in
// the mailbox folder, where the mailbox page, `npm run mail` and the tests read it.
import { SMTPServer } from "smtp-server";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { BANNER } from "./smtp.ts";

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
  banner: BANNER,
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
let listening = false;
server.on("error", (error) => {
  console.error("smtp error", error);
  // Could not listen (the port is taken): exit, so that whoever started us sees the failure.
  if (!listening) process.exit(1);
});
server.listen(port, "127.0.0.1", () => {
  listening = true;
  console.log(`smtp listening on 127.0.0.1:${port}`);
});
const shutdown = () => {
  server.close(() => process.exit(0));
  // A client that keeps its connection open must not keep the server alive.
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);

// The process that started us is normally also asked to signal our death (setpriv --pdeathsig);
// this also covers machines without setpriv: once our parent is gone we are reparented.
const parentPid = process.ppid;
function currentParentPid(): number {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    try {
      process.kill(parentPid, 0);
      return parentPid;
    } catch {
      return 0;
    }
  }
}
setInterval(() => {
  if (currentParentPid() !== parentPid) shutdown();
}, 1000).unref();
