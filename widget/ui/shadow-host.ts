export const HOST_TAG = 'kizuna-survey';
export const GUIDE_HOST_TAG = 'kizuna-guide';
export const AUTHORING_HOST_TAG = 'kizuna-authoring';

/**
 * A `<kizuna-survey>` (or `tag`) element at the end of `<body>` (last in the page's Tab order) with an
 * open shadow root holding `css` and an empty element to render into. The tag is never
 * registered: a custom element name is enough for a shadow root, and the page's element
 * registry stays untouched.
 */
export function createShadowHost(doc: Document, css: string, tag = HOST_TAG): { host: HTMLElement; mountPoint: HTMLElement; remove(): void } {
  const host = doc.createElement(tag);
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, css);
  const mountPoint = doc.createElement('div');
  root.append(mountPoint);
  // A page still parsing (a zero-delay survey and a slow page) may have no <body> yet.
  (doc.body ?? doc.documentElement).append(host);
  return { host, mountPoint, remove: () => host.remove() };
}

/** Constructable stylesheets are not subject to the page's `style-src` CSP; `<style>` is the fallback where they are missing. */
function adoptStyles(root: ShadowRoot, css: string): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = root.ownerDocument.createElement('style');
  style.textContent = css;
  root.append(style);
}
