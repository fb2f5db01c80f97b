import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

/**
 * One config, one mode per artefact (`vite build --mode <name>`):
 * - loader: the tiny classic script host pages embed (`widget.js`); it lazy-loads the rest.
 * - ui: ES modules the loader imports only when there is something to show.
 * - server: the Hono server bundled for `npm run serve`.
 * - console: the admin single-page app the server hands out at `/admin` (hashed assets under `/admin/assets/`).
 */
const builds: Record<string, UserConfig> = {
  loader: {
    build: {
      outDir: 'dist/widget',
      emptyOutDir: true,
      target: 'es2019',
      lib: { entry: 'widget/loader.ts', formats: ['iife'], name: 'kizunaLoader', fileName: () => 'widget.js' },
    },
  },
  ui: {
    build: {
      outDir: 'dist/widget/ui',
      emptyOutDir: true,
      target: 'es2019',
      // Two entries: what both need (preact, signals, the shadow host, shared styles) lands in a shared chunk.
      lib: { entry: { survey: 'widget/ui/survey.tsx', guide: 'widget/ui/guide.tsx' }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      // Library mode leaves ES output unminified (for the consumer's bundler); ours goes straight to host pages.
      rolldownOptions: { output: { minify: true } },
    },
  },
  console: {
    root: 'console',
    base: '/admin/',
    build: {
      outDir: '../dist/console',
      emptyOutDir: true,
      target: 'es2022',
      // The polyfill would be an inline script, which the console's CSP (script-src 'self') refuses.
      modulePreload: { polyfill: false },
    },
  },
  server: {
    build: {
      outDir: 'dist/server',
      emptyOutDir: true,
      target: 'node20',
      ssr: 'server/main.ts',
      rollupOptions: { output: { entryFileNames: 'main.js' } },
    },
    plugins: [
      {
        name: 'kizuna-copy-migrations',
        closeBundle() {
          // The migrator reads SQL files at run time, next to the bundle (see server/data/migrate.ts).
          cpSync('server/data/migrations', 'dist/server/migrations', { recursive: true });
        },
      },
    ],
  },
};

export default defineConfig(({ mode }) => ({
  ...(builds[mode] ?? {}),
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 15_000,
    hookTimeout: 60_000,
    // `@vitest-environment console`: jsdom with modules transformed as for Node (see the file).
    alias: { 'vitest-environment-console': fileURLToPath(new URL('test/console/environment.ts', import.meta.url)) },
  },
}));
