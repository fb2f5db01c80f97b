import { cpSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transform as minifyCss } from 'lightningcss';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/**
 * The widget's styles are CSS in template literals (adopted into shadow roots), which the JS
 * minifier leaves as written: this minifies them at build time, with the CSS minifier vite
 * itself uses. A literal may start with one `${OTHER_CSS}`, kept as it is.
 */
const minifyWidgetCss = (): Plugin => ({
  name: 'kizuna-minify-widget-css',
  transform(code, id) {
    if (!/styles\.ts$/.test(id)) return null;
    // Only literals assigned to a constant: comments in these files quote CSS in backticks too.
    const minified = code.replace(/=\s*`(\$\{\w+\})?([^`$]*)`/g, (_, prefix = '', css: string) => {
      const out = minifyCss({ filename: id, code: Buffer.from(css), minify: true }).code.toString();
      return `= \`${prefix}${out}\``;
    });
    return { code: minified, map: null };
  },
});

/**
 * One config, one mode per artefact (`vite build --mode <name>`):
 * - loader: the tiny classic script host pages embed (`widget.js`); it lazy-loads the rest.
 * - ui: ES modules the loader imports only when there is something to show.
 * - authoring: the "Edit in app" UI, imported only in a tab an author opened from the console.
 * - server: the Hono server bundled for `npm run serve` (`main.js`), and each operator command in
 *   `server/cli/` beside it (`admin-token.js`, …), sharing chunks with it.
 * - console: the admin single-page app the server hands out at `/admin` (hashed assets under `/admin/assets/`).
 */
/** `server/cli/<name>.ts` → entry `<name>`: every operator command ships in the server bundle. */
const cliEntries = Object.fromEntries(
  readdirSync('server/cli')
    .filter((file) => file.endsWith('.ts'))
    .map((file) => [file.slice(0, -3), `server/cli/${file}`]),
);

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
    plugins: [minifyWidgetCss()],
  },
  // Built on its own, after `ui`: sharing chunks with the visitors' UIs would reshape theirs (extra
  // files, extra bytes on every host page) for the sake of the few tabs that author.
  authoring: {
    build: {
      outDir: 'dist/widget/ui',
      emptyOutDir: false,
      target: 'es2019',
      lib: { entry: { authoring: 'widget/authoring/authoring.tsx' }, formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rolldownOptions: { output: { minify: true } },
    },
    plugins: [minifyWidgetCss()],
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
      ssr: true,
      // Chunks stay beside the entries: modules find the migrations and the built widget and
      // console relative to their own file (import.meta.url).
      rollupOptions: { input: { main: 'server/main.ts', ...cliEntries }, output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' } },
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
    // A cap, not a target: the whole suite shares two cores, and real servers and browsers run in it.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // `@vitest-environment console`: jsdom with modules transformed as for Node (see the file).
    alias: { 'vitest-environment-console': fileURLToPath(new URL('test/console/environment.ts', import.meta.url)) },
  },
}));
