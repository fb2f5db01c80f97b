import { betterAuth } from 'better-auth';
import { APIError } from 'better-auth/api';
import { PASSWORD_LENGTH } from '../../shared/limits.ts';
import type { Store } from '../data/store.ts';

/** A console session lasts this long without use; each use within it extends it (at most hourly). */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;
/**
 * The header our auth router fills with the caller's address for better-auth's rate limiter.
 * Whatever a client sends in it is overwritten, so it cannot dodge the limit.
 */
export const CLIENT_IP_HEADER = 'x-kizuna-client-ip';

export interface ConsoleAuthOptions {
  database: Store['authDatabase'];
  /** Signs session cookies (KIZUNA_AUTH_SECRET, or generated once and kept in the database). */
  secret: string;
  log: (message: string, error: unknown) => void;
}

/** The sign-in refusal of a disabled account (403 `account_disabled` once in our error shape). */
const ACCOUNT_DISABLED = 'ACCOUNT_DISABLED';

function build({ database, secret, log }: ConsoleAuthOptions, secureCookies: boolean) {
  const auth = betterAuth({
    secret,
    database,
    basePath: '/api/auth',
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: PASSWORD_LENGTH.min, maxPasswordLength: PASSWORD_LENGTH.max },
    // Owners create accounts (server/auth/accounts.ts) and disable them (the store's consoleAccounts);
    // nobody picks their own role or lifts their own disabling.
    user: {
      additionalFields: {
        role: { type: 'string', required: true, input: false },
        disabled: { type: 'boolean', required: false, defaultValue: false, input: false },
      },
    },
    // No cookie cache: every request reads its session from the database, so a session deleted
    // by disabling or removing its account ends at that account's very next request.
    session: { expiresIn: SESSION_TTL_SECONDS, updateAge: 60 * 60, cookieCache: { enabled: false } },
    databaseHooks: {
      session: {
        create: {
          // Runs after the password was checked, before any session exists: a disabled account gets none.
          async before(session, ctx) {
            const adapter = ctx?.context.internalAdapter ?? (await auth.$context).internalAdapter;
            const user = (await adapter.findUserById(session.userId)) as { disabled?: boolean } | null;
            if (user?.disabled) throw APIError.from('FORBIDDEN', { message: 'this account is disabled; ask an owner to enable it', code: ACCOUNT_DISABLED });
          },
        },
      },
    },
    // Sign-in is limited on failures, per account and address, in the database (server/auth/sign-in-limiter.ts).
    rateLimit: { enabled: true, window: 60, max: 100, customRules: { '/sign-in/email': false } },
    advanced: { useSecureCookies: secureCookies, ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] } },
    telemetry: { enabled: false },
    // Wrong passwords and the unset base URL (we serve any host name) are routine, not log lines.
    logger: { level: 'error', log: (_level, message, ...args) => log(`auth: ${message}`, args[0]) },
  });
  return auth;
}

export type ConsoleAuth = ReturnType<typeof build>;
/** The console's better-auth for a request's scheme: `auth(isHttps(c, trustProxy))`. */
export type ConsoleAuthFactory = (secureCookies: boolean) => ConsoleAuth;

/**
 * better-auth for the console, one instance per scheme: over https its session cookie is
 * `Secure` (and `__Secure-` prefixed); over plain http (a laptop, `npm start`) it cannot be.
 * @example const auth = consoleAuth({ database: store.authDatabase, secret, log }); auth(isHttps(c, trustProxy)).api.getSession(…)
 */
export function consoleAuth(options: ConsoleAuthOptions): ConsoleAuthFactory {
  const instances = new Map<boolean, ConsoleAuth>();
  return (secureCookies) => {
    let auth = instances.get(secureCookies);
    if (!auth) instances.set(secureCookies, (auth = build(options, secureCookies)));
    return auth;
  };
}
