import { z } from "zod";
import { choice, emailField, wholeNumberText } from "~/ui/schema-fields.server.ts";
import { storyChannels } from "./vocabulary.ts";

/** The mentee's answer about one story: approve (channels, years), decline, withdraw, or renew her consent. */
export const storyDecisionFormSchema = z.object({
  intent: choice(["approve", "decline", "withdraw", "renew"] as const),
  version: wholeNumberText(1, 100000).optional(),
  channels: z.array(z.string().max(20)).max(storyChannels.length * 2).default([]),
  years: wholeNumberText(1, 10).optional(),
});

/** The address the mentor gives for a one-time link; empty to print the link. */
export const decisionLinkFormSchema = z.object({
  email: z.union([z.literal("").transform(() => ""), emailField]).default(""),
});
