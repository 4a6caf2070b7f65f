import { randomBytes } from "node:crypto";
import { getEnv } from "~/env.server.ts";
import { isDuplicateKeyError } from "~/db/connection.server.ts";
import { formatDateAndTime } from "~/i18n/dates.ts";
import { getT } from "~/i18n/i18n.server.ts";
import { isLanguage, type Language } from "~/i18n/languages.ts";
import { OutboxClaimModel, OutboxModel, type OutboxItem } from "./outbox.model.server.ts";
import { PermanentDeliveryError, sendEmail } from "./mailer.server.ts";
import { emailTemplates, type EmailTemplateName, type EmailTemplateParams } from "./templates/index.ts";
import { renderEmail } from "./templates/layout.tsx";

interface EmailPayload {
  to: string;
  language: Language;
  template: EmailTemplateName;
  params: Record<string, unknown>;
}

/**
 * The mentee an item is to or about, or null for items about no mentee. Every caller says which,
 * so that an erasure can find the person's items by id.
 */
export type OutboxSubject = { menteeId: unknown } | { menteeUserId: unknown } | null;

function kick() {
  (globalThis as { __kickOutbox?: () => void }).__kickOutbox?.();
}

/** Queues any outside effect, due now or at `notBefore`; a handler below carries it out. Returns the item's id. */
export async function enqueueOutbox(
  kind: keyof typeof handlers,
  payload: Record<string, unknown>,
  about: OutboxSubject,
  options: { notBefore?: Date } = {},
): Promise<string> {
  const now = new Date();
  const item = await OutboxModel.create({
    kind,
    payload,
    ...(about ?? {}),
    status: "pending",
    attempts: 0,
    nextAttemptAt: options.notBefore ?? now,
    createdAt: now,
  });
  kick();
  return String(item._id);
}

/** Makes a pending item due now (an e-mail planned for later whose moment has come early). */
export async function makeDueNow(itemId: unknown): Promise<void> {
  await OutboxModel.updateOne({ _id: itemId, status: "pending", attempts: 0 }, { $set: { nextAttemptAt: new Date() } });
  kick();
}

/**
 * Queues an e-mail. It is rendered when it is delivered, so that a later change (such as a
 * withdrawn consent) is respected by every retry.
 */
export async function enqueueEmail<N extends EmailTemplateName>(email: {
  to: string;
  language: Language;
  template: N;
  params: EmailTemplateParams<N>;
  about: OutboxSubject;
  notBefore?: Date;
}): Promise<string> {
  const payload: EmailPayload = { to: email.to, language: email.language, template: email.template, params: { ...email.params } };
  return enqueueOutbox("email", { ...payload }, email.about, { notBefore: email.notBefore });
}

/** Thrown when an e-mail must not be sent any more (its consent was withdrawn): the item is cancelled. */
export class CancelledDelivery extends Error {}

/**
 * Parameters that must be worked out when the e-mail is sent, not when it was queued. An
 * introduction carries the mentee's data only as far as consent allows at that moment.
 */
async function currentParams(payload: EmailPayload): Promise<Record<string, unknown>> {
  if (payload.template === "deskSession") {
    const { deskSessionSummary } = await import("~/mentees/desk.server.ts");
    const summary = await deskSessionSummary(String(payload.params.deskSessionId));
    if (!summary) throw new CancelledDelivery("desk session no longer on record");
    return { ...payload.params, summary, when: formatDateAndTime(summary.openedAt, payload.language) };
  }
  if (payload.template !== "introduction") return payload.params;
  const { visibleProfileFor } = await import("~/introductions/visible-profile.server.ts");
  const { organisationId, introductionId } = payload.params as { organisationId: string; introductionId: string };
  const profile = await visibleProfileFor(organisationId, introductionId);
  if (!profile || profile.withdrawn) throw new CancelledDelivery("consent withdrawn before delivery");
  return { ...payload.params, profile };
}

async function renderPayload(payload: EmailPayload) {
  const language = isLanguage(payload.language) ? payload.language : "en";
  const t = getT(language);
  payload = { ...payload, params: await currentParams(payload) };
  const template = emailTemplates[payload.template] as (t: unknown, p: unknown) => Parameters<typeof renderEmail>[0];
  if (!template) throw new PermanentDeliveryError(`unknown e-mail template ${payload.template}`);
  return { to: payload.to, ...renderEmail(template(t, payload.params), t, language) };
}

const handlers = {
  email: async (payload: unknown) => sendEmail(await renderPayload(payload as EmailPayload)),
  // Loaded on use: the search module itself queues through this outbox.
  "placement-sync": async (payload: unknown) =>
    (await import("~/placements/search-index.server.ts")).syncPlacement(payload as { placementId?: string; placementIds?: string[] }),
} satisfies Record<string, (payload: unknown) => Promise<void>>;

const LEASE_MS = 2 * 60_000;
const MAX_BACKOFF_MS = 10 * 60_000;

export function backoffMs(attempts: number, base = getEnv().OUTBOX_BACKOFF_BASE_MS): number {
  return Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, attempts - 1));
}

async function processItem(item: OutboxItem, worker: string): Promise<"done" | "skipped" | "retry" | "failed"> {
  try {
    await OutboxClaimModel.create({ _id: `${item._id}:${item.attempts}`, worker, claimedAt: new Date() });
  } catch (error) {
    if (isDuplicateKeyError(error)) return "skipped";
    throw error;
  }
  const attempts = item.attempts + 1;
  // If this process dies mid-delivery, the item becomes due again once the lease runs out.
  await OutboxModel.updateOne({ _id: item._id }, { $set: { attempts, nextAttemptAt: new Date(Date.now() + LEASE_MS) } });
  const handler = (handlers as Record<string, (payload: unknown) => Promise<void>>)[item.kind];
  try {
    if (!handler) throw new PermanentDeliveryError(`no handler for outbox kind ${item.kind}`);
    await handler(item.payload);
    await OutboxModel.updateOne({ _id: item._id }, { $set: { status: "sent", doneAt: new Date() }, $unset: { lastError: 1 } });
    return "done";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof CancelledDelivery) {
      await OutboxModel.updateOne({ _id: item._id }, { $set: { status: "cancelled", lastError: message, doneAt: new Date() } });
      return "failed";
    }
    if (error instanceof PermanentDeliveryError) {
      await OutboxModel.updateOne({ _id: item._id }, { $set: { status: "failed", lastError: message, doneAt: new Date() } });
      return "failed";
    }
    await OutboxModel.updateOne(
      { _id: item._id },
      { $set: { lastError: message, nextAttemptAt: new Date(Date.now() + backoffMs(attempts)) } },
    );
    return "retry";
  }
}

/** Processes every item that is due now; returns what happened, for tests and logs. */
export async function runOutboxOnce(worker = "manual", limit = 25) {
  const due = await OutboxModel.find({ status: "pending", nextAttemptAt: { $lte: new Date() } })
    .sort({ nextAttemptAt: 1 })
    .limit(limit)
    .lean<OutboxItem[]>();
  const counts = { done: 0, skipped: 0, retry: 0, failed: 0 };
  for (const item of due) counts[await processItem(item, worker)]++;
  return counts;
}

export interface OutboxWorker {
  stop(): Promise<void>;
}

/** Polls the outbox in the background; safe to run in several processes at once. */
export function startOutboxWorker(options: { pollMs?: number; log?: (line: string) => void } = {}): OutboxWorker {
  const pollMs = options.pollMs ?? getEnv().OUTBOX_POLL_MS;
  const worker = `${process.pid}-${randomBytes(3).toString("hex")}`;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let lastCleanup = 0;

  const tick = () => {
    if (stopped) return;
    clearTimeout(timer);
    running = running
      .then(async () => {
        const counts = await runOutboxOnce(worker);
        if (counts.retry || counts.failed) options.log?.(`outbox: ${JSON.stringify(counts)}`);
        if (Date.now() - lastCleanup > 60 * 60_000) {
          lastCleanup = Date.now();
          await OutboxClaimModel.deleteMany({ claimedAt: { $lt: new Date(Date.now() - 24 * 60 * 60_000) } });
        }
      })
      .catch((error) => options.log?.(`outbox: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        clearTimeout(timer);
        if (!stopped) timer = setTimeout(tick, pollMs);
      });
  };
  (globalThis as { __kickOutbox?: () => void }).__kickOutbox = () => setImmediate(tick);
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      delete (globalThis as { __kickOutbox?: () => void }).__kickOutbox;
      await running;
    },
  };
}
