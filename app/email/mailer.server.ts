import nodemailer, { type Transporter } from "nodemailer";
import { connect } from "node:net";
import { getEnv } from "~/env.server.ts";

let transporter: Transporter | undefined;

function getTransporter(): Transporter {
  const url = new URL(getEnv().SMTP_URL);
  transporter ??= nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === "smtps:" ? 465 : 587)),
    secure: url.protocol === "smtps:",
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 10_000,
  });
  return transporter;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra header fields (List-Unsubscribe). */
  headers?: Record<string, string>;
}

export class PermanentDeliveryError extends Error {}

export async function sendEmail(message: OutgoingEmail): Promise<void> {
  try {
    await getTransporter().sendMail({ ...message, from: getEnv().MAIL_FROM });
  } catch (error) {
    const responseCode = (error as { responseCode?: number }).responseCode;
    // 5xx answers (unknown mailbox, rejected content) will not get better by retrying.
    if (responseCode && responseCode >= 500) throw new PermanentDeliveryError(String((error as Error).message));
    throw error;
  }
}

/** Checks that the SMTP server greets us, without sending anything. */
export function pingSmtp(timeoutMs = 2000): Promise<void> {
  const url = new URL(getEnv().SMTP_URL);
  const port = Number(url.port || (url.protocol === "smtps:" ? 465 : 25));
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port });
    const finish = (error?: Error) => {
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    socket.setTimeout(timeoutMs, () => finish(new Error("timeout")));
    socket.once("error", (error) => finish(error));
    socket.once("data", (data) => (data.toString().startsWith("220") ? finish() : finish(new Error("unexpected greeting"))));
    if (url.protocol === "smtps:") socket.once("connect", () => finish());
  });
}
