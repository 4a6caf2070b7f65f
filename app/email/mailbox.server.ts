// The development mailbox page reads what the embedded SMTP server stored.
import { getEnv } from "~/env.server.ts";

export { readMailbox, type MailboxMessage } from "../../server/services/mailbox.ts";

/** Development with the embedded SMTP server, and a signed-in coordinator: nobody else, ever. */
export function mailboxIsOpenTo(user: { role: string } | null): boolean {
  const env = getEnv();
  return Boolean(env.MAILBOX_DIR) && env.NODE_ENV === "development" && user?.role === "coordinator";
}
