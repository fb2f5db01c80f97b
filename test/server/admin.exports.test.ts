import { describe, expect, it } from 'vitest';
import type { Project } from '../../shared/schemas/project.ts';
import { surveyInput, type Survey } from '../../shared/schemas/survey.ts';
import type { NewResponse } from '../../server/data/store.ts';
import { addConsoleAccount, adminInit, cid, DAY_MS, eachTestServer, newAnswer, seedProject, type TestServer } from './helpers.ts';

/** RFC 4180 records (CRLF-separated, quoted fields with doubled quotes), as Excel reads them. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field + row.join('')).toBe('');
  return rows;
}

const T0 = Date.UTC(2025, 2, 3, 9); // a Monday

describe('CSV exports: GET /api/v1/admin/projects/:projectId/responses.csv and /followups.csv', () => {
  let t: TestServer;
  let project: Project;
  let survey: Survey;
  eachTestServer((store) => seedProject(store), (s) => ({ t, project, survey } = s));

  const record = (fields: Partial<NewResponse> & { clientId: string }) =>
    t.store.responses.record(newAnswer({ projectId: project.id, surveyId: survey.id }, { at: new Date(T0), ...fields }));
  const download = async (path: string) => {
    const res = await t.app.request(`/api/v1/admin/projects/${project.id}/${path}`, adminInit('GET'));
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // TextDecoder drops the BOM, as Excel does.
    return { res, bytes, rows: parseCsv(new TextDecoder().decode(bytes)) };
  };

  it('downloads answers as UTF-8 CSV with a BOM, one column per touchpoint key of the project, attributes as JSON', async () => {
    await t.store.surveys.create(project.id, surveyInput.parse({ name: 'Onboarding', touchpoints: [{ key: 'docs', label: 'Docs' }, { key: 'support', label: 'Support' }] }));
    await record({
      clientId: cid('r1'),
      userId: 'kenji',
      score: 3,
      factors: { support: -3, onboarding: 2 },
      comment: 'サポートが遅い, "本当に"\n改善して',
      locale: 'ja',
      url: 'https://app.acme.test/invoices',
      attributes: { plan: 'pro', ltv: 120000 },
    });
    await record({ clientId: cid('r2'), userId: '=cmd|calc', score: 10, comment: '=HYPERLINK("http://evil.test")', at: new Date(T0 + DAY_MS) });

    const { res, bytes, rows } = await download('responses.csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="kizuna-responses-${project.id}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows[0]).toEqual(['id', 'created_at', 'survey_id', 'user_id', 'score', 'category', 'comment', 'locale', 'url', 'tp:onboarding', 'tp:support', 'tp:billing', 'tp:docs', 'attributes']);
    expect(rows[1]).toEqual([
      cid('r1'),
      new Date(T0).toISOString(),
      survey.id,
      'kenji',
      '3',
      'detractor',
      'サポートが遅い, "本当に"\n改善して',
      'ja',
      'https://app.acme.test/invoices',
      '2',
      '-3',
      '',
      '',
      '{"plan":"pro","ltv":120000}',
    ]);
    // Text that a spreadsheet would run as a formula gets a leading quote; numbers never do.
    expect(rows[2]!.slice(3, 7)).toEqual(["'=cmd|calc", '10', 'promoter', `'=HYPERLINK("http://evil.test")`]);
    expect(rows).toHaveLength(3);
  });

  it('limits answers to [from, to)', async () => {
    for (let i = 0; i < 4; i++) await record({ clientId: cid(`day${i}`), at: new Date(T0 + i * DAY_MS) });
    const { rows } = await download(`responses.csv?from=${new Date(T0 + DAY_MS).toISOString()}&to=${new Date(T0 + 3 * DAY_MS).toISOString()}`);
    expect(rows.slice(1).map((r) => r[0])).toEqual([cid('day1'), cid('day2')]);
  });

  it('streams thousands of answers in batches, each once, oldest first', async () => {
    await Promise.all(Array.from({ length: 2_345 }, (_, i) => record({ clientId: cid(`bulk${i}`), userId: `u${i}`, at: new Date(T0 + i * 1000) })));
    const { rows } = await download('responses.csv');
    expect(rows).toHaveLength(2_346);
    const ids = rows.slice(1).map((r) => r[0]);
    expect(new Set(ids).size).toBe(2_345);
    expect(ids[0]).toBe(cid('bulk0'));
    expect(ids.at(-1)).toBe(cid('bulk2344'));
  });

  it('downloads follow-ups with status, assignee, due date, overdue, score, comment and the latest note', async () => {
    await record({ clientId: cid('f1'), userId: 'kenji', score: 2, comment: '+81 からの電話に出られず' });
    await record({ clientId: cid('f2'), userId: 'mika', score: 0, at: new Date(T0 + DAY_MS) });
    await record({ clientId: cid('happy'), userId: 'sora', score: 10 });
    const [first] = (await t.store.followups.list(project.id, { limit: 1, sort: 'oldest' })).items;
    const patch = (body: unknown) => t.app.request(`/api/v1/admin/followups/${first!.id}`, adminInit('PATCH', body));
    await patch({ note: 'called, no answer' });
    await addConsoleAccount(t, 'sato@acme.test');
    await patch({ note: '-- called again, fixed', assignee: 'sato@acme.test', status: 'resolved' });

    const { res, rows } = await download('followups.csv');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="kizuna-followups-prj_\w+-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(rows).toEqual([
      ['id', 'created_at', 'status', 'assignee', 'due_at', 'overdue', 'user_id', 'score', 'comment', 'last_note'],
      [first!.id, new Date(T0).toISOString(), 'resolved', 'sato@acme.test', new Date(T0 + 2 * DAY_MS).toISOString(), 'false', 'kenji', '2', "'+81 からの電話に出られず", "'-- called again, fixed"],
      [expect.stringMatching(/^fu_/), new Date(T0 + DAY_MS).toISOString(), 'open', '', new Date(T0 + 3 * DAY_MS).toISOString(), 'true', 'mika', '0', '', ''],
    ]);
    const later = await download(`followups.csv?from=${new Date(T0 + DAY_MS).toISOString()}`);
    expect(later.rows.slice(1).map((r) => r[6])).toEqual(['mika']);
  });

  it.each(['responses.csv', 'followups.csv'])('answers 400 naming the field for a bad range and 404 for an unknown project (%s)', async (file) => {
    const bad = await t.app.request(`/api/v1/admin/projects/${project.id}/${file}?from=2025-03-10T00:00:00Z&to=2025-03-01T00:00:00Z`, adminInit('GET'));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_query', issues: [{ path: 'to' }] } });
    const garbled = await t.app.request(`/api/v1/admin/projects/${project.id}/${file}?from=soon`, adminInit('GET'));
    expect(await garbled.json()).toMatchObject({ error: { issues: [{ path: 'from' }] } });
    const missing = await t.app.request(`/api/v1/admin/projects/prj_nope/${file}`, adminInit('GET'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'project_not_found' } });
  });
});
