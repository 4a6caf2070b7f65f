/**
 * Imports this portal process runs at the same moment: one per person, and a few in all. A check of
 * a large file takes seconds of the server's time; two of them for one person only make both slower,
 * and many at once would leave too little for everyone else.
 */
export const MAX_RUNNING_IMPORTS = 2;

const running = new Set<string>();

export type ImportTurn = { ok: true; done: () => void } | { ok: false; message: string };

/** A turn to import for this person, or the reason to wait; `done` must be called when the import ends. */
export function takeImportTurn(personId: string): ImportTurn {
  if (running.has(personId)) return { ok: false, message: "import.errors.stillRunning" };
  if (running.size >= MAX_RUNNING_IMPORTS) return { ok: false, message: "import.errors.busy" };
  running.add(personId);
  let ended = false;
  return {
    ok: true,
    done: () => {
      if (ended) return;
      ended = true;
      running.delete(personId);
    },
  };
}
