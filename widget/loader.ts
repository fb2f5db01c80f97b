/**
 * `widget.js`, the script every host page loads. It stays small and framework-free: the survey
 * and guide UIs (preact) are imported only when one is about to be shown. No exports: anything
 * exported would become a global of the host page.
 */
import { boot } from './boot.ts';

boot({
  win: window,
  // Only set while this script is first evaluated, so it is read right here.
  currentScript: document.currentScript,
  // Called through a wrapper: a detached `window.fetch` throws "Illegal invocation".
  fetch: (url, init) => fetch(url, init),
  importUi: (url) => import(/* @vite-ignore */ url),
});
