import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export interface PageParts {
  lang: 'ja' | 'en';
  title: string;
  /** Trusted CSS written in this folder, never user input. */
  styles: string;
  body: HtmlEscapedString | Promise<HtmlEscapedString>;
}

const BASE_STYLES = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:15px/1.6 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",Meiryo,sans-serif;color:#1f2933;background:#f7f8fa}
a{color:#2457d6}
code,pre{font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
`;

/** A whole HTML document; every interpolated value is escaped by `html`. */
export function page({ lang, title, styles, body }: PageParts) {
  return html`<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="icon" href="data:," />
    <style>
      ${raw(BASE_STYLES + styles)}
    </style>
  </head>
  <body>
    ${body}
  </body>
</html>`;
}
