import type { LedgerFact } from "./events.ts";
import { factOf } from "./ledger.server.ts";
import { findByIds } from "~/db/by-ids.server.ts";
import { LedgerEventModel, ledgerId } from "./model.server.ts";

/**
 * The whole ledger, in order, kept in this process's memory: read once (the one slow step, seconds
 * at 100 000 events on FerretDB's SQLite backend), then followed. Every reader first reads what
 * was appended since, by number (`_id: { $in }`, answered from the index: docs/decisions/020-lists.md),
 * so each answer counts every event recorded before it was asked, whichever process recorded it.
 */
interface LedgerCopy {
  facts: LedgerFact[];
  /** Every number up to here is in `facts`. */
  upTo: number;
  /** Each mentee's facts, in order. */
  factsOfMentee: Map<string, LedgerFact[]>;
  /** The mentees each mentor was named on a fact of: her caseload, past and present. */
  menteesOfMentor: Map<string, Set<string>>;
}

/** Numbers looked for at once past the copy's end (each query answered from the _id index): few at first, many once behind. */
const FIRST_LOOK = 50;
const LATER_LOOKS = 1000;
/** How often a process that holds the ledger follows it when nobody asks (a page then has little to read). */
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

function remember(copy: LedgerCopy, fact: LedgerFact) {
  copy.facts.push(fact);
  copy.upTo = fact.seq;
  const ofMentee = copy.factsOfMentee.get(fact.menteeId);
  if (ofMentee) ofMentee.push(fact);
  else copy.factsOfMentee.set(fact.menteeId, [fact]);
  const ofMentor = copy.menteesOfMentor.get(fact.mentorId);
  if (ofMentor) ofMentor.add(fact.menteeId);
  else copy.menteesOfMentor.set(fact.mentorId, new Set([fact.menteeId]));
}

/** Appends the facts that continue the copy without a hole; returns how many. */
function extend(copy: LedgerCopy, facts: LedgerFact[]): number {
  const waiting = facts.filter((fact) => fact.seq > copy.upTo).sort((a, b) => a.seq - b.seq);
  let added = 0;
  for (const fact of waiting) {
    if (fact.seq === copy.upTo) continue;
    if (fact.seq !== copy.upTo + 1) break;
    remember(copy, fact);
    added++;
  }
  return added;
}

async function readAll(): Promise<LedgerCopy> {
  const copy: LedgerCopy = { facts: [], upTo: 0, factsOfMentee: new Map(), menteesOfMentor: new Map() };
  // A number being written while we read is fetched by following.
  extend(copy, (await LedgerEventModel.find({}).lean()).map((doc) => factOf(doc as never)));
  return copy;
}

/**
 * Reads the numbers after the copy's end until one is missing. The ledger has no holes (n + 1 is
 * written only after n exists), so a missing number is the end; on MongoDB a query may see n + 1
 * written while it ran but not n, and the copy then stops before n for now.
 */
async function follow(copy: LedgerCopy): Promise<void> {
  for (let look = FIRST_LOOK; ; look = LATER_LOOKS) {
    const numbers = Array.from({ length: look }, (_, n) => ledgerId(copy.upTo + 1 + n));
    const found = (await findByIds<Record<string, unknown> & { _id: unknown }>(LedgerEventModel, numbers)).flatMap((doc) => (doc ? [factOf(doc)] : []));
    if (extend(copy, found) < look) return;
  }
}

async function followedCopy(): Promise<LedgerCopy> {
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
  return current;
}

/** Every ledger event recorded until now, in order. The array is shared: read it, never change it. */
export async function ledgerFacts(): Promise<readonly LedgerFact[]> {
  return (await followedCopy()).facts;
}

/**
 * What a mentor's own figures are counted from: every fact, in order, about each mentee she was
 * ever named on a fact of (her facts and those of the mentee's other mentors, before or after a
 * handover). Every figure for one mentor needs a fact naming her, and the rest of what it reads is
 * the same mentee's, so countFigures gives the same answer from these as from the whole ledger, at
 * the cost of her caseload instead of the programme's. `length` is the whole ledger's.
 */
export async function ledgerFactsOfMentor(mentorId: string): Promise<{ facts: LedgerFact[]; length: number }> {
  const copy = await followedCopy();
  const mentees = copy.menteesOfMentor.get(mentorId) ?? new Set<string>();
  const facts = [...mentees].flatMap((menteeId) => copy.factsOfMentee.get(menteeId) ?? []).sort((a, b) => a.seq - b.seq);
  return { facts, length: copy.facts.length };
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
