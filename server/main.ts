import { readConfig } from './config.ts';
import { DEMO_PROJECT_KEY } from './data/seed.ts';
import { createLogger } from './log.ts';
import { startServer } from './start.ts';

// Entry point of `node dist/server/main.js`: environment in, URLs and token out, clean exit on signals.
// Everything goes out as JSON lines on stdout, as request logs do (server/log.ts).
const logger = createLogger();
try {
  const config = readConfig(process.env);
  const server = await startServer({ ...config, logger });
  logger.info(`Kizuna listening on ${server.url}`);
  // Like the demo owner's password, shown once: later starts say where to find it.
  logger.info(
    `  Admin token: ${config.adminToken ? '(from KIZUNA_ADMIN_TOKEN)' : server.adminTokenCreated ? `${server.adminToken} (shown only now: npm run admin-token prints it again, -- --rotate replaces it)` : 'npm run admin-token prints it (-- --rotate replaces it)'}`,
  );
  if (server.firstOwner) {
    const { account, password } = server.firstOwner;
    logger.info(`  Console owner created: ${account.email}${password ? ` / password ${password} (shown only now: keep it)` : ''}`);
  }
  logger.info(`  Admin console: ${server.url}/admin`);
  logger.info(`  Landing page: ${server.url}/`);
  logger.info(`  Demo SaaS page: ${server.url}/demo (project ${DEMO_PROJECT_KEY})`);
  logger.info(`  OpenAPI: ${server.url}/api/openapi.json`);

  const shutdown = (signal: NodeJS.Signals) => {
    logger.info(`${signal} received, shutting down`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
} catch (error) {
  logger.fatal(`Kizuna failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
