// The development mailbox page reads what the embedded SMTP server stored.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { getEnv } from "~/env.server.ts";

/** Development with the embedded SMTP server, and a signed-in coordinator: nobody else, ever. */
export function mailboxIsOpenTo(user: { role: string } | null): boolean {
  const env = getEnv();
  return Boolean(env.MAILBOX_DIR) && env.NODE_ENV === "development" && user?.role === "coordinator";
}

export interface MailboxMessage {
  id: string;
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  date: Date;
  /** Header fields by lower-case name, as received. */
  headers: Record<string, string>;
}

/** Every message the embedded SMTP server has received, oldest first. */
export async function readMailbox(dir: string): Promise<MailboxMessage[]> {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => f.endsWith(".eml")).sort();
  return Promise.all(
    files.map(async (file) => {
      const parsed = await simpleParser(readFileSync(join(dir, file)));
      const addresses = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) =>
        a.value.map((v) => (v.address ?? "").toLowerCase()),
      );
      return {
        id: file.replace(/\.eml$/, ""),
        to: addresses,
        from: parsed.from?.text ?? "",
        subject: parsed.subject ?? "",
        text: parsed.text ?? "",
        html: typeof parsed.html === "string" ? parsed.html : "",
        date: parsed.date ?? new Date(0),
        headers: Object.fromEntries(parsed.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(":") + 1).trim()])),
      };
    }),
  );
}
