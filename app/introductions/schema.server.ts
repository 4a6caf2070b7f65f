import { z } from "zod";
import { plainText } from "~/accounts/schemas.server.ts";
import { programmeNow } from "~/i18n/dates.ts";
import { messageWith } from "~/ui/form-data.ts";
import { dayAndTimeText, requiredText } from "~/ui/schema-fields.server.ts";

/** A meeting is proposed for later than now, on the programme's clock (stored floating, as written). */
const meetingTime = dayAndTimeText.superRefine((moment, ctx) => {
  const now = programmeNow();
  if (moment.getTime() > now.getTime()) return;
  const earliest = now.toISOString();
  ctx.addIssue({ code: "custom", message: messageWith("errors.meetingInPast", { earliestDate: earliest.slice(0, 10), earliestTime: earliest.slice(11, 16) }) });
});

export const employerAnswerSchema = z.discriminatedUnion("answer", [
  z.object({ answer: z.literal("accepted") }),
  z.object({
    answer: z.literal("meeting_proposed"),
    at: meetingTime,
    place: plainText(160),
  }),
  z.object({ answer: z.literal("declined"), reason: requiredText(3, 500) }),
]);
