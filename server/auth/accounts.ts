import type { Account, AccountInput } from '../../shared/schemas/account.ts';
import type { Role } from '../../shared/roles.ts';
import { ApiError } from '../errors.ts';
import type { ConsoleAuth } from './auth.ts';

/** better-auth's provider id for e-mail + password accounts. */
const CREDENTIAL_PROVIDER = 'credential';

type AuthUser = { id: string; email: string; name: string; createdAt: Date; role?: unknown; disabled?: unknown };

const toAccount = (user: AuthUser): Account => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role as Role,
  disabled: user.disabled === true,
  createdAt: user.createdAt.toISOString(),
});

/**
 * Creates a console account with a scrypt-hashed password (better-auth's hasher), the way
 * better-auth's own admin plugin does; sign-up is closed, so this is the only way in.
 * @throws ApiError 409 `email_taken`
 */
export async function createAccount(auth: ConsoleAuth, input: Required<Pick<AccountInput, 'email' | 'password' | 'role'>> & { name?: string }): Promise<Account> {
  const ctx = await auth.$context;
  if (await ctx.internalAdapter.findUserByEmail(input.email)) {
    throw new ApiError(409, 'email_taken', `an account with ${input.email} exists`, [{ path: 'email', message: 'already in use' }]);
  }
  const hash = await ctx.password.hash(input.password);
  const name = input.name ?? input.email.split('@')[0]!;
  const user = await ctx.internalAdapter.createUser({ email: input.email, name, role: input.role, emailVerified: false }, { method: 'admin' });
  try {
    await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: CREDENTIAL_PROVIDER, accountId: user.id, password: hash });
  } catch (error) {
    // No half-made account without a password: the e-mail stays free for another try.
    await ctx.internalAdapter.deleteUser(user.id);
    throw error;
  }
  return toAccount(user);
}

export const DEMO_OWNER_EMAIL = 'demo@kizuna.local';

/** What `ensureFirstOwner` made; `password` only when it generated one (the demo owner). */
export type FirstOwner = { account: Account; password?: string };

/**
 * On a database without accounts: the owner from KIZUNA_OWNER_EMAIL / KIZUNA_OWNER_PASSWORD,
 * else a demo owner with a generated password (printed once at start, never stored plain).
 * Null when accounts exist already.
 */
export async function ensureFirstOwner(auth: ConsoleAuth, owner: { email: string; password: string } | undefined, generatePassword: () => string): Promise<FirstOwner | null> {
  const ctx = await auth.$context;
  if ((await ctx.internalAdapter.countTotalUsers()) > 0) return null;
  if (owner) return { account: await createAccount(auth, { ...owner, role: 'owner' }) };
  const password = generatePassword();
  return { account: await createAccount(auth, { email: DEMO_OWNER_EMAIL, password, role: 'owner', name: 'Demo owner' }), password };
}
