import { createHash, timingSafeEqual } from 'node:crypto';
import { newAdminToken } from '../data/ids.ts';
import type { SettingsRepository } from '../data/store.ts';

/** Settings key of the generated admin token. */
export const ADMIN_TOKEN_SETTING = 'admin_token';

/**
 * How long a server trusts the admin token it read from the database. `npm run admin-token --
 * --rotate` writes a new one; every server process sharing the database takes it within this time,
 * and the old one stops working then.
 */
export const ADMIN_TOKEN_TTL_MS = 5_000;

/** Checks a presented admin bearer token. */
export interface AdminTokenCheck {
  verify(presented: string): Promise<boolean>;
}

// Comparing fixed-length digests keeps the comparison constant-time whatever the input length.
const digest = (value: string) => createHash('sha256').update(value).digest();
const same = (presented: string, expected: string) => timingSafeEqual(digest(presented), digest(expected));

/** A token fixed for the life of the process (`KIZUNA_ADMIN_TOKEN`, tests). */
export function fixedAdminToken(token: string): AdminTokenCheck {
  return { verify: async (presented) => same(presented, token) };
}

/**
 * The token kept in the database's settings, re-read at most every `ttlMs`, so that a rotation by
 * the command line (another process) takes effect without a restart on every server.
 */
export function storedAdminToken(settings: SettingsRepository, ttlMs = ADMIN_TOKEN_TTL_MS, now = Date.now): AdminTokenCheck {
  let cached: { token: string | null; until: number } | null = null;
  return {
    async verify(presented) {
      if (!cached || now() >= cached.until) cached = { token: await settings.get(ADMIN_TOKEN_SETTING), until: now() + ttlMs };
      return cached.token !== null && same(presented, cached.token);
    },
  };
}

/**
 * `npm run admin-token [-- --rotate]`: prints the stored admin token, or replaces it with a new one
 * (the old one stops working on every server within {@link ADMIN_TOKEN_TTL_MS}). Refuses when the
 * token comes from `KIZUNA_ADMIN_TOKEN`, which only the environment can change.
 * @returns the process exit code
 */
export async function adminTokenCommand(
  args: readonly string[],
  { settings, fromEnvironment, print }: { settings: SettingsRepository; fromEnvironment: boolean; print: (line: string) => void },
): Promise<number> {
  const rotate = args.includes('--rotate');
  const unknown = args.filter((arg) => arg !== '--rotate');
  if (unknown.length > 0) {
    print(`unknown argument ${unknown[0]}; usage: npm run admin-token [-- --rotate]`);
    return 2;
  }
  if (fromEnvironment) {
    print('The admin token is set by KIZUNA_ADMIN_TOKEN: change that variable to change it.');
    return rotate ? 1 : 0;
  }
  if (rotate) {
    const token = newAdminToken();
    await settings.set(ADMIN_TOKEN_SETTING, token);
    print(token);
    print(`Rotated: the old token stops working within ${ADMIN_TOKEN_TTL_MS / 1000} s on every running server.`);
    return 0;
  }
  print(await settings.getOrCreate(ADMIN_TOKEN_SETTING, newAdminToken));
  return 0;
}
