import { claimOnce, releaseClaim } from "~/db/claims.server.ts";

/**
 * Imports a portal process runs at the same moment: one per person (in every process together,
 * see takeSharedImportTurn), and a few in all. A check of a large file takes seconds of the
 * server's time; two of them for one person only make both slower, and many at once would leave
 * too little for everyone else in the process.
 */
export const MAX_RUNNING_IMPORTS = 2;

const running = new Set<string>();

export type ImportTurn = { ok: true; done: () => void | Promise<void> } | { ok: false; message: string };

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

/**
 * A turn as takeImportTurn gives it, and only while no other server process runs an import for
 * this person: a claim in the database, given up when the import ends (or taken over a minute
 * after a process died holding it).
 */
export async function takeSharedImportTurn(personId: string): Promise<ImportTurn> {
  const turn = takeImportTurn(personId);
  if (!turn.ok) return turn;
  const key = `import-turn:${personId}`;
  const claimed = await claimOnce(key).catch((error: unknown) => {
    turn.done();
    throw error;
  });
  if (!claimed) {
    turn.done();
    return { ok: false, message: "import.errors.stillRunning" };
  }
  return {
    ok: true,
    done: async () => {
      await turn.done();
      await releaseClaim(key);
    },
  };
}
