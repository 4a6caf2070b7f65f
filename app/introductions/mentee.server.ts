import type { SessionUser } from "~/accounts/session.server.ts";
import { latestIntroductionConsent } from "~/consent/consent.server.ts";
import type { ConsentField } from "~/consent/vocabulary.ts";
import { isObjectId } from "~/db/ids.server.ts";
import { recordAccess } from "~/mentees/audit.server.ts";
import { menteeOfAccount } from "~/mentees/lists.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { PlacementModel } from "~/placements/model.server.ts";
import { placementTitle } from "~/placements/titles.server.ts";
import { isOpen } from "~/placements/vocabulary.ts";
import { forbidden } from "~/ui/responses.server.ts";
import { introductionContext } from "./introductions.server.ts";
import { introductionsOfMentee } from "./lists.server.ts";

/** The mentee's introductions, for /me/consents. */
export async function introductionsForMentee(user: SessionUser) {
  if (user.role !== "mentee") forbidden();
  const mentee = await menteeOfAccount(user._id);
  if (!mentee) return [];
  await recordAccess(user, mentee._id, "introduction");
  const introductions = (await introductionsOfMentee(mentee._id)).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  return Promise.all(
    introductions.map(async (i) => {
      const [organisation, placement, consent, placementNow] = await Promise.all([
        OrganisationModel.findById(i.organisationId).select("name").lean(),
        placementTitle(i.placementId),
        latestIntroductionConsent(i._id),
        PlacementModel.findById(i.placementId).select("status town").lean(),
      ]);
      return {
        id: String(i._id),
        status: i.status,
        organisation: organisation?.name ?? "",
        placement,
        // Open or not from the database, as her consent is refused by it; the town and the day tell two of one title apart.
        placementState: isOpen(placementNow?.status ?? "") ? "open" : placementNow?.status === "paused" ? "paused" : "closed",
        town: placementNow?.town ?? "",
        startedAt: (i.createdAt ?? i.history?.[0]?.at ?? null)?.toISOString() ?? null,
        fields: (consent?.fields ?? []) as ConsentField[],
        givenAt: consent?.givenAt?.toISOString() ?? null,
        withdrawn: Boolean(consent?.withdrawnAt) || i.status === "withdrawn",
        withdrawnAt: (consent?.withdrawnAt ?? (i.status === "withdrawn" ? i.history?.at(-1)?.at : null))?.toISOString() ?? null,
        meetingAt: i.meetingAt?.toISOString() ?? null,
        meetingPlace: i.meetingPlace ?? null,
      };
    }),
  );
}

/** The mentee's own consent screen: only their own introductions. */
export async function introductionForMentee(user: SessionUser, introductionId: string) {
  if (user.role !== "mentee" || !isObjectId(introductionId)) forbidden();
  const context = await introductionContext(introductionId);
  if (!context?.mentee || String(context.mentee.userId) !== String(user._id)) forbidden();
  return context!;
}
