/** The queueing stub: `kizuna(...)` calls made before the loader arrives wait in `kizuna.q`. */
export const KIZUNA_STUB = 'window.kizuna=window.kizuna||function(){(kizuna.q=kizuna.q||[]).push(arguments)};';

/** The embed code a product pastes into its pages: stub, an example `identify`, the async loader. */
export function embedSnippet(origin: string, projectKey: string): string {
  return [
    `<script>${KIZUNA_STUB}`,
    `kizuna('identify','USER_ID',{plan:'pro',ltv:120000,locale:'ja'});</script>`,
    `<script async src="${origin}/widget.js" data-project="${projectKey}"></script>`,
  ].join('\n');
}
