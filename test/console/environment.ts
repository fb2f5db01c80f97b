import { builtinEnvironments, type Environment } from 'vitest/runtime';

/**
 * jsdom for the console, with modules transformed as for Node (`ssr`) rather than for a page:
 * the in-process server these tests run finds its migrations with
 * `new URL('./migrations', import.meta.url)`, which the page transform rewrites into a URL on
 * the test page.
 */
export default { ...builtinEnvironments.jsdom, name: 'console-jsdom', viteEnvironment: 'ssr' } satisfies Environment;
