import { z } from "zod";
import { choice, freeText } from "~/ui/schema-fields.server.ts";

/** The longest note a frozen report keeps (also named in its message). */
export const REPORT_NOTE_MAX = 500;

/** What a report's form adds to its period and programme: an optional note. */
export const reportNoteSchema = z.object({ note: freeText(REPORT_NOTE_MAX) });

/**
 * Why a participant-level file is made. The purpose decides whether names may be in it: an audit
 * of the funder's money needs to know who was supported; statistics and an evaluation do not.
 */
export const participantPurposes = ["funder_statistics", "funder_audit", "programme_evaluation"] as const;
export type ParticipantPurpose = (typeof participantPurposes)[number];
export const purposesAllowingNames: readonly ParticipantPurpose[] = ["funder_audit"];

export const participantExportSchema = z.object({
  purpose: choice(participantPurposes),
  includeNames: z.literal("yes", { error: "errors.invalid" }).optional(),
});
