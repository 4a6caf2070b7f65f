import type { LedgerFact } from "./events.ts";
import { factOf } from "./ledger.server.ts";
import { LedgerEventModel } from "./model.server.ts";

/**
 * The whole ledger, in order, kept in this process's memory: read once (the one slow step, a few
 * seconds at 100 000 events on FerretDB's SQLite backend), then followed by number. Every reader
 * first fetches what other processes appended since, one lookup by _id per new event and one that
 * finds nothing, so each answer counts every event recorded before it was asked.
 */
interface LedgerCopy {
  facts: LedgerFact[];
  /** Every number up to here is in `facts`. */
  upTo: number;
}

// One copy per process, shared by every copy of this module: the Remix build and the server's own
// modules each load one (the server warms it at start, the pages read it).
const SLOT = Symbol.for("placement-portal.ledger-copy");
const state = ((globalThis as { [SLOT]?: { copy: Promise<LedgerCopy> | null; following: Promise<void> | null } })[SLOT] ??= { copy: null, following: null });

async function readAll(): Promise<LedgerCopy> {
  const docs = await LedgerEventModel.find({}).lean();
  const facts = docs.map((doc) => factOf(doc as never)).sort((a, b) => a.seq - b.seq);
  // Only the run without holes counts: a number that was being written while we read is fetched by following.
  let upTo = 0;
  const kept: LedgerFact[] = [];
  for (const fact of facts) {
    if (fact.seq !== upTo + 1) break;
    kept.push(fact);
    upTo = fact.seq;
  }
  return { facts: kept, upTo };
}

async function follow(current: LedgerCopy) {
  for (;;) {
    const next = await LedgerEventModel.findById(current.upTo + 1).lean();
    if (!next) return;
    current.facts.push(factOf(next as never));
    current.upTo += 1;
  }
}

/** Every ledger event recorded until now, in order. The array is shared: read it, never change it. */
export async function ledgerFacts(): Promise<readonly LedgerFact[]> {
  state.copy ??= readAll().catch((error: unknown) => {
    state.copy = null;
    throw error;
  });
  const current = await state.copy;
  // One follower at a time; a caller that arrives while it runs waits for it and then looks once more.
  while (state.following) await state.following;
  state.following = follow(current).finally(() => {
    state.following = null;
  });
  await state.following;
  return current.facts;
}

/** Starts reading the ledger in the background (at a process's start), so that the first page to need it does not wait for the whole read. */
export function warmLedger(): void {
  void ledgerFacts().catch(() => {});
}

/** Forgets this process's copy (a test that empties the database under a running process). */
export function forgetLedgerCopy(): void {
  state.copy = null;
}
