import { betterAuth } from 'better-auth';
import { PASSWORD_LENGTH } from '../../shared/limits.ts';
import type { Store } from '../data/store.ts';

/** A console session lasts this long without use; each use within it extends it (at most hourly). */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;
/** Sign-in attempts per client address per minute: enough for typos, too few to guess passwords. */
export const LOGIN_ATTEMPTS_PER_MINUTE = 5;
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

function build({ database, secret, log }: ConsoleAuthOptions, secureCookies: boolean) {
  return betterAuth({
    secret,
    database,
    basePath: '/api/auth',
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: PASSWORD_LENGTH.min, maxPasswordLength: PASSWORD_LENGTH.max },
    // Owners create accounts (server/auth/accounts.ts); nobody picks their own role.
    user: { additionalFields: { role: { type: 'string', required: true, input: false } } },
    session: { expiresIn: SESSION_TTL_SECONDS, updateAge: 60 * 60 },
    rateLimit: { enabled: true, window: 60, max: 100, customRules: { '/sign-in/email': { window: 60, max: LOGIN_ATTEMPTS_PER_MINUTE } } },
    advanced: { useSecureCookies: secureCookies, ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] } },
    telemetry: { enabled: false },
    // Wrong passwords and the unset base URL (we serve any host name) are routine, not log lines.
    logger: { level: 'error', log: (_level, message, ...args) => log(`auth: ${message}`, args[0]) },
  });
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
