import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WIDGET_BUDGET_BYTES, widgetSize } from '../../bench/size.mjs';

// Runs on the built files (`npm test` builds first), like the browser tests.
describe('built widget', () => {
  it(`stays within ${WIDGET_BUDGET_BYTES / 1024} KB gzip for everything a host page downloads to show a survey`, () => {
    const size = widgetSize('dist/widget');
    expect(size.parts.map((p) => p.file)).toContain('ui/survey.js');
    expect(size.gzip).toBeLessThanOrEqual(WIDGET_BUDGET_BYTES);
  });

  it('keeps the loader free of the UI framework and of any schema runtime', () => {
    const loader = readFileSync('dist/widget/widget.js', 'utf8');
    expect(loader.length).toBeLessThan(12 * 1024);
    // zod's error messages would show up if a schema runtime slipped into any widget file.
    for (const part of widgetSize('dist/widget').parts) {
      expect(readFileSync(`dist/widget/${part.file}`, 'utf8')).not.toMatch(/Invalid input|ZodError|\$ZodType/);
    }
  });

  it('ships the migrations beside the server bundle', () => {
    expect(existsSync('dist/server/main.js')).toBe(true);
    expect(existsSync('dist/server/migrations/meta/_journal.json')).toBe(true);
  });
});
