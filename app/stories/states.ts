import type { StoryStatus } from "./vocabulary.ts";

export type StoryActor = "author" | "mentee" | "coordinator" | "system";

/** Who may move a story from which state to which; an edit (back to draft) is allowed from any state but withdrawn and expired. */
export const storyTransitions: Record<StoryStatus, Partial<Record<StoryStatus, StoryActor>>> = {
  draft: { awaiting_mentee: "author" },
  awaiting_mentee: { approved: "mentee", declined: "mentee", draft: "author" },
  approved: { published: "coordinator", withdrawn: "mentee", draft: "author" },
  declined: { draft: "author" },
  published: { withdrawn: "mentee", expired: "system", draft: "author" },
  withdrawn: {},
  expired: {},
};

export function storyTransitionAllowed(from: StoryStatus, to: StoryStatus, actor: StoryActor): boolean {
  return storyTransitions[from]?.[to] === actor;
}
