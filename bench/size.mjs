// What a host page downloads to show a survey: the loader plus the survey UI module and every
// chunk it imports, each gzip -9'd as a server would send it.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export const WIDGET_BUDGET_BYTES = 20 * 1024;

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

/** @param {string} widgetDir the built widget folder (dist/widget) */
export function widgetSize(widgetDir = 'dist/widget') {
  const files = [join(widgetDir, 'widget.js'), ...moduleGraph(join(widgetDir, 'ui', 'survey.js'))];
  const parts = files.map((file) => {
    const raw = readFileSync(file);
    return { file: relative(widgetDir, file), raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
  });
  return { parts, gzip: parts.reduce((sum, p) => sum + p.gzip, 0), raw: parts.reduce((sum, p) => sum + p.raw, 0) };
}
