/** What the embedding `<script>` tag tells us: which project, which server, whether to log. */
export interface ScriptConfig {
  projectKey: string;
  /** The folder `widget.js` was loaded from (ends with "/"); API and UI URLs resolve against it. */
  base: string;
  debug: boolean;
}

/**
 * `currentScript` must be read while the loader is first evaluated (it is null afterwards);
 * the selector is the fallback for hosts that inject the tag in ways that hide it.
 */
export function findScript(doc: Document, current: Element | null): HTMLScriptElement | null {
  if (current instanceof HTMLScriptElement && current.dataset.project) return current;
  return doc.querySelector<HTMLScriptElement>('script[data-project][src*="widget.js"]');
}

export function readScriptConfig(script: HTMLScriptElement): ScriptConfig | null {
  const projectKey = script.dataset.project?.trim();
  if (!projectKey || !script.src) return null;
  return { projectKey, base: new URL('.', script.src).href, debug: script.hasAttribute('data-debug') };
}
