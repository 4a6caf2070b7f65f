// `npm run mail [-- --all]`: prints what the embedded SMTP server received (newest last).
import { join } from "node:path";
import { readMailbox } from "~/email/mailbox.server.ts";
import { servicesDataDir } from "./manager.ts";

const dir = process.env.MAILBOX_DIR ?? join(servicesDataDir(), "mailbox");
const messages = await readMailbox(dir);
const shown = process.argv.includes("--all") ? messages : messages.slice(-10);
if (shown.length === 0) console.log(`No messages in ${dir}`);
for (const m of shown) {
  console.log(`── ${m.date.toISOString()}  to ${m.to.join(", ")}\n   ${m.subject}\n`);
  console.log(m.text.trim().replace(/^/gm, "   "));
  console.log();
}
