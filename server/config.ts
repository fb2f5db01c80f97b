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
  /** KIZUNA_METRICS_TOKEN: a bearer token that opens `/metrics` only (the admin token opens it too). */
  metricsToken?: string;
  /** KIZUNA_WEBHOOK_ALLOW_PRIVATE: webhooks may go to http URLs and private-network addresses (your own receivers; tests). @default false */
  allowPrivateWebhooks?: boolean;
  /** KIZUNA_DELIVERY_LEASE_SECONDS: how long a process holds a webhook or mail delivery it is sending; one cut off by a crash is sent again once this has passed. @default 60 */
  deliveryLeaseSeconds?: number;
  /** KIZUNA_PUBLIC_URL: where people reach this server (behind a proxy, its public address), for links sent out. @default the request's origin */
  publicUrl?: string;
  /** KIZUNA_SMTP_URL + KIZUNA_MAIL_FROM: where e-mail goes out, and from whom; without them mail is not configured and nothing is mailed. */
  mail?: MailConfig;
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

/** Outgoing mail: an SMTP URL (`smtp://user:pass@host:587`, `smtps://…:465`) and the From address. */
export interface MailConfig {
  smtpUrl: string;
  from: string;
}

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  KIZUNA_DB: z.string().min(1).default('./data/kizuna.sqlite'),
  KIZUNA_ADMIN_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  KIZUNA_METRICS_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  KIZUNA_WEBHOOK_ALLOW_PRIVATE: flag,
  // At least the 10 s send timeout and then some: a lease that ran out while its send went on
  // would let another process send the same delivery too.
  KIZUNA_DELIVERY_LEASE_SECONDS: z.coerce.number().int().min(15, 'use 15 seconds or more').max(3600, 'use 3600 seconds or fewer').default(60),
  KIZUNA_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'use an http(s) URL like https://kizuna.example.com' }).optional(),
  KIZUNA_SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'use an SMTP URL like smtp://user:pass@mail.example.com:587 or smtps://…:465' }).optional(),
  KIZUNA_MAIL_FROM: z.email({ error: 'use an e-mail address like kizuna@example.com' }).optional(),
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
    .refine((env) => env.KIZUNA_SMTP_URL === undefined || env.KIZUNA_MAIL_FROM !== undefined, {
      path: ['KIZUNA_MAIL_FROM'],
      message: 'set KIZUNA_MAIL_FROM (the sender address) with KIZUNA_SMTP_URL',
    })
    .safeParse(present);
  if (!parsed.success) {
    throw new Error(`invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const { PORT, KIZUNA_DB, KIZUNA_ADMIN_TOKEN, KIZUNA_METRICS_TOKEN, KIZUNA_PUBLIC_URL, KIZUNA_WEBHOOK_ALLOW_PRIVATE, KIZUNA_DELIVERY_LEASE_SECONDS, KIZUNA_SMTP_URL, KIZUNA_MAIL_FROM, KIZUNA_AUTH_SECRET, KIZUNA_OWNER_EMAIL, KIZUNA_OWNER_PASSWORD, KIZUNA_RATE_LIMIT, KIZUNA_TRUST_PROXY, KIZUNA_WIDGET_DIR, KIZUNA_CONSOLE_DIR } = parsed.data;
  return {
    port: PORT,
    dbFile: KIZUNA_DB,
    adminToken: KIZUNA_ADMIN_TOKEN,
    metricsToken: KIZUNA_METRICS_TOKEN,
    publicUrl: KIZUNA_PUBLIC_URL,
    allowPrivateWebhooks: KIZUNA_WEBHOOK_ALLOW_PRIVATE,
    deliveryLeaseSeconds: KIZUNA_DELIVERY_LEASE_SECONDS,
    mail: KIZUNA_SMTP_URL && KIZUNA_MAIL_FROM ? { smtpUrl: KIZUNA_SMTP_URL, from: KIZUNA_MAIL_FROM } : undefined,
    authSecret: KIZUNA_AUTH_SECRET,
    owner: KIZUNA_OWNER_EMAIL && KIZUNA_OWNER_PASSWORD ? { email: KIZUNA_OWNER_EMAIL, password: KIZUNA_OWNER_PASSWORD } : undefined,
    rateLimitPerMinute: KIZUNA_RATE_LIMIT,
    trustProxy: KIZUNA_TRUST_PROXY,
    widgetDir: KIZUNA_WIDGET_DIR,
    consoleDir: KIZUNA_CONSOLE_DIR,
  };
}
