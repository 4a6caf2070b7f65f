import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startSmtp } from "../../server/services/smtp.ts";
import type { RunningService } from "../../server/services/processes.ts";
import { emailsTo, waitForEmail } from "../support/mailbox.ts";
import { until } from "../support/until.ts";

// This file's own SMTP server, so that it can be stopped and started without disturbing others.
const dataDir = mkdtempSync(join(process.env.SERVICES_DATA_DIR!, "outbox-"));
// Set before anything reads the configuration (the shared setup connects in a beforeAll hook).
let smtp: { port: number; mailboxDir: string; service: RunningService } = await startSmtp(dataDir);
process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
process.env.OUTBOX_BACKOFF_BASE_MS = "50";
afterAll(async () => smtp.service.stop());

const outbox = () => import("~/email/outbox.server.ts");
const models = () => import("~/email/outbox.model.server.ts");

describe("the e-mail outbox", () => {
  it("keeps an e-mail while SMTP is down and delivers it once SMTP is back", async () => {
    const { enqueueEmail, runOutboxOnce } = await outbox();
    const { OutboxModel } = await models();
    const to = `down.${Date.now()}@example.test`;
    await smtp.service.stop();
    await enqueueEmail({ to, language: "da", template: "confirmEmail", params: { name: "Jens", link: "http://localhost/confirm-email?token=abc" }, about: null });
    const first = await runOutboxOnce("test");
    expect(first.retry).toBeGreaterThanOrEqual(1);
    const waiting = await OutboxModel.findOne({ "payload.to": to }).lean();
    expect(waiting?.status).toBe("pending");
    expect(waiting?.attempts).toBe(1);
    expect(waiting?.lastError).toBeTruthy();

    smtp = await startSmtp(dataDir, { port: smtp.port });
    // Once its retry is due, the next run delivers it.
    await until("the e-mail is delivered on a retry", async () => (await runOutboxOnce("test")).done >= 1);
    const message = await waitForEmail(smtp.mailboxDir, to);
    expect(message.subject).toBe("Bekræft din e-mailadresse");
    expect(message.text).toContain("http://localhost/confirm-email?token=abc");
    expect((await OutboxModel.findOne({ "payload.to": to }).lean())?.status).toBe("sent");
  });

  it("delivers each e-mail exactly once when several workers run at the same time", async () => {
    const { enqueueEmail, runOutboxOnce } = await outbox();
    const stamp = Date.now();
    const recipients = Array.from({ length: 12 }, (_, i) => `parallel.${stamp}.${i}@example.test`);
    for (const to of recipients)
      await enqueueEmail({ to, language: "hr", template: "resetPassword", params: { name: "Ana", link: "http://localhost/reset-password?token=x" }, about: null });
    const runs = await Promise.all(["a", "b", "c"].map((worker) => runOutboxOnce(worker, 50)));
    expect(runs.reduce((sum, r) => sum + r.done, 0)).toBe(recipients.length);
    for (const to of recipients) {
      await waitForEmail(smtp.mailboxDir, to);
      expect(await emailsTo(smtp.mailboxDir, to)).toHaveLength(1);
    }
  });

  it("stops retrying an e-mail the server refuses for good", async () => {
    const { runOutboxOnce } = await outbox();
    const { OutboxModel } = await models();
    const item = await OutboxModel.create({
      kind: "email",
      payload: { to: "x@example.test", language: "en", template: "noSuchTemplate", params: {} },
      nextAttemptAt: new Date(),
      createdAt: new Date(),
    });
    await runOutboxOnce("test");
    const after = await OutboxModel.findById(item._id).lean();
    expect(after?.status).toBe("failed");
    expect(after?.lastError).toMatch(/template/);
  });
});
