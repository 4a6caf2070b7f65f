import type { TFunction } from "~/i18n/i18n.ts";
import { milestoneParts } from "./schedule.ts";

/**
 * A check-in's milestone in words: its own words where the locale has them (the defaults, the
 * planned end, an added check-in), else from its distance ("day10" → "Day 10", "month2" → "Month 2").
 */
export function milestoneLabel(t: TFunction, name: string): string {
  const parts = milestoneParts(name);
  if (!parts) return t(`checkins.milestones.${name}`);
  return t([`checkins.milestones.${name}`, `checkins.milestones.${parts.unit}`], { count: parts.count });
}
