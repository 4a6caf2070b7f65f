import { oneAtATimeEverywhere } from "~/db/claims.server.ts";
import { keyOf, Limit, oneAtATime, UNAVAILABLE_RETRY_MS } from "~/security/rate-limit.server.ts";
import { hashToken } from "~/security/tokens.server.ts";

// Who may try a password how often (docs/decisions/010-login-throttling.md):
// - one e-mail address from one client address: five failures are free, then every further try
//   waits for a delay that doubles with each failure (1 s, 2 s, 4 s … at most 15 minutes); a try
//   before then is refused without looking at the password. A success starts the pair afresh.
// - one client address, all accounts: at most 50 failures in 15 minutes (credential stuffing).
// - one account, from browsers that never signed in to it: at most 20 failures an hour
//   (a distributed attack); the owner's known browsers are never held back by it.
const FREE_FAILURES = 5;
const FIRST_DELAY_MS = 1000;
const LONGEST_DELAY_MS = 15 * 60_000;

const failuresOfPair = new Limit("login-pair-failures", FREE_FAILURES, 24 * 60 * 60);
const waitOfPair = new Limit("login-pair-wait", 1, LONGEST_DELAY_MS / 1000);
const failuresFromAddress = new Limit("login-address", 50, 15 * 60);
const failuresFromNewDevices = new Limit("login-account-new-devices", 20, 60 * 60);

export type LoginRefusal = { ok: false; fieldErrors: { form: string }; retryAfterMs: number };
export type PasswordCheck = { ok: true } | { ok: false; wrongPassword: true } | LoginRefusal;

/** How long the next try must wait after this many failures in a row. */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** Math.min(failures - FREE_FAILURES, 30), LONGEST_DELAY_MS);
}

function refusal(form: string, outcome: { retryAfterMs: number; unavailable?: true }): LoginRefusal {
  return outcome.unavailable
    ? { ok: false, fieldErrors: { form: "errors.limitUnavailable" }, retryAfterMs: outcome.retryAfterMs }
    : { ok: false, fieldErrors: { form }, retryAfterMs: outcome.retryAfterMs };
}

const storeFailed = refusal("errors.limitUnavailable", { retryAfterMs: UNAVAILABLE_RETRY_MS, unavailable: true });

export interface LoginAttempt {
  email: string;
  /** The client's address (req.ip). */
  address: string;
  /** Whether the browser has signed in to this account before (see devices.server.ts); asked only when needed. */
  isKnownDevice: () => Promise<boolean>;
}

/**
 * Runs `checkPassword` only when the limits allow a try, and counts its outcome. Used by the
 * login and by the current-password check of a password change.
 */
export function throttledPasswordCheck(attempt: LoginAttempt, checkPassword: () => Promise<boolean>): Promise<PasswordCheck> {
  const pair = keyOf(attempt.email, attempt.address);
  const account = attempt.email;
  const address = attempt.address;
  const tryOnce = async (): Promise<PasswordCheck> => {
    const wait = await waitOfPair.check(pair);
    if (!wait.allowed) return refusal("errors.loginWait", wait);
    const fromAddress = await failuresFromAddress.consume(address);
    if (!fromAddress.allowed) return refusal("errors.loginAddressLimited", fromAddress);
    const knownDevice = await attempt.isKnownDevice().catch((error: unknown) => {
      console.error(`known devices unavailable: ${String(error)}`);
      return null;
    });
    if (knownDevice === null) {
      await failuresFromAddress.refund(address);
      return storeFailed;
    }
    if (!knownDevice) {
      const fromNewDevices = await failuresFromNewDevices.consume(account);
      if (!fromNewDevices.allowed) {
        await failuresFromAddress.refund(address);
        return refusal("errors.loginNewDeviceLimited", fromNewDevices);
      }
    }

    if (await checkPassword()) {
      await Promise.all([
        failuresFromAddress.refund(address),
        knownDevice ? undefined : failuresFromNewDevices.refund(account),
        failuresOfPair.clear(pair),
        waitOfPair.clear(pair),
      ]);
      return { ok: true };
    }

    const failures = await failuresOfPair.add(pair);
    if (failures === null) return storeFailed;
    const delay = delayAfter(failures);
    if (delay > 0 && !(await waitOfPair.block(pair, delay))) return storeFailed;
    return { ok: false, wrongPassword: true };
  };
  // One try of a pair at a time, in this process and across every server process, so that a
  // burst cannot slip past the wait. The pair's key is stored only as its hash.
  return oneAtATime(`login:${pair}`, () => {
    let tried = false;
    const tryHolding = () => {
      tried = true;
      return tryOnce();
    };
    return oneAtATimeEverywhere(`login-pair:${hashToken(pair)}`, tryHolding).catch((error: unknown) => {
      if (tried) throw error;
      console.error(`sign-in limits unavailable: ${String(error)}`);
      return storeFailed;
    });
  });
}

/** A password reset by e-mail proves the mailbox: this client address starts afresh for the account. */
export async function clearLoginDelays(email: string, address: string): Promise<void> {
  const pair = keyOf(email, address);
  await Promise.all([failuresOfPair.clear(pair), waitOfPair.clear(pair)]);
}
