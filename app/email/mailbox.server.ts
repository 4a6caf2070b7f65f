// The development mailbox page reads what the embedded SMTP server stored.
export { readMailbox, type MailboxMessage } from "../../server/services/mailbox.ts";
