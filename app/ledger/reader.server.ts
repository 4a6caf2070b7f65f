import type { LedgerFact } from "./events.ts";
import { factOf } from "./ledger.server.ts";
import { LedgerEventModel, RecentLedgerEventModel, ledgerId } from "./model.server.ts";

/**
 * The whole ledger, in order, kept in this process's memory: read once (the one slow step, seconds
 * at 100 000 events on FerretDB's SQLite backend), then followed. Every reader first reads what
 * was appended since from the small collection of recent events, so each answer counts every
 * event recorded before it was asked, whichever process recorded it.
 */
interface LedgerCopy {
  facts: LedgerFact[];
  /** Every number up to here is in `facts`. */
  upTo: number;
}

/** Missing numbers looked up one by one in the whole ledger before reading it all again instead. */
const MOST_LOOKED_UP = 20;
/** How often a process that holds the ledger follows it when nobody asks (so a burst elsewhere does not outrun the recent events). */
const FOLLOW_EVERY_MS = 5_000;

// One copy per process, shared by every copy of this module: the Remix build and the server's own
// modules each load one (the server warms it at start, the pages read it).
const SLOT = Symbol.for("placement-portal.ledger-copy");
interface ReaderState {
  copy: Promise<LedgerCopy> | null;
  following: Promise<void> | null;
  timer: ReturnType<typeof setInterval> | null;
}
const state = ((globalThis as { [SLOT]?: ReaderState })[SLOT] ??= { copy: null, following: null, timer: null });

/** Appends facts that continue the copy without a hole; returns whether any came after a hole. */
function extend(copy: LedgerCopy, facts: LedgerFact[]): boolean {
  const waiting = facts.filter((fact) => fact.seq > copy.upTo).sort((a, b) => a.seq - b.seq);
  for (const fact of waiting) {
    if (fact.seq === copy.upTo) continue;
    if (fact.seq !== copy.upTo + 1) return true;
    copy.facts.push(fact);
    copy.upTo = fact.seq;
  }
  return false;
}

async function readAll(): Promise<LedgerCopy> {
  const copy: LedgerCopy = { facts: [], upTo: 0 };
  // A number being written while we read is fetched by following.
  extend(copy, (await LedgerEventModel.find({}).lean()).map((doc) => factOf(doc as never)));
  return copy;
}

async function follow(copy: LedgerCopy): Promise<void> {
  const recent = (await RecentLedgerEventModel.find({ _id: { $gt: ledgerId(copy.upTo) } }).lean()).map((doc) => factOf(doc as never));
  if (!extend(copy, recent)) return;
  // A hole: the recent events start after where this copy ends (it fell behind), or one is missing
  // there (its writer stopped between the ledger and the recent copy, or is writing it now).
  const newest = Math.max(...recent.map((fact) => fact.seq));
  if (newest - copy.upTo > MOST_LOOKED_UP) {
    const fresh = await readAll();
    copy.facts = fresh.facts;
    copy.upTo = fresh.upTo;
    extend(copy, recent);
    return;
  }
  for (let seq = copy.upTo + 1; seq <= newest; seq++) {
    const doc = await LedgerEventModel.findById(ledgerId(seq)).lean();
    if (!doc) return;
    extend(copy, [factOf(doc as never), ...recent]);
    seq = copy.upTo;
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

/** Reads the ledger in the background (at a process's start), so that the first page to need it does not wait for the whole read, and keeps following it. */
export function warmLedger(): void {
  void ledgerFacts().catch(() => {});
  state.timer ??= setInterval(() => void ledgerFacts().catch(() => {}), FOLLOW_EVERY_MS);
  state.timer.unref();
}

/** Forgets this process's copy (a test that empties the database under a running process). */
export function forgetLedgerCopy(): void {
  state.copy = null;
}
