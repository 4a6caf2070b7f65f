import { readMailbox, type MailboxMessage } from "~/email/mailbox.server.ts";

/**
 * Waits until the real SMTP mailbox holds a message to this address (and matching the filter).
 * E-mails go through the outbox, which a busy machine can hold up for many seconds: the default
 * deadline is generous, and only a failure waits it out.
 */
export async function waitForEmail(
  mailboxDir: string,
  to: string,
  filter: (m: MailboxMessage) => boolean = () => true,
  timeoutMs = 60_000,
): Promise<MailboxMessage> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await readMailbox(mailboxDir)).filter((m) => m.to.includes(to.toLowerCase()) && filter(m));
    if (found.length > 0) return found[found.length - 1];
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`no e-mail to ${to} arrived within ${timeoutMs} ms`);
}

export async function emailsTo(mailboxDir: string, to: string) {
  return (await readMailbox(mailboxDir)).filter((m) => m.to.includes(to.toLowerCase()));
}

export function linkIn(message: MailboxMessage, path: string): string {
  const match = message.text.match(new RegExp(`https?://\\S+${path.replace(/[/?]/g, "\\$&")}\\S*`));
  if (!match) throw new Error(`no ${path} link in: ${message.text}`);
  return match[0];
}
