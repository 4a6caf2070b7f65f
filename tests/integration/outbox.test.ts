import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
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

const DAY = 24 * 60 * 60_000;
afterEach(async () => (await import("~/clock/test-clock.server.ts")).resetClock());
const clock = () => import("~/clock/test-clock.server.ts");

const outbox = async () => ({ ...(await import("~/outbox/outbox.server.ts")), ...(await import("~/email/queue.server.ts")) });
const models = () => import("~/outbox/model.server.ts");

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

  it("leaves an item due in three days until the clock passes it, then two workers send it exactly once", async () => {
    const { enqueueEmail, runOutboxOnce, startOutboxWorker } = await outbox();
    const { OutboxModel } = await models();
    const { moveClock } = await clock();
    const to = `later.${Date.now()}@example.test`;
    const id = await enqueueEmail({
      to,
      language: "en",
      template: "resetPassword",
      params: { name: "Marta", link: "http://localhost/reset-password?token=later" },
      about: null,
      dueAt: new Date(Date.now() + 3 * DAY),
    });
    await Promise.all([runOutboxOnce("a", 200), runOutboxOnce("b", 200)]);
    moveClock(3 * DAY - 60_000);
    await Promise.all([runOutboxOnce("a", 200), runOutboxOnce("b", 200)]);
    expect((await OutboxModel.findById(id).lean())?.status).toBe("pending");
    expect(await emailsTo(smtp.mailboxDir, to)).toHaveLength(0);

    moveClock(2 * 60_000);
    const workers = [startOutboxWorker({ pollMs: 50 }), startOutboxWorker({ pollMs: 50 })];
    try {
      await waitForEmail(smtp.mailboxDir, to);
      const deadline = Date.now() + 30_000;
      while ((await OutboxModel.findById(id).lean())?.status !== "sent" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    const item = await OutboxModel.findById(id).lean();
    expect(item?.status).toBe("sent");
    expect(item?.attempts).toBe(1);
    expect(await emailsTo(smtp.mailboxDir, to)).toHaveLength(1);
  });

  it("keeps up day by day: an item due tomorrow goes tomorrow, one queued for a time already past and one written whole go now", async () => {
    const { enqueueEmail, runOutboxOnce } = await outbox();
    const { OutboxModel } = await models();
    const { moveClock } = await clock();
    const { nowMs } = await import("~/clock/clock.ts");
    // A worker that has kept up so far looks for work by the day it is due on.
    await runOutboxOnce("test", 200);
    const stamp = Date.now();
    const email = (to: string, dueAt: Date) =>
      enqueueEmail({ to, language: "sl", template: "resetPassword", params: { name: "Maja", link: "http://localhost/reset-password?token=d" }, about: null, dueAt });
    const tomorrow = await email(`tomorrow.${stamp}@example.test`, new Date(nowMs() + DAY));
    const overdue = await email(`overdue.${stamp}@example.test`, new Date(nowMs() - 2 * DAY));
    const whole = await OutboxModel.create({
      kind: "email",
      payload: { to: `whole.${stamp}@example.test`, language: "sl", template: "resetPassword", params: { name: "Maja", link: "http://localhost/reset-password?token=d" } },
      nextAttemptAt: new Date(nowMs() - 60_000),
      createdAt: new Date(nowMs()),
    });
    const today = new Date(nowMs()).toISOString().slice(0, 10);
    expect((await OutboxModel.findById(overdue).lean())?.dueDay).toBe(today);
    expect((await OutboxModel.findById(whole._id).lean())?.dueDay).toBe(today);

    await runOutboxOnce("test", 200);
    await waitForEmail(smtp.mailboxDir, `overdue.${stamp}@example.test`);
    await waitForEmail(smtp.mailboxDir, `whole.${stamp}@example.test`);
    expect((await OutboxModel.findById(tomorrow).lean())?.status).toBe("pending");
    expect(await emailsTo(smtp.mailboxDir, `tomorrow.${stamp}@example.test`)).toHaveLength(0);

    moveClock(DAY + 60_000);
    await until("tomorrow's e-mail is sent", async () => (await runOutboxOnce("test", 200), (await OutboxModel.findById(tomorrow).lean())?.status === "sent"));
    expect(await emailsTo(smtp.mailboxDir, `tomorrow.${stamp}@example.test`)).toHaveLength(1);
    expect(await emailsTo(smtp.mailboxDir, `overdue.${stamp}@example.test`)).toHaveLength(1);
  });

  it("keeps one item, and sends one e-mail, when the same key is queued twice", async () => {
    const { enqueueEmail, runOutboxOnce } = await outbox();
    const { OutboxModel } = await models();
    const to = `twice.${Date.now()}@example.test`;
    const email = { to, language: "en" as const, template: "resetPassword" as const, params: { name: "Iva", link: "http://localhost/r?token=1" }, about: null, key: `test-twice:${to}` };
    const [first, second] = await Promise.all([enqueueEmail(email), enqueueEmail(email)]);
    const third = await enqueueEmail(email);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(await OutboxModel.countDocuments({ "payload.to": to })).toBe(1);
    await runOutboxOnce("test", 200);
    await waitForEmail(smtp.mailboxDir, to);
    // Queued again once sent: still the one effect, not a second e-mail.
    expect(await enqueueEmail(email)).toBe(first);
    await runOutboxOnce("test", 200);
    expect(await OutboxModel.countDocuments({ "payload.to": to })).toBe(1);
    expect(await emailsTo(smtp.mailboxDir, to)).toHaveLength(1);
  });

  it("cancels a pending item by its key: it is never sent", async () => {
    const { enqueueEmail, runOutboxOnce, cancelOutbox } = await outbox();
    const { OutboxModel } = await models();
    const { moveClock } = await clock();
    const to = `cancelled.${Date.now()}@example.test`;
    const key = `test-cancel:${to}`;
    const id = await enqueueEmail({ to, language: "en", template: "resetPassword", params: { name: "Ana", link: "http://localhost/r?token=2" }, about: null, key, dueAt: new Date(Date.now() + DAY) });
    expect(await cancelOutbox(key)).toBe(true);
    expect(await cancelOutbox(key)).toBe(false);
    expect(await cancelOutbox("test-cancel:never-queued")).toBe(false);
    moveClock(2 * DAY);
    await runOutboxOnce("test", 200);
    expect((await OutboxModel.findById(id).lean())?.status).toBe("cancelled");
    expect(await emailsTo(smtp.mailboxDir, to)).toHaveLength(0);
  });

  it("reschedules a pending item by its key, later or sooner, and never one already sent", async () => {
    const { enqueueEmail, runOutboxOnce, rescheduleOutbox } = await outbox();
    const { OutboxModel } = await models();
    const { moveClock } = await clock();
    const to = `moved.${Date.now()}@example.test`;
    const key = `test-reschedule:${to}`;
    const id = await enqueueEmail({ to, language: "en", template: "resetPassword", params: { name: "Ema", link: "http://localhost/r?token=3" }, about: null, key });
    // Due now, but moved two days on before any worker came by.
    expect(await rescheduleOutbox(key, new Date(Date.now() + 2 * DAY))).toBe(true);
    await runOutboxOnce("test", 200);
    expect((await OutboxModel.findById(id).lean())?.status).toBe("pending");
    moveClock(DAY);
    // A day later it is wanted at once after all.
    const { now } = await import("~/clock/clock.ts");
    expect(await rescheduleOutbox(key, now())).toBe(true);
    await runOutboxOnce("test", 200);
    await waitForEmail(smtp.mailboxDir, to);
    expect((await OutboxModel.findById(id).lean())?.status).toBe("sent");
    expect(await rescheduleOutbox(key, new Date(Date.now() + 5 * DAY))).toBe(false);
    expect(await emailsTo(smtp.mailboxDir, to)).toHaveLength(1);
  });

  it("carries out a rescheduled item even when an earlier attempt's claim is still on record", async () => {
    const { enqueueEmail, runOutboxOnce, rescheduleOutbox } = await outbox();
    const { OutboxModel, OutboxClaimModel } = await models();
    const to = `claimed.${Date.now()}@example.test`;
    const key = `test-claimed:${to}`;
    const id = await enqueueEmail({ to, language: "en", template: "resetPassword", params: { name: "Lea", link: "http://localhost/r?token=4" }, about: null, key, dueAt: new Date(Date.now() + DAY) });
    // A worker claimed the first attempt and died before it could note the attempt.
    await OutboxClaimModel.create({ _id: `${id}:0:0`, worker: "gone", claimedAt: new Date() });
    expect(await rescheduleOutbox(key, new Date())).toBe(true);
    await runOutboxOnce("test", 200);
    await waitForEmail(smtp.mailboxDir, to);
    expect((await OutboxModel.findById(id).lean())?.status).toBe("sent");
  });

  it("takes over an attempt whose worker claimed it and died before noting it, once a lease has passed, and not before", async () => {
    const { enqueueEmail, runOutboxOnce } = await outbox();
    const { OutboxModel, OutboxClaimModel } = await models();
    const { moveClock } = await clock();
    const to = `abandoned.${Date.now()}@example.test`;
    const id = await enqueueEmail({ to, language: "en", template: "resetPassword", params: { name: "Iva", link: "http://localhost/r?token=5" }, about: null, key: `test-abandoned:${to}` });
    // Another worker has just claimed the first attempt: it is its to carry out.
    await OutboxClaimModel.create({ _id: `${id}:0:0`, worker: "busy", claimedAt: new Date() });
    await runOutboxOnce("test", 200);
    expect((await OutboxModel.findById(id).lean())?.attempts).toBe(0);
    // Three minutes later that worker has still not noted the attempt: it is gone, and the item is carried out once.
    moveClock(3 * 60_000);
    await runOutboxOnce("test", 200);
    await waitForEmail(smtp.mailboxDir, to);
    expect((await OutboxModel.findById(id).lean())?.status).toBe("sent");
    expect(await emailsTo(smtp.mailboxDir, to)).toHaveLength(1);
  });

  it("leaves an item of a kind it has no handler for to a process that has one", async () => {
    const { enqueueOutbox, runOutboxOnce, registeredOutboxKinds } = await outbox();
    const { OutboxModel } = await models();
    // What the portal queues has its handler wherever the worker runs (server/outbox-handlers.ts).
    expect(registeredOutboxKinds()).toEqual(expect.arrayContaining(["email", "placement-sync"]));
    const id = await enqueueOutbox("kind-of-a-newer-portal", { anything: true }, null);
    await runOutboxOnce("test", 200);
    const item = await OutboxModel.findById(id).lean();
    expect(item?.status).toBe("pending");
    expect(item?.attempts).toBe(0);
  });
});
