// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterDelay } from '../../widget/backoff.ts';
import { openHistory } from '../../widget/history.ts';
import { createStore } from '../../widget/storage.ts';

beforeEach(() => localStorage.clear());

describe('createStore', () => {
  it('persists to localStorage when it works', () => {
    createStore(() => localStorage).set('k', 'v');
    expect(localStorage.getItem('k')).toBe('v');
    expect(createStore(() => localStorage).get('k')).toBe('v');
  });

  it('falls back to memory when localStorage cannot even be read', () => {
    const store = createStore(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    store.set('k', 'v');
    expect(store.get('k')).toBe('v');
    store.remove('k');
    expect(store.get('k')).toBeNull();
  });

  it('keeps a value in memory when the write is refused (storage full)', () => {
    const full = Object.assign(Object.create(localStorage), {
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    }) as Storage;
    const store = createStore(() => full);
    expect(() => store.set('k', 'v')).not.toThrow();
    expect(store.get('k')).toBe('v');
  });
});

describe('local history', () => {
  const KEY = 'kizuna:v1:history:pk_test:u1';

  it('is kept per project and user', () => {
    const store = createStore(() => localStorage);
    openHistory(store, 'pk_test', 'u1').record('srv', 'answeredAt', 1000);
    expect(openHistory(store, 'pk_test', 'u1').get('srv')).toEqual({ answeredAt: 1000 });
    expect(openHistory(store, 'pk_test', 'u2').get('srv')).toEqual({});
    expect(openHistory(store, 'pk_other', 'u1').get('srv')).toEqual({});
    expect(JSON.parse(localStorage.getItem(KEY)!)).toEqual({ srv: { answeredAt: 1000 } });
  });

  it('ignores corrupt or foreign values', () => {
    const store = createStore(() => localStorage);
    for (const value of ['{oops', '[1,2]', '{"srv":{"answeredAt":"yesterday","dismissedAt":-5}}', '{"srv":7}']) {
      localStorage.setItem(KEY, value);
      expect(openHistory(store, 'pk_test', 'u1').get('srv')).toEqual({});
    }
    openHistory(store, 'pk_test', 'u1').record('srv', 'dismissedAt', 5);
    expect(openHistory(store, 'pk_test', 'u1').get('srv')).toEqual({ dismissedAt: 5 });
  });
});

describe('backoff', () => {
  it('doubles from 1–2 s with jitter and stops growing at 60 s', () => {
    expect(backoffDelay(0, () => 0)).toBe(1_000);
    expect(backoffDelay(0, () => 0.999)).toBeCloseTo(1_999);
    expect(backoffDelay(3, () => 0.5)).toBe(12_000);
    expect(backoffDelay(10, () => 0)).toBe(60_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterDelay('120', now)).toBe(120_000);
    expect(retryAfterDelay('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterDelay('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(retryAfterDelay('soon', now)).toBeNull();
    expect(retryAfterDelay(null, now)).toBeNull();
    expect(retryAfterDelay('99999999', now)).toBe(86_400_000);
  });
});
