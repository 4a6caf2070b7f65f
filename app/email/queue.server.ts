import type { TFunction } from "~/i18n/i18n.ts";
import { getT } from "~/i18n/i18n.server.ts";
import { isLanguage, type Language } from "~/i18n/languages.ts";
import { enqueueOutbox, PermanentFailure, registerOutboxHandler, type EnqueueOptions, type OutboxSubject } from "~/outbox/outbox.server.ts";
import { PermanentDeliveryError, sendEmail } from "./mailer.server.ts";
import { completedWhenSent, emailTemplates, type EmailTemplateName, type EmailTemplateParams } from "./templates/index.ts";
import { renderEmail } from "./templates/layout.tsx";

// E-mails are the outbox kind "email". An e-mail is rendered when it is sent, not when it is
// queued, so that a later change (such as a withdrawn consent) is respected by every retry.

interface EmailPayload {
  to: string;
  language: Language;
  template: EmailTemplateName;
  params: Record<string, unknown>;
}

export interface SendingContext {
  language: Language;
  t: TFunction;
}

type SendTimeStep = (params: Record<string, unknown>, context: SendingContext) => Promise<Record<string, unknown>>;

const sendTimeSteps = new Map<EmailTemplateName, SendTimeStep>();

/**
 * Registers, from the feature that owns the data, how a template's parameters are completed at
 * the moment the e-mail is sent (templates/index.ts names the templates that need it). The step
 * gets the parameters as queued and returns them completed; it throws CancelledDelivery (from
 * ~/outbox) when the e-mail must not go out any more.
 */
export function completeWhenSent<N extends EmailTemplateName>(
  template: N,
  step: (params: Record<string, unknown>, context: SendingContext) => Promise<EmailTemplateParams<N>>,
): void {
  if (sendTimeSteps.has(template)) throw new Error(`e-mail template ${template} has two send-time steps`);
  sendTimeSteps.set(template, step as SendTimeStep);
}

/** Queues an e-mail, due now or at `dueAt`; with a `key`, queuing the same e-mail again adds nothing. Returns the outbox item's id. */
export async function enqueueEmail<N extends EmailTemplateName>(
  email: { to: string; language: Language; template: N; params: EmailTemplateParams<N>; about: OutboxSubject } & EnqueueOptions,
): Promise<string> {
  const payload: EmailPayload = { to: email.to, language: email.language, template: email.template, params: { ...email.params } };
  return enqueueOutbox("email", { ...payload }, email.about, { dueAt: email.dueAt, key: email.key });
}

async function render(payload: EmailPayload) {
  const language = isLanguage(payload.language) ? payload.language : "en";
  const t = getT(language);
  const template = emailTemplates[payload.template] as ((t: TFunction, p: unknown) => Parameters<typeof renderEmail>[0]) | undefined;
  if (!template) throw new PermanentFailure(`unknown e-mail template ${payload.template}`);
  let params = payload.params;
  if (completedWhenSent.has(payload.template)) {
    const step = sendTimeSteps.get(payload.template);
    // Tried again later: a process without the step must never send the e-mail without it.
    if (!step) throw new Error(`no send-time step for e-mail template ${payload.template} in this process`);
    params = await step(params, { language, t });
  }
  return { to: payload.to, ...renderEmail(template(t, params), t, language) };
}

async function deliver(payload: unknown): Promise<void> {
  const message = await render(payload as EmailPayload);
  try {
    await sendEmail(message);
  } catch (error) {
    if (error instanceof PermanentDeliveryError) throw new PermanentFailure(error.message);
    throw error;
  }
}

registerOutboxHandler("email", deliver);
