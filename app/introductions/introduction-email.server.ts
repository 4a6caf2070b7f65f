import { completeWhenSent } from "~/email/queue.server.ts";
import { CancelledDelivery } from "~/outbox/outbox.server.ts";
import { visibleProfileFor } from "./visible-profile.server.ts";

// Before an introduction e-mail leaves (and before every retry), consent decides what it carries:
// the mentee's data as far as the consent in force allows at that moment, or no e-mail at all
// once the consent is withdrawn.
completeWhenSent("introduction", async (params) => {
  const profile = await visibleProfileFor(params.organisationId, params.introductionId);
  if (!profile || profile.withdrawn) throw new CancelledDelivery("consent withdrawn before delivery");
  return { ...(params as { name: string; placement: string; link: string }), profile };
});
