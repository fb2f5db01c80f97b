import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.ts';
import { consoleAuth, type ConsoleAuth } from '../../server/auth/auth.ts';
import { LAST_OWNER, type Store } from '../../server/data/store.ts';
import type { Role } from '../../shared/roles.ts';
import type { Account } from '../../shared/schemas/account.ts';

const PASSWORD = 'correct horse battery';

/**
 * What every `Store` must do with console accounts (`store.consoleAccounts`), with accounts and
 * sessions made by better-auth over the same store's `authDatabase`, as the server makes them.
 * `makeStore` must return an empty, migrated store; the suite closes it after each test.
 */
export function runConsoleAccountsContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract, console accounts: ${name}`, () => {
    let store: Store;
    let auth: ConsoleAuth;
    beforeEach(async () => {
      store = await makeStore();
      auth = consoleAuth({ database: store.authDatabase, secret: 'contract-secret-0123456789-0123456789', log: () => {} })(false);
    });
    afterEach(async () => {
      await store.close();
    });

    const make = (role: Role, email = `${role}@example.com`, name?: string) => createAccount(auth, { email, password: PASSWORD, role, name });
    const sessionsOf = async (userId: string) => (await (await auth.$context).internalAdapter.listSessions(userId)).length;
    const signIn = async (account: Account) => (await auth.$context).internalAdapter.createSession(account.id);
    const at = new Date('2026-03-01T09:00:00Z');

    it('lists accounts oldest first with their role and disabled flag', async () => {
      const owner = await make('owner', 'owner@example.com', 'Owner');
      const cs = await make('cs', 'cs@example.com', 'Aiko');
      expect(await store.consoleAccounts.list()).toEqual([
        { id: owner.id, email: 'owner@example.com', name: 'Owner', role: 'owner', disabled: false, createdAt: owner.createdAt },
        { id: cs.id, email: 'cs@example.com', name: 'Aiko', role: 'cs', disabled: false, createdAt: cs.createdAt },
      ]);
      expect(await store.consoleAccounts.listRemoved()).toEqual([]);
    });

    it('changes a role, and disabling ends every session of that account only', async () => {
      await make('owner');
      const cs = await make('cs');
      const other = await make('product');
      await signIn(cs);
      await signIn(cs);
      await signIn(other);

      expect(await store.consoleAccounts.update(cs.id, { role: 'admin' }, at)).toMatchObject({ id: cs.id, role: 'admin', disabled: false });
      expect(await sessionsOf(cs.id)).toBe(2);

      expect(await store.consoleAccounts.update(cs.id, { disabled: true }, at)).toMatchObject({ role: 'admin', disabled: true });
      expect(await sessionsOf(cs.id)).toBe(0);
      expect(await sessionsOf(other.id)).toBe(1);
      expect((await store.consoleAccounts.list()).find((a) => a.id === cs.id)?.disabled).toBe(true);

      expect(await store.consoleAccounts.update(cs.id, { disabled: false }, at)).toMatchObject({ disabled: false });
    });

    it('answers null for an unknown account', async () => {
      expect(await store.consoleAccounts.update('nobody', { role: 'cs' }, at)).toBeNull();
      expect(await store.consoleAccounts.remove('nobody', 'owner@example.com', at)).toBeNull();
    });

    it('tells enabled accounts by e-mail', async () => {
      const cs = await make('cs', 'aiko@example.com');
      expect(await store.consoleAccounts.isEnabled('aiko@example.com')).toBe(true);
      expect(await store.consoleAccounts.isEnabled('someone@example.com')).toBe(false);
      await store.consoleAccounts.update(cs.id, { disabled: true }, at);
      expect(await store.consoleAccounts.isEnabled('aiko@example.com')).toBe(false);
    });

    it('removes an account with its sessions and keeps who it was, by whom and when', async () => {
      await make('owner');
      const cs = await make('cs', 'taro@example.com', 'Taro Yamada');
      await signIn(cs);
      const removed = { id: cs.id, email: 'taro@example.com', name: 'Taro Yamada', removedAt: at.toISOString(), removedBy: 'owner@example.com' };
      expect(await store.consoleAccounts.remove(cs.id, 'owner@example.com', at)).toEqual(removed);
      expect(await sessionsOf(cs.id)).toBe(0);
      expect((await store.consoleAccounts.list()).map((a) => a.email)).toEqual(['owner@example.com']);
      expect(await store.consoleAccounts.isEnabled('taro@example.com')).toBe(false);
      expect(await (await auth.$context).internalAdapter.findUserByEmail('taro@example.com')).toBeNull();

      const later = await make('cs', 'hana@example.com', 'Hana');
      await store.consoleAccounts.remove(later.id, 'owner@example.com', new Date(at.getTime() + 1000));
      expect((await store.consoleAccounts.listRemoved()).map((r) => r.name)).toEqual(['Hana', 'Taro Yamada']);
    });

    it('never leaves no enabled owner: the last one is neither demoted, disabled nor removed', async () => {
      const owner = await make('owner');
      const disabledOwner = await make('owner', 'former@example.com');
      await store.consoleAccounts.update(disabledOwner.id, { disabled: true }, at);

      expect(await store.consoleAccounts.update(owner.id, { role: 'admin' }, at)).toBe(LAST_OWNER);
      expect(await store.consoleAccounts.update(owner.id, { disabled: true }, at)).toBe(LAST_OWNER);
      expect(await store.consoleAccounts.remove(owner.id, 'x', at)).toBe(LAST_OWNER);
      expect((await store.consoleAccounts.list()).find((a) => a.id === owner.id)).toMatchObject({ role: 'owner', disabled: false });
      expect(await store.consoleAccounts.listRemoved()).toEqual([]);

      // Setting what it already is, or changing a disabled owner, takes no owner away.
      expect(await store.consoleAccounts.update(owner.id, { role: 'owner', disabled: false }, at)).toMatchObject({ role: 'owner' });
      expect(await store.consoleAccounts.update(disabledOwner.id, { role: 'cs' }, at)).toMatchObject({ role: 'cs' });
    });

    it('lets one of two owners go, but of two owners demoting each other at once exactly one succeeds', async () => {
      const a = await make('owner', 'a@example.com');
      const b = await make('owner', 'b@example.com');
      const results = await Promise.all([store.consoleAccounts.update(a.id, { role: 'cs' }, at), store.consoleAccounts.update(b.id, { role: 'cs' }, at)]);
      expect(results.filter((r) => r === LAST_OWNER)).toHaveLength(1);
      expect((await store.consoleAccounts.list()).filter((x) => x.role === 'owner' && !x.disabled)).toHaveLength(1);

      const c = await make('owner', 'c@example.com');
      const owners = (await store.consoleAccounts.list()).filter((x) => x.role === 'owner').map((x) => x.id);
      const removals = await Promise.all(owners.map((id) => store.consoleAccounts.remove(id, 'x', at)));
      expect(removals.filter((r) => r === LAST_OWNER)).toHaveLength(1);
      expect((await store.consoleAccounts.list()).filter((x) => x.role === 'owner')).toHaveLength(1);
      expect(owners).toContain(c.id);
    });
  });
}
