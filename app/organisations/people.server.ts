import { UserModel } from "~/accounts/model.server.ts";
import { enqueueEmail } from "~/email/queue.server.ts";
import type { OutboxSubject } from "~/outbox/outbox.server.ts";
import type { EmailTemplateName, EmailTemplateParams } from "~/email/templates/index.ts";
import type { Language } from "~/i18n/languages.ts";

/** The people who act for an employer or social enterprise: whom its e-mails go to. */
export function peopleOfOrganisation(organisationId: unknown) {
  return UserModel.find({ organisationId, role: "employer" }).select("email name language").lean();
}

/** Queues the same e-mail to every person of the organisation, each greeted by name and written in their own language. */
export async function emailOrganisation<N extends EmailTemplateName>(
  organisationId: unknown,
  email: { template: N; params: Omit<EmailTemplateParams<N>, "name">; about: OutboxSubject; key?: string },
): Promise<void> {
  for (const person of await peopleOfOrganisation(organisationId)) {
    await enqueueEmail({
      to: person.email,
      language: person.language as Language,
      template: email.template,
      params: { ...email.params, name: person.name } as EmailTemplateParams<N>,
      about: email.about,
      // One e-mail per person however often it is queued again.
      ...(email.key ? { key: `${email.key}:${person._id}` } : {}),
    });
  }
}
