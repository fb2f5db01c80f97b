// What a host page downloads to show a survey, a guide, or both: the loader plus the UI modules
// and every chunk they import (each counted once), each gzip -9'd as a server would send it.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The survey path, and the guide path, each. */
export const WIDGET_BUDGET_BYTES = 20 * 1024;
/**
 * Both runtimes together (a page that shows a survey and a guide): decided at 26 KB, the size they
 * had when the budget was set (25.9 KB); growth needs a measured reason.
 */
export const COMBINED_BUDGET_BYTES = 26 * 1024;
/** The loader alone: what every host page downloads, even when nothing is due. */
export const LOADER_BUDGET_BYTES = 7 * 1024;

/** Files reachable from `entry` through static `import … from "./x.js"` statements. */
function moduleGraph(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
      visit(join(dirname(file), match[1]));
    }
  };
  visit(entry);
  return [...seen];
}

/** The UI entries (`dist/widget/ui/<name>.js`) the loader imports for visitors. */
export const UI_ENTRIES = ['survey', 'guide'];
/** The entry only a tab opened from the console's "Edit in app" imports. */
export const AUTHORING_ENTRY = 'authoring';

/**
 * @param {string} widgetDir the built widget folder (dist/widget)
 * @param {string[]} entries which UIs the page shows
 */
export function widgetSize(widgetDir = 'dist/widget', entries = UI_ENTRIES) {
  const ui = entries.flatMap((entry) => moduleGraph(join(widgetDir, 'ui', `${entry}.js`)));
  const files = [join(widgetDir, 'widget.js'), ...new Set(ui)];
  const parts = files.map((file) => {
    const raw = readFileSync(file);
    return { file: relative(widgetDir, file), raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
  });
  return { parts, gzip: parts.reduce((sum, p) => sum + p.gzip, 0), raw: parts.reduce((sum, p) => sum + p.raw, 0) };
}
