import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { ADMIN_TOKEN_SETTING, fixedAdminToken, storedAdminToken } from './auth/admin-token.ts';
import { ensureFirstOwner, type FirstOwner } from './auth/accounts.ts';
import { consoleAuth } from './auth/auth.ts';
import type { Config } from './config.ts';
import { newAdminToken, newAuthSecret, newPassword } from './data/ids.ts';
import { seedDemo } from './data/seed.ts';
import { startDispatcher } from './delivery/dispatcher.ts';
import { overdueJob } from './delivery/overdue-job.ts';
import { openSqliteStore } from './data/sqlite/index.ts';
import { digestJob } from './mail/digest-job.ts';
import { createMailer } from './mail/mailer.ts';
import { createLogger, errorLogger, type Logger } from './log.ts';
import { retentionJob } from './scheduler/retention-job.ts';
import { startScheduler, type SchedulerTiming } from './scheduler/runner.ts';

export interface StartOptions extends Config {
  /** Access lines and unexpected errors, as JSON lines (server/log.ts). @default createLogger(): stdout */
  logger?: Logger;
  /** The periodic jobs' clock and tick (tests). */
  scheduler?: SchedulerTiming;
}

export interface RunningServer {
  /** `http://localhost:<port>` */
  url: string;
  port: number;
  /** The admin bearer token in force at start (given, or generated and kept in the database). */
  adminToken: string;
  /** Whether this start generated the admin token (the first start without KIZUNA_ADMIN_TOKEN): only then is it printed. */
  adminTokenCreated: boolean;
  /** The first console owner, when this start created it (`password` only for the generated demo owner). */
  firstOwner: FirstOwner | null;
  /** Stops accepting connections, lets requests in flight finish (up to 5 s), closes the database. */
  close(): Promise<void>;
}

/** Settings key of the generated secret that signs console sessions. */
const AUTH_SECRET_SETTING = 'auth_secret';
const CLOSE_GRACE_MS = 5_000;

/**
 * Opens and migrates the database, seeds the demo project on first start, and listens.
 * @example const server = await startServer({ ...readConfig(process.env), port: 0 });
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const store = openSqliteStore(options.dbFile);
  try {
    await seedDemo(store);
    let adminTokenCreated = false;
    const adminToken =
      options.adminToken ??
      (await store.settings.getOrCreate(ADMIN_TOKEN_SETTING, () => {
        adminTokenCreated = true;
        return newAdminToken();
      }));
    // A stored token is re-read now and then, so `npm run admin-token -- --rotate` needs no restart.
    const adminTokens = options.adminToken ? fixedAdminToken(options.adminToken) : storedAdminToken(store.settings);
    const authSecret = options.authSecret ?? (await store.settings.getOrCreate(AUTH_SECRET_SETTING, newAuthSecret));
    const logger = options.logger ?? createLogger();
    const log = errorLogger(logger);
    const auth = consoleAuth({ database: store.authDatabase, secret: authSecret, log });
    const firstOwner = await ensureFirstOwner(auth(false), options.owner, newPassword);
    // Without SMTP settings nothing is mailed: no mail is queued, and the console says so.
    const mailer = options.mail ? createMailer({ store, config: options.mail }) : null;
    const dispatcher = startDispatcher({
      store,
      ...(mailer && { sendMail: mailer.sendMail }),
      allowPrivate: options.allowPrivateWebhooks ?? false,
      ...(options.deliveryLeaseSeconds !== undefined && { leaseMs: options.deliveryLeaseSeconds * 1000 }),
      log,
    });
    const app = createApp({ ...options, store, adminToken: adminTokens, auth, logger, wakeDeliveries: dispatcher.wake });
    const server = serve({ fetch: app.fetch, port: options.port }) as Server;
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    // Links in scheduled events have no request to take an origin from.
    const publicUrl = options.publicUrl ?? `http://localhost:${port}`;
    const jobs = [retentionJob(store), overdueJob(store, { publicUrl, wake: dispatcher.wake }), ...(mailer ? [digestJob(store, { publicUrl, wake: dispatcher.wake })] : [])];
    const scheduler = startScheduler({ ...options.scheduler, leases: store.jobs, jobs, log });

    const close = async () => {
      const closed = once(server, 'close');
      server.close();
      // Idle keep-alive sockets close at once; a request still running after the grace is cut off.
      const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      await closed;
      clearTimeout(force);
      await Promise.all([scheduler.stop(), dispatcher.stop()]);
      mailer?.close();
      await store.close();
    };
    return { url: `http://localhost:${port}`, port, adminToken, adminTokenCreated, firstOwner, close };
  } catch (error) {
    await store.close();
    throw error;
  }
}
