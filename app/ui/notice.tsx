import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation.tsx";

export const knownNotices = [
  "passwordChanged",
  "passwordChangedEverywhere",
  "passwordUpdated",
  "passwordUpdatedOthersSignedOut",
  "loggedOut",
  "verified",
  "rejected",
  "approved",
  "languageChanged",
  "placementSaved",
  "placementPublished",
  "placementStatusChanged",
  "placementUnpublished",
  "placementRestored",
  "reviewRequested",
  "menteeSaved",
  "menteeInvited",
  "proposed",
  "answered",
  "handedOver",
  "introduced",
  "consentGiven",
  "consentWithdrawn",
  "introductionAnswered",
  "erased",
  "deskEnded",
  "followUpStarted",
  "followUpEnded",
  "checkinAdded",
  "checkinMoved",
  "checkinCancelled",
  "checkinRecorded",
  "checkinAnswered",
  "milestonesSaved",
  "mentorDeactivated",
  "mentorReactivated",
  "reportSubmitted",
  "alertSaved",
  "alertStopped",
] as const;

/** The message a page's confirmation needs: only the one its address names, not all of them (root.tsx). */
export function noticeSections(request: Request): string[] {
  const notice = new URL(request.url).searchParams.get("notice");
  return notice && (knownNotices as readonly string[]).includes(notice) ? [`notices.${notice}`] : [];
}

/** Confirmations after a redirect travel as ?notice=<key>; only known keys are shown. */
export function Notice() {
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const notice = params.get("notice");
  if (!notice || !(knownNotices as readonly string[]).includes(notice)) return null;
  return (
    <div className="notice" role="status">
      {t(`notices.${notice}`)}
    </div>
  );
}
