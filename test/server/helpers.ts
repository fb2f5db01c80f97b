import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { createApp, type AppOptions } from '../../server/app.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { consoleAuth, type ConsoleAuthFactory } from '../../server/auth/auth.ts';
import { openSqliteStore } from '../../server/data/sqlite/index.ts';
import type { Store } from '../../server/data/store.ts';
import { createLogger, errorLogger } from '../../server/log.ts';
import { guideInput, type Guide, type GuideInput } from '../../shared/schemas/guide.ts';
import type { Role } from '../../shared/roles.ts';
import type { Project } from '../../shared/schemas/project.ts';
import type { Survey, SurveyInput } from '../../shared/schemas/survey.ts';
import { surveyInput } from '../../shared/schemas/survey.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const AUTH_SECRET = 'test-auth-secret-0123456789-0123456789';
export const DAY_MS = 86_400_000;

/** A fresh folder under the OS temp dir; remove it with `rmSync(dir, { recursive: true })`. */
export const makeTempDir = (prefix = 'kizuna-test-') => mkdtempSync(join(tmpdir(), prefix));

export interface TestServer {
  app: ReturnType<typeof createApp>;
  store: Store;
  dbFile: string;
  widgetDir: string;
  consoleDir: string;
  /** The app's console accounts and sessions, for making accounts directly. */
  auth: ConsoleAuthFactory;
  /** Rows in a table, read over a separate connection (what is really in the file). */
  count(table: string, where?: string): number;
  /** Runs a statement over a separate connection, as another process would (e.g. to move a stored time into the past). */
  run(statement: string, ...params: unknown[]): void;
  close(): Promise<void>;
}

/**
 * An app over a real SQLite file in a temp folder, with a fake built widget and console beside it.
 * Call `close()` in afterEach.
 */
export function makeTestServer(options: Partial<Omit<AppOptions, 'store' | 'widgetDir' | 'consoleDir' | 'auth'>> = {}): TestServer {
  const dir = makeTempDir();
  const dbFile = join(dir, 'db', 'kizuna.sqlite');
  const widgetDir = join(dir, 'widget');
  mkdirSync(join(widgetDir, 'ui'), { recursive: true });
  writeFileSync(join(widgetDir, 'widget.js'), '/* loader */');
  writeFileSync(join(widgetDir, 'ui', 'survey.js'), 'export const survey = 1;');
  writeFileSync(join(dir, 'secret.txt'), 'outside the widget folder');
  const consoleDir = join(dir, 'console');
  mkdirSync(join(consoleDir, 'assets'), { recursive: true });
  writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>Kizuna console</title><script type="module" src="/admin/assets/main-abc123.js"></script>');
  writeFileSync(join(consoleDir, 'assets', 'main-abc123.js'), 'console.log("console");');

  const store = openSqliteStore(dbFile);
  // Quiet unless a test brings a logger to read (see log.test.ts); better-auth's lines go to it too.
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const auth = consoleAuth({ database: store.authDatabase, secret: AUTH_SECRET, log: errorLogger(logger) });
  const app = createApp({
    store,
    adminToken: ADMIN_TOKEN,
    auth,
    widgetDir,
    consoleDir,
    rateLimitPerMinute: 10_000,
    trustProxy: false,
    logger,
    ...options,
  });
  const reader = new Database(dbFile, { readonly: true });
  return {
    app,
    store,
    auth,
    dbFile,
    widgetDir,
    consoleDir,
    count: (table, where) => (reader.prepare(`SELECT count(*) AS n FROM ${table}${where ? ` WHERE ${where}` : ''}`).get() as { n: number }).n,
    run(statement, ...params) {
      const writer = new Database(dbFile);
      try {
        writer.prepare(statement).run(...params);
      } finally {
        writer.close();
      }
    },
    async close() {
      reader.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const TOUCHPOINTS = [
  { key: 'onboarding', label: { en: 'In-app guide', ja: 'アプリ内ガイド' } },
  { key: 'support', label: { en: 'Support', ja: 'サポート対応' } },
  { key: 'billing', label: 'Billing' },
];

/** A project and an active survey (touchpoints onboarding, support, billing) made through the store. */
export async function seedProject(
  store: Store,
  survey: Partial<SurveyInput> = {},
  project: { allowedOrigins?: string[]; key?: string } = {},
): Promise<{ project: Project; survey: Survey }> {
  const created = await store.projects.create({ name: 'Acme', allowedOrigins: project.allowedOrigins ?? [], key: project.key });
  const createdSurvey = await store.surveys.create(created.id, surveyInput.parse({ name: 'NPS', touchpoints: TOUCHPOINTS, ...survey }));
  return { project: created, survey: createdSurvey };
}

/**
 * For each test of the calling suite: a fresh server over a new SQLite file, seeded by `seed`,
 * handed to `use` with the server as `t`; closed after the test.
 * @example let t: TestServer; let project: Project; let survey: Survey;
 * eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));
 */
export function eachTestServer<S extends object>(seed: (store: Store) => Promise<S>, use: (seeded: S & { t: TestServer }) => void): void {
  let t: TestServer | undefined;
  beforeEach(async () => {
    t = makeTestServer();
    use({ ...(await seed(t.store)), t });
  });
  afterEach(() => t?.close());
}

/** Three steps: a CSS selector target, an authoring-tool target (selector, text, fallbacks), and a centred step. */
export const GUIDE_STEPS = [
  { target: '#invoices', title: 'Invoices', body: 'All your **invoices**.' },
  { target: { selector: '[data-testid="new-invoice"]', text: 'New', fallbacks: ['#new'] }, title: { ja: '新規作成', en: 'Create' }, body: 'Make one.' },
  { title: 'Done', body: 'That is all.' },
];

/** A guide (three steps, `once`, everyone) made through the store. */
export const seedGuide = (store: Store, projectId: string, input: Partial<GuideInput> = {}): Promise<Guide> =>
  store.guides.create(projectId, guideInput.parse({ name: 'Tour', steps: GUIDE_STEPS, ...input }));

/** Fake Node bindings so `getConnInfo` sees a client address in `app.request`. */
export const fromAddress = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

export interface ClientPostOptions {
  contentType?: string | null;
  origin?: string;
  headers?: Record<string, string>;
}

/** A POST as the widget sends it: JSON text with `text/plain` unless told otherwise. */
export function postInit(body: unknown, { contentType = 'text/plain;charset=UTF-8', origin, headers = {} }: ClientPostOptions = {}): RequestInit {
  const all: Record<string, string> = { ...headers };
  if (contentType !== null) all['content-type'] = contentType;
  if (origin) all.origin = origin;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  // A string body gets `text/plain` from fetch itself; bytes go out with no Content-Type at all.
  return { method: 'POST', headers: all, body: contentType === null ? new TextEncoder().encode(text) : text };
}

// Failed sign-ins are limited per address (server/auth/sign-in-limiter.ts): each sign-in here comes from its own address.
let signIns = 0;

/** Signs in a console account (made with `createAccount`) from the console's origin; returns its session cookie as `name=value`. */
export async function consoleSessionCookie(t: TestServer, email: string, password: string): Promise<string> {
  const res = await t.app.request(
    '/api/auth/sign-in/email',
    { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost' }, body: JSON.stringify({ email, password }) },
    fromAddress(`192.0.2.${++signIns % 250}`),
  );
  if (res.status !== 200) throw new Error(`signing in ${email} answered ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** The password `addConsoleAccount` gives every account. */
export const ACCOUNT_PASSWORD = 'correct horse battery';

/** A console account made directly (as the owners' API does), e.g. to assign follow-ups to. */
export const addConsoleAccount = (t: TestServer, email: string, role: Role = 'cs', name?: string) => createAccount(t.auth(false), { email, password: ACCOUNT_PASSWORD, role, name });

/** An admin request with the bearer token and an optional JSON body. */
export function adminInit(method: string, body?: unknown, token = ADMIN_TOKEN): RequestInit {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body === undefined) return { method, headers };
  return { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** A valid client id for responses and events. */
export const cid = (label: string) => `id_${label}`.padEnd(8, '0');

export { newAnswer } from './answers.ts';
