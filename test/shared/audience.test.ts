import { describe, expect, it } from 'vitest';
import { matchesAudience } from '../../shared/audience.ts';
import { audience as audienceSchema, condition } from '../../shared/schemas/audience.ts';
import type { Condition } from '../../shared/schemas/audience.ts';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 23, 12);
const user = {
  plan: 'pro',
  ltv: 120000,
  seats: '12',
  signedUpAt: new Date(now - 10 * DAY).toISOString(),
  firstSeen: Math.floor((now - 40 * DAY) / 1000),
  company: 'Sakura Trading',
  beta: false,
  churned: null,
};
const one = (c: Condition) => matchesAudience({ all: [c] }, user, now);

describe('matchesAudience', () => {
  it.each<[string, Condition, boolean]>([
    ['plan eq "pro"', { attribute: 'plan', op: 'eq', value: 'pro' }, true],
    ['plan eq "free"', { attribute: 'plan', op: 'eq', value: 'free' }, false],
    ['plan neq "free"', { attribute: 'plan', op: 'neq', value: 'free' }, true],
    ['missing neq "x" (nothing to be equal)', { attribute: 'nope', op: 'neq', value: 'x' }, true],
    ['ltv gte 100000', { attribute: 'ltv', op: 'gte', value: 100000 }, true],
    ['ltv gt 120000', { attribute: 'ltv', op: 'gt', value: 120000 }, false],
    ['ltv lt 200000', { attribute: 'ltv', op: 'lt', value: 200000 }, true],
    ['ltv lte 119999', { attribute: 'ltv', op: 'lte', value: 119999 }, false],
    ['numeric text seats gte 10', { attribute: 'seats', op: 'gte', value: 10 }, true],
    ['a missing attribute never compares', { attribute: 'nope', op: 'lt', value: 1 }, false],
    ['text never compares with a number', { attribute: 'plan', op: 'gt', value: 1 }, false],
    ['dates compare as dates', { attribute: 'signedUpAt', op: 'gt', value: '2026-11-01' }, true],
    ['plan in [pro, enterprise]', { attribute: 'plan', op: 'in', value: ['pro', 'enterprise'] }, true],
    ['plan in [free]', { attribute: 'plan', op: 'in', value: ['free'] }, false],
    ['company contains "sakura" (case-insensitive)', { attribute: 'company', op: 'contains', value: 'sakura' }, true],
    ['plan exists', { attribute: 'plan', op: 'exists' }, true],
    ['false is a value that exists', { attribute: 'beta', op: 'exists' }, true],
    ['null does not exist', { attribute: 'churned', op: 'exists' }, false],
    ['exists: false for a missing one', { attribute: 'nope', op: 'exists', value: false }, true],
    ['signedUpAt newerThanDays 14 (ISO)', { attribute: 'signedUpAt', op: 'newerThanDays', value: 14 }, true],
    ['signedUpAt olderThanDays 14', { attribute: 'signedUpAt', op: 'olderThanDays', value: 14 }, false],
    ['epoch seconds olderThanDays 30', { attribute: 'firstSeen', op: 'olderThanDays', value: 30 }, true],
    ['not a date is neither older nor newer', { attribute: 'plan', op: 'newerThanDays', value: 14 }, false],
  ])('%s → %s', (_name, c, expected) => {
    expect(one(c)).toBe(expected);
  });

  it('means everyone without an audience or with empty lists', () => {
    expect(matchesAudience(undefined, {}, now)).toBe(true);
    expect(matchesAudience(null, {}, now)).toBe(true);
    expect(matchesAudience({ all: [], any: [] }, {}, now)).toBe(true);
  });

  it('needs every "all" condition and at least one "any" condition', () => {
    const pro = { attribute: 'plan', op: 'eq', value: 'pro' } as const;
    const rich = { attribute: 'ltv', op: 'gte', value: 1_000_000 } as const;
    const recent = { attribute: 'signedUpAt', op: 'newerThanDays', value: 14 } as const;
    expect(matchesAudience({ all: [pro, rich] }, user, now)).toBe(false);
    expect(matchesAudience({ any: [rich, recent] }, user, now)).toBe(true);
    expect(matchesAudience({ all: [pro], any: [rich] }, user, now)).toBe(false);
    expect(matchesAudience({ all: [pro], any: [rich, recent] }, user, now)).toBe(true);
  });
});

describe('audience schema', () => {
  it.each([
    [{ attribute: 'plan', op: 'in', value: 'pro' }, '"in" needs a list'],
    [{ attribute: 'signedUpAt', op: 'newerThanDays', value: '14' }, 'number of days'],
    [{ attribute: 'plan', op: 'eq' }, 'needs one value'],
    [{ attribute: 'plan', op: 'contains', value: 3 }, 'needs a text'],
  ])('refuses %j, naming value', (c, message) => {
    const result = condition.safeParse(c);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['value']);
    expect(result.error!.issues[0]!.message).toContain(message);
  });

  it('refuses an unknown operator and names its place in the audience', () => {
    const result = audienceSchema.safeParse({ all: [{ attribute: 'plan', op: 'like', value: 'p' }] });
    expect(result.error!.issues[0]!.path).toEqual(['all', 0, 'op']);
  });
});
