import { describe, expect, it } from 'vitest';
import { clientEvent } from '../../shared/schemas/event.ts';
import { guideInput } from '../../shared/schemas/guide.ts';
import { projectInput } from '../../shared/schemas/project.ts';
import { responseInput } from '../../shared/schemas/response.ts';
import { DEFAULT_QUESTION, surveyInput, surveyUpdate } from '../../shared/schemas/survey.ts';

const paths = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) =>
  result.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('projectInput', () => {
  it('normalises allowed origins and refuses paths', () => {
    expect(projectInput.parse({ name: 'Acme', allowedOrigins: ['https://App.Example.com/'] }).allowedOrigins).toEqual(['https://app.example.com']);
    expect(paths(projectInput.safeParse({ name: 'Acme', allowedOrigins: ['https://app.example.com/x'] }))).toEqual(['allowedOrigins.0']);
    expect(paths(projectInput.safeParse({ name: 'Acme', allowedOrigins: ['ftp://example.com'] }))).toEqual(['allowedOrigins.0']);
  });
});

describe('surveyInput', () => {
  it('fills the documented defaults', () => {
    expect(surveyInput.parse({ name: 'NPS', touchpoints: [] })).toMatchObject({
      question: DEFAULT_QUESTION,
      detractorThreshold: 6,
      recontactDays: 90,
      delaySeconds: 5,
      sampleRate: 1,
      active: true,
    });
  });

  it('names duplicate touchpoint keys and out-of-range settings', () => {
    const result = surveyInput.safeParse({
      name: 'NPS',
      touchpoints: [
        { key: 'docs', label: 'Docs' },
        { key: 'docs', label: { ja: 'ドキュメント' } },
      ],
      detractorThreshold: 11,
      sampleRate: 1.5,
    });
    expect(paths(result).sort()).toEqual(['detractorThreshold', 'sampleRate', 'touchpoints.1.key']);
  });

  it('refuses an empty update', () => {
    expect(surveyUpdate.safeParse({}).success).toBe(false);
    expect(surveyUpdate.safeParse({ active: false }).success).toBe(true);
  });
});

describe('responseInput', () => {
  const valid = { id: 'abcdefgh12', surveyId: 'sv_1', userId: 'u1', score: 7 };

  it('accepts a score-only partial answer', () => {
    expect(responseInput.safeParse(valid).success).toBe(true);
  });

  it.each([
    [{ score: 11 }, 'score'],
    [{ score: -1 }, 'score'],
    [{ score: 6.5 }, 'score'],
    [{ score: '7' }, 'score'],
    [{ id: 'short' }, 'id'],
    [{ factors: { docs: 4 } }, 'factors.docs'],
    [{ factors: { docs: -3.5 } }, 'factors.docs'],
    [{ comment: 'x'.repeat(2001) }, 'comment'],
    [{ userId: '' }, 'userId'],
  ])('names the bad field in %j', (patch, path) => {
    expect(paths(responseInput.safeParse({ ...valid, ...patch }))).toContain(path);
  });
});

describe('guideInput', () => {
  const step = { target: '#export', title: { ja: '書き出し', en: 'Export' }, body: '**Click** here' };

  it('fills the documented defaults', () => {
    expect(guideInput.parse({ name: 'Tour', steps: [step] })).toMatchObject({
      steps: [{ placement: 'auto', advance: 'next', spotlight: false }],
      trigger: { delaySeconds: 0 },
      frequency: 'once',
      priority: 0,
      active: true,
    });
  });

  it('takes the authoring tool’s target shape, and a step without target (a modal)', () => {
    const parsed = guideInput.parse({
      name: 'Tour',
      steps: [{ ...step, target: { selector: '[data-testid="export"]', text: 'Export', fallbacks: ['#export'] } }, { title: 'Done', body: 'Bye' }],
    });
    expect(parsed.steps[1]!.target).toBeUndefined();
  });

  it.each([
    [{ steps: [] }, 'steps'],
    [{ steps: Array(21).fill(step) }, 'steps'],
    [{ steps: [{ ...step, target: 42 }] }, 'steps.0.target'],
    [{ steps: [{ ...step, advance: 'hover' }] }, 'steps.0.advance'],
    [{ trigger: { event: 'has spaces' } }, 'trigger.event'],
    [{ frequency: 'daily' }, 'frequency'],
  ])('names the bad field in %j', (patch, path) => {
    expect(paths(guideInput.safeParse({ name: 'Tour', steps: [step], ...patch }))).toContain(path);
  });
});

describe('clientEvent', () => {
  const base = { id: 'abcdefgh12', userId: 'u1' };

  it('tells survey, guide, step and track events apart by type', () => {
    expect(clientEvent.safeParse({ ...base, type: 'survey_shown', surveyId: 'sv_1' }).success).toBe(true);
    expect(clientEvent.safeParse({ ...base, type: 'guide_completed', guideId: 'gd_1' }).success).toBe(true);
    expect(clientEvent.safeParse({ ...base, type: 'guide_step_shown', guideId: 'gd_1', stepIndex: 2 }).success).toBe(true);
    expect(clientEvent.safeParse({ ...base, type: 'track', name: 'report_exported', props: { rows: 3 } }).success).toBe(true);
  });

  it.each([
    [{ type: 'guide_shown', surveyId: 'sv_1' }, 'guideId'],
    [{ type: 'guide_step_shown', guideId: 'gd_1' }, 'stepIndex'],
    [{ type: 'guide_step_shown', guideId: 'gd_1', stepIndex: 20 }, 'stepIndex'],
    [{ type: 'track', name: 'has spaces' }, 'name'],
    [{ type: 'clicked' }, 'type'],
  ])('names the bad field in %j', (patch, path) => {
    expect(paths(clientEvent.safeParse({ ...base, ...patch }))).toContain(path);
  });
});
