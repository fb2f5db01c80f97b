import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUTHORING_ENTRY, COMBINED_BUDGET_BYTES, LOADER_BUDGET_BYTES, UI_ENTRIES, WIDGET_BUDGET_BYTES, widgetSize } from '../../bench/size.mjs';

// Runs on the built files (`npm test` builds first), like the browser tests.
describe('built widget', () => {
  it(`stays within ${WIDGET_BUDGET_BYTES / 1024} KB gzip for everything a host page downloads to show a survey`, () => {
    const size = widgetSize('dist/widget', ['survey']);
    expect(size.parts.map((p) => p.file)).toContain('ui/survey.js');
    expect(size.gzip).toBeLessThanOrEqual(WIDGET_BUDGET_BYTES);
  });

  it(`stays within ${WIDGET_BUDGET_BYTES / 1024} KB gzip for everything a host page downloads to show a guide`, () => {
    const size = widgetSize('dist/widget', ['guide']);
    expect(size.parts.map((p) => p.file)).toContain('ui/guide.js');
    expect(size.gzip).toBeLessThanOrEqual(WIDGET_BUDGET_BYTES);
  });

  it(`stays within ${COMBINED_BUDGET_BYTES / 1024} KB gzip for the survey and guide runtimes together`, () => {
    expect(widgetSize('dist/widget', UI_ENTRIES).gzip).toBeLessThanOrEqual(COMBINED_BUDGET_BYTES);
  });

  it(`keeps the loader, which every page pays for even with nothing due, within ${LOADER_BUDGET_BYTES / 1024} KB gzip`, () => {
    const loader = widgetSize('dist/widget', []);
    expect(loader.parts.map((p) => p.file)).toEqual(['widget.js']);
    expect(loader.gzip).toBeLessThanOrEqual(LOADER_BUDGET_BYTES);
  });

  it('keeps the authoring UI out of everything visitors download', () => {
    const visitors = widgetSize('dist/widget', UI_ENTRIES).parts.map((p) => p.file);
    const authoring = widgetSize('dist/widget', [AUTHORING_ENTRY]).parts.map((p) => p.file);
    expect(authoring).toContain('ui/authoring.js');
    // Its own build: no chunk shared with the visitors' UIs, so theirs keep their shape and size.
    expect(authoring.filter((file) => file !== 'widget.js' && visitors.includes(file))).toEqual([]);
    expect(visitors.some((file) => file.includes('authoring'))).toBe(false);
  });

  it('keeps any schema runtime out of every widget file', () => {
    // zod's error messages would show up if a schema runtime slipped into any widget file.
    for (const part of widgetSize('dist/widget', [...UI_ENTRIES, AUTHORING_ENTRY]).parts) {
      expect(readFileSync(`dist/widget/${part.file}`, 'utf8')).not.toMatch(/Invalid input|ZodError|\$ZodType/);
    }
  });

  it('ships the migrations and the operator commands beside the server bundle', () => {
    expect(existsSync('dist/server/main.js')).toBe(true);
    expect(existsSync('dist/server/admin-token.js')).toBe(true);
    expect(existsSync('dist/server/migrations/meta/_journal.json')).toBe(true);
  });
});
