import { StoryModel } from "~/stories/model.server.ts";
import { StoryDecisionLinkModel } from "~/stories/decision-link-model.server.ts";
import { LedgerEventModel, LedgerMarkModel, RecentLedgerEventModel } from "~/ledger/model.server.ts";
import { OutcomeReportModel } from "~/outcomes/model.server.ts";
import { ImportUploadModel } from "~/import/model.server.ts";
import { KnownDeviceModel, SessionModel, TokenModel, UserModel } from "~/accounts/model.server.ts";
import { RateLimitModel } from "~/security/rate-limit.server.ts";
import { OutboxClaimModel, OutboxModel } from "~/outbox/model.server.ts";
import { OrganisationModel } from "~/organisations/model.server.ts";
import { PlacementModel } from "~/placements/model.server.ts";
import { ConsentModel } from "~/consent/model.server.ts";
import { IntroductionModel } from "~/introductions/model.server.ts";
import { ProposalModel } from "~/matching/model.server.ts";
import { ClaimModel } from "~/db/claims.server.ts";
import { IdListEntryModel, IdListModel } from "~/db/id-lists.server.ts";
import { CalendarFeedModel, CheckinModel, FollowUpModel, OutcomeEventModel } from "~/checkins/model.server.ts";
import { AuditEntryModel, DeskSessionModel, MenteeModel, PlanChangeModel } from "~/mentees/model.server.ts";
import { ProgrammeSettingChangeModel, ProgrammeSettingModel } from "~/programme/model.server.ts";
import { AlertDigestModel, MatchesViewModel, SavedSearchModel, UnsubscribeTokenModel } from "~/alerts/model.server.ts";

const allModels = [StoryModel, StoryDecisionLinkModel, LedgerEventModel, RecentLedgerEventModel, LedgerMarkModel, UserModel, SessionModel, TokenModel, KnownDeviceModel, RateLimitModel, OrganisationModel, OutboxModel, OutboxClaimModel, PlacementModel, MenteeModel, PlanChangeModel, AuditEntryModel, DeskSessionModel, ProposalModel, ConsentModel, IntroductionModel, ClaimModel, IdListModel, IdListEntryModel, ImportUploadModel, FollowUpModel, CheckinModel, OutcomeEventModel, CalendarFeedModel, ProgrammeSettingModel, ProgrammeSettingChangeModel, OutcomeReportModel, SavedSearchModel, MatchesViewModel, AlertDigestModel, UnsubscribeTokenModel];

/**
 * Every model of the portal, at the top of app/ (it names every feature; app/db names none).
 * Creates every index the models declare; unique indexes must exist before the first request.
 */
export async function ensureIndexes() {
  for (const model of allModels) await model.createIndexes();
}
