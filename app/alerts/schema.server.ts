import { z } from "zod";
import { alertCadences } from "./model.server.ts";

/** The matches page's "tell me about new placements" form: a cadence, and the relaxations the page shows. */
export const alertFormSchema = z.object({
  cadence: z.enum(alertCadences),
  distance: z.literal("1").optional(),
  hours: z.literal("1").optional(),
  languages: z.literal("1").optional(),
  support: z.literal("1").optional(),
});
