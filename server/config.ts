import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { accountInput } from '../shared/schemas/account.ts';

/** Server settings, read from the environment. */
export interface Config {
  /** PORT; 0 picks any free port. @default 8787 */
  port: number;
  /** KIZUNA_DB: the SQLite file (its folder is created). @default ./data/kizuna.sqlite */
  dbFile: string;
  /** KIZUNA_ADMIN_TOKEN; when unset one is generated once and kept in the database. */
  adminToken?: string;
  /** KIZUNA_AUTH_SECRET: signs console sessions; when unset one is generated once and kept in the database. */
  authSecret?: string;
  /** KIZUNA_OWNER_EMAIL + KIZUNA_OWNER_PASSWORD: the first owner, created at start when no console account exists. */
  owner?: { email: string; password: string };
  /** KIZUNA_RATE_LIMIT: client requests per minute per project key + IP. @default 600 */
  rateLimitPerMinute: number;
  /** KIZUNA_TRUST_PROXY: take client IPs from X-Forwarded-For. @default false */
  trustProxy: boolean;
  /** KIZUNA_WIDGET_DIR: the built widget. @default dist/widget, beside the server bundle */
  widgetDir: string;
  /** KIZUNA_CONSOLE_DIR: the built admin console. @default dist/console, beside the server bundle */
  consoleDir: string;
}

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  KIZUNA_DB: z.string().min(1).default('./data/kizuna.sqlite'),
  KIZUNA_ADMIN_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  KIZUNA_AUTH_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
  KIZUNA_OWNER_EMAIL: accountInput.shape.email.optional(),
  KIZUNA_OWNER_PASSWORD: accountInput.shape.password.optional(),
  KIZUNA_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  KIZUNA_TRUST_PROXY: flag,
  // In the bundle (dist/server/main.js) this is dist/widget/.
  KIZUNA_WIDGET_DIR: z.string().min(1).default(fileURLToPath(new URL('../widget/', import.meta.url))),
  // In the bundle this is dist/console/ (from source, console/: unbuilt, so run the bundle to use the console).
  KIZUNA_CONSOLE_DIR: z.string().min(1).default(fileURLToPath(new URL('../console/', import.meta.url))),
});

/** Reads and checks the environment; throws an Error naming each bad variable. */
export function readConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as it does in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema
    .refine((env) => (env.KIZUNA_OWNER_EMAIL === undefined) === (env.KIZUNA_OWNER_PASSWORD === undefined), {
      path: ['KIZUNA_OWNER_PASSWORD'],
      message: 'set KIZUNA_OWNER_EMAIL and KIZUNA_OWNER_PASSWORD together',
    })
    .safeParse(present);
  if (!parsed.success) {
    throw new Error(`invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const { PORT, KIZUNA_DB, KIZUNA_ADMIN_TOKEN, KIZUNA_AUTH_SECRET, KIZUNA_OWNER_EMAIL, KIZUNA_OWNER_PASSWORD, KIZUNA_RATE_LIMIT, KIZUNA_TRUST_PROXY, KIZUNA_WIDGET_DIR, KIZUNA_CONSOLE_DIR } = parsed.data;
  return {
    port: PORT,
    dbFile: KIZUNA_DB,
    adminToken: KIZUNA_ADMIN_TOKEN,
    authSecret: KIZUNA_AUTH_SECRET,
    owner: KIZUNA_OWNER_EMAIL && KIZUNA_OWNER_PASSWORD ? { email: KIZUNA_OWNER_EMAIL, password: KIZUNA_OWNER_PASSWORD } : undefined,
    rateLimitPerMinute: KIZUNA_RATE_LIMIT,
    trustProxy: KIZUNA_TRUST_PROXY,
    widgetDir: KIZUNA_WIDGET_DIR,
    consoleDir: KIZUNA_CONSOLE_DIR,
  };
}
