// Brings records written by earlier versions up to what the code reads now. Runs at every start,
// after the indexes; every step is idempotent and harmless when two processes run it at once.
import { keySessionsByTheirHash } from "~/accounts/session.server.ts";
import { giveConsentsTheirPurpose } from "~/consent/model.server.ts";
import { giveOutboxItemsTheirDueDay } from "~/outbox/outbox.server.ts";
import { backfillLedger } from "~/outcomes/backfill.server.ts";
import { listEarlierDueDays, listEarlierFollowUps } from "~/checkins/lists.server.ts";
import { keepCheckinStatesApart } from "~/checkins/states.server.ts";
import { listEarlierIntroductionConsents } from "~/consent/lists.server.ts";
import { listEarlierIntroductions } from "~/introductions/lists.server.ts";
import { letOffersBeIntroducedAgain } from "~/introductions/model.server.ts";
import { listEarlierProposals } from "~/matching/lists.server.ts";
import { listEarlierMenteeAccounts, listEarlierMentees, listEarlierNames } from "~/mentees/lists.server.ts";
import { countEarlierReviewRequests, listEarlierPlacements } from "~/placements/lists.server.ts";
import { adoptEarlierTakeDowns } from "~/placements/placements.server.ts";
import { listEarlierDeactivatedMentors, listEarlierWaitingMentors } from "~/accounts/lists.server.ts";
import { listEarlierOrganisationDecisions, listEarlierOrganisationEmployers, listEarlierWaitingOrganisations } from "~/organisations/lists.server.ts";
import { settleEarlierEmployerParts } from "~/stories/employer-part-migration.server.ts";

const steps: { name: string; run: () => Promise<unknown> }[] = [
  // Before any step that changes a status: those add to the lists themselves.
  { name: "placements stored before the lists that pages read by position", run: listEarlierPlacements },
  { name: "mentees stored before the lists that pages read by position", run: listEarlierMentees },
  { name: "names of mentees stored before a coordinator could look for one by name", run: listEarlierNames },
  { name: "mentees' accounts linked before her pages found her record by _id", run: listEarlierMenteeAccounts },
  { name: "placements taken down before the taken_down status", run: adoptEarlierTakeDowns },
  { name: "consents without a purpose are introduction consents", run: giveConsentsTheirPurpose },
  { name: "introductions stored before the lists that pages read by position", run: listEarlierIntroductions },
  { name: "proposals stored before each mentee's list of them", run: listEarlierProposals },
  { name: "introductions limited to one per offer before a withdrawn one could be followed by a new one", run: letOffersBeIntroducedAgain },
  { name: "introduction consents stored before the lists that pages read by position", run: listEarlierIntroductionConsents },
  { name: "follow-ups and check-ins stored before the lists that pages read by position", run: listEarlierFollowUps },
  { name: "check-ins stored before the lists of check-ins due each day", run: listEarlierDueDays },
  { name: "follow-ups' copies of their check-ins' states, in a collection of their own", run: keepCheckinStatesApart },
  { name: "pending outbox items without the day they are looked for on", run: giveOutboxItemsTheirDueDay },
  { name: "the ledger of programme events, derived from the records kept before it", run: backfillLedger },
  { name: "sessions opened before they were found by _id", run: keySessionsByTheirHash },
  { name: "taken-down placements waiting for a review before the count of them was kept", run: countEarlierReviewRequests },
  { name: "organisations waiting for verification before their list", run: listEarlierWaitingOrganisations },
  { name: "employer accounts stored before each organisation's list of them", run: listEarlierOrganisationEmployers },
  { name: "decisions on organisations taken before their list", run: listEarlierOrganisationDecisions },
  { name: "mentors waiting for approval before their list", run: listEarlierWaitingMentors },
  { name: "mentors deactivated before their list", run: listEarlierDeactivatedMentors },
  { name: "stories whose employer part an earlier decline cleared from her approved view or left public", run: settleEarlierEmployerParts },
];

export async function migrate(log: (line: string) => void = () => {}): Promise<void> {
  for (const step of steps) {
    const changed = await step.run();
    if (typeof changed === "number" && changed > 0) log(`Migration: ${step.name}: ${changed} changed.`);
  }
}
