import type { LoginFailureRepository } from '../data/store.ts';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, afterFailure, waitLeftMs } from './login-failure-policy.ts';

/** Sign-in limits kept in the database, so every server process on it sees the same counts. */
export interface SignInLimiter {
  /**
   * Before a password is checked. When the client address or the account is blocked, the
   * seconds to wait (nothing is counted then, and an unknown e-mail is blocked like a known one).
   * Otherwise 0, and the attempt already counts as a failure of the account until `succeeded`:
   * counted up front, in one atomic step, so a burst of parallel guesses cannot all slip in
   * before the first of them is recorded.
   */
  begin(email: string | null, address: string): Promise<number>;
  /**
   * The password was wrong: one more failure of the client address. Counted after the check, so
   * a burst from one address may pass its limit by the burst's size; each account it tries is
   * still held to the account limit.
   */
  failed(address: string): Promise<void>;
  /** The password was right: the account's failures are forgotten (successes never count). */
  succeeded(email: string): Promise<void>;
}

export interface SignInLimiterOptions {
  /** @default () => new Date() */
  now?: () => Date;
}

/** Records idle longer than this are deleted, at most once per this interval. */
const IDLE_MS = Math.max(ACCOUNT_LIMIT.windowMs, ADDRESS_LIMIT.windowMs);

const accountKey = (email: string) => `account:${email.toLowerCase()}`;
const addressKey = (address: string) => `ip:${address}`;
const toSeconds = (ms: number) => Math.ceil(ms / 1000);

/**
 * The per-account and per-address limits of `login-failure-policy.ts` over the store.
 * @example const limiter = signInLimiter(store.loginFailures); const wait = await limiter.begin(email, ip);
 */
export function signInLimiter(failures: LoginFailureRepository, { now = () => new Date() }: SignInLimiterOptions = {}): SignInLimiter {
  let prunedAt = 0;
  return {
    async begin(email, address) {
      const at = now();
      const byAddress = waitLeftMs((await failures.get([addressKey(address)])).get(addressKey(address)) ?? null, at);
      if (byAddress > 0) return toSeconds(byAddress);
      if (email === null) return 0;
      let byAccount = 0;
      await failures.update(accountKey(email), (current) => {
        byAccount = waitLeftMs(current, at);
        return byAccount > 0 ? current! : afterFailure(current, at, ACCOUNT_LIMIT);
      });
      return toSeconds(byAccount);
    },

    async failed(address) {
      const at = now();
      await failures.update(addressKey(address), (current) => afterFailure(current, at, ADDRESS_LIMIT));
      // Unknown e-mails leave records behind; clear out the dead ones now and then.
      if (at.getTime() - prunedAt >= IDLE_MS) {
        prunedAt = at.getTime();
        await failures.deleteIdleSince(new Date(prunedAt - IDLE_MS));
      }
    },

    async succeeded(email) {
      await failures.clear(accountKey(email));
    },
  };
}
