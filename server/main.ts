import { readConfig } from './config.ts';
import { DEMO_PROJECT_KEY } from './data/seed.ts';
import { startServer } from './start.ts';

// Entry point of `node dist/server/main.js`: environment in, URLs and token out, clean exit on signals.
try {
  const config = readConfig(process.env);
  const server = await startServer(config);
  console.log(`Kizuna listening on ${server.url}`);
  // Like the demo owner's password, shown once: later starts say where to find it.
  console.log(
    `  Admin token: ${config.adminToken ? '(from KIZUNA_ADMIN_TOKEN)' : server.adminTokenCreated ? `${server.adminToken} (shown only now: npm run admin-token prints it again, -- --rotate replaces it)` : 'npm run admin-token prints it (-- --rotate replaces it)'}`,
  );
  if (server.firstOwner) {
    const { account, password } = server.firstOwner;
    console.log(`  Console owner created: ${account.email}${password ? ` / password ${password} (shown only now: keep it)` : ''}`);
  }
  console.log(`  Admin console: ${server.url}/admin`);
  console.log(`  Landing page: ${server.url}/`);
  console.log(`  Demo SaaS page: ${server.url}/demo (project ${DEMO_PROJECT_KEY})`);
  console.log(`  OpenAPI: ${server.url}/api/openapi.json`);

  const shutdown = (signal: NodeJS.Signals) => {
    console.log(`${signal} received, shutting down`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
} catch (error) {
  console.error('Kizuna failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
}
