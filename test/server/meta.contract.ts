import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../server/data/store.ts';
import { surveyInput } from '../../shared/schemas/survey.ts';
import { newAnswer } from './answers.ts';

/**
 * What every `Store` implementation's `meta` must do (readiness and size for operators). Run it
 * once per implementation: `runMetaContract('sqlite', async () => openSqliteStore(file))`.
 * `makeStore` must return an empty, migrated store; the suite closes it after each test.
 */
export function runMetaContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract, meta: ${name}`, () => {
    let store: Store;
    let closed: boolean;
    beforeEach(async () => {
      store = await makeStore();
      closed = false;
    });
    afterEach(async () => {
      if (!closed) await store.close();
    });

    it('names its database engine', () => {
      expect(store.meta.engine).toMatch(/^[a-z]+$/);
    });

    it('answers a ping while open, and refuses one once closed', async () => {
      await expect(store.meta.ping()).resolves.toBeUndefined();
      await store.close();
      closed = true;
      await expect(store.meta.ping()).rejects.toThrow();
    });

    it('reports a size in whole bytes that grows as answers are stored', async () => {
      const before = await store.meta.sizeBytes();
      expect(Number.isInteger(before)).toBe(true);
      expect(before).toBeGreaterThan(0);

      const project = await store.projects.create({ name: 'Acme', allowedOrigins: [] });
      const survey = await store.surveys.create(project.id, surveyInput.parse({ name: 'NPS', touchpoints: [{ key: 'support', label: 'Support' }] }));
      const comment = 'A comment long enough to take some room. '.repeat(20);
      await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          store.responses.record(newAnswer({ projectId: project.id, surveyId: survey.id }, { clientId: `size_${i}`, userId: `user-${i}`, comment })),
        ),
      );
      expect(await store.meta.sizeBytes()).toBeGreaterThan(before + 300 * comment.length);
    });
  });
}
