// The address of one figure ("funnel.started", "retention.2026-03.3.inWork", "readiness.activity_ready>job_ready"),
// as countFigures names the lists behind its figures: read back into its parts, so a page can say
// which figure a list belongs to, and anything else is no figure at all.
import { earlyEndReasons } from "~/checkins/vocabulary.ts";
import { endingKinds, funnelStages, introductionAnswers, readinessLevels, retentionMonths } from "./vocabulary.ts";

export const retentionParts = ["due", "inWork", "notInWork", "unknown"] as const;
export const checkinParts = ["due", "onTime", "late", "notRecorded"] as const;

export type FigurePath =
  | { kind: "funnel"; stage: string }
  | { kind: "retentionStarted"; cohort: string }
  | { kind: "retention"; cohort: string; months: number; part: string }
  | { kind: "readiness"; from: string; to: string }
  | { kind: "ending"; ending: string }
  | { kind: "endedEarly"; reason: string }
  | { kind: "introductions"; answer: string }
  | { kind: "checkins"; part: string };

const among = (list: readonly (string | number)[], value: string) => list.map(String).includes(value);
const cohortPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The figure a path names, or null when it names none. */
export function readFigurePath(path: string): FigurePath | null {
  if (path.length > 80) return null;
  const [head, ...rest] = path.split(".");
  const tail = rest.join(".");
  switch (head) {
    case "funnel":
      return among(funnelStages, tail) ? { kind: "funnel", stage: tail } : null;
    case "retention": {
      const [cohort, months, part] = rest;
      if (!cohortPattern.test(cohort ?? "")) return null;
      if (rest.length === 2 && months === "started") return { kind: "retentionStarted", cohort };
      return rest.length === 3 && among(retentionMonths, months) && among(retentionParts, part) ? { kind: "retention", cohort, months: Number(months), part } : null;
    }
    case "readiness": {
      const [from, to] = tail.split(">");
      return among(readinessLevels, from) && among(readinessLevels, to ?? "") && from !== to ? { kind: "readiness", from, to } : null;
    }
    case "endings":
      return among(endingKinds, tail) ? { kind: "ending", ending: tail } : null;
    case "endedEarly":
      return among(earlyEndReasons, tail) ? { kind: "endedEarly", reason: tail } : null;
    case "introductions":
      return among(["introduced", ...introductionAnswers], tail) ? { kind: "introductions", answer: tail } : null;
    case "checkins":
      return among(checkinParts, tail) ? { kind: "checkins", part: tail } : null;
    default:
      return null;
  }
}

/** A readiness step forward (towards work) or back. */
export function isStepForward(from: string, to: string): boolean {
  return readinessLevels.indexOf(from as never) < readinessLevels.indexOf(to as never);
}
