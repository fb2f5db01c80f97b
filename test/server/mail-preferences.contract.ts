import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.ts';
import { consoleAuth, type ConsoleAuth } from '../../server/auth/auth.ts';
import type { Store } from '../../server/data/store.ts';

/**
 * What every `Store` must do with console accounts' mail choices (`store.mailPreferences`), with
 * accounts made by better-auth over the same store. `makeStore` returns an empty, migrated store.
 */
export function runMailPreferencesContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract, mail preferences: ${name}`, () => {
    let store: Store;
    let auth: ConsoleAuth;
    beforeEach(async () => {
      store = await makeStore();
      auth = consoleAuth({ database: store.authDatabase, secret: 'contract-secret-0123456789-0123456789', log: () => {} })(false);
    });
    afterEach(() => store.close());

    const make = (email: string) => createAccount(auth, { email, password: 'correct horse battery', role: 'cs' });
    const at = new Date('2026-12-01T00:00:00Z');
    const ALL_OFF = { assigned: false, newDetractor: false, dailyDigest: false };

    it('has every choice off until the account chooses, then keeps what it chose', async () => {
      const aiko = await make('aiko@example.com');
      expect(await store.mailPreferences.get(aiko.id)).toEqual(ALL_OFF);
      expect(await store.mailPreferences.set(aiko.id, { assigned: true, newDetractor: false, dailyDigest: true }, at)).toBe(true);
      expect(await store.mailPreferences.get(aiko.id)).toEqual({ assigned: true, newDetractor: false, dailyDigest: true });
      await store.mailPreferences.set(aiko.id, { assigned: false, newDetractor: true, dailyDigest: false }, at);
      expect(await store.mailPreferences.get(aiko.id)).toEqual({ assigned: false, newDetractor: true, dailyDigest: false });
      expect(await store.mailPreferences.set('nobody', { ...ALL_OFF, assigned: true }, at)).toBe(false);
      expect(await store.mailPreferences.get('nobody')).toEqual(ALL_OFF);
    });

    it('lists the enabled accounts with a choice on, oldest first, optionally among some e-mails', async () => {
      const a = await make('a@example.com');
      const b = await make('b@example.com');
      const c = await make('c@example.com');
      const off = await make('off@example.com');
      await make('never@example.com');
      for (const account of [a, b, c]) await store.mailPreferences.set(account.id, { assigned: true, newDetractor: account !== b, dailyDigest: false }, at);
      await store.mailPreferences.set(off.id, { assigned: true, newDetractor: true, dailyDigest: true }, at);
      await store.consoleAccounts.update(off.id, { disabled: true }, at);

      expect(await store.mailPreferences.recipients('assigned')).toEqual([a.id, b.id, c.id]);
      expect(await store.mailPreferences.recipients('newDetractor')).toEqual([a.id, c.id]);
      expect(await store.mailPreferences.recipients('dailyDigest')).toEqual([]);
      expect(await store.mailPreferences.recipients('assigned', ['b@example.com', 'off@example.com', 'never@example.com'])).toEqual([b.id]);
      expect(await store.mailPreferences.recipients('assigned', [])).toEqual([]);
    });

    it('tells where to mail an account and in which language, until it is removed', async () => {
      const owner = await createAccount(auth, { email: 'owner@example.com', password: 'correct horse battery', role: 'owner' });
      const aiko = await make('aiko@example.com');
      expect(await store.mailPreferences.recipient(aiko.id)).toEqual({ email: 'aiko@example.com', name: 'aiko', language: null, disabled: false });
      expect(await store.mailPreferences.setLanguage(aiko.id, 'en', at)).toBe(true);
      await store.consoleAccounts.update(aiko.id, { disabled: true }, at);
      expect(await store.mailPreferences.recipient(aiko.id)).toEqual({ email: 'aiko@example.com', name: 'aiko', language: 'en', disabled: true });
      await store.mailPreferences.set(aiko.id, { assigned: true, newDetractor: true, dailyDigest: true }, at);
      await store.consoleAccounts.remove(aiko.id, owner.email, at);
      expect(await store.mailPreferences.recipient(aiko.id)).toBeNull();
      expect(await store.mailPreferences.setLanguage(aiko.id, 'ja', at)).toBe(false);
      // The row went with the account.
      expect(await store.mailPreferences.get(aiko.id)).toEqual(ALL_OFF);
    });
  });
}
