import type { AccountList } from '../shared/schemas/account.ts';
import { admin } from './api.ts';
import { t } from './i18n/index.ts';
import { useLoad, type Loaded } from './use-load.ts';

/** The actor follow-up history records for the admin token (server/middleware/admin-auth.ts). */
const ADMIN_TOKEN_ACTOR = 'admin-token';

export interface Person {
  /** What follow-ups store for them (`assignee`, history `actor`): the account's e-mail. */
  value: string;
  label: string;
}

export interface People {
  /** The accounts as read (`/users`), to tell why the lists are empty when that failed. */
  state: Loaded<AccountList>;
  /** Who may be assigned follow-ups: enabled accounts. */
  assignees: Person[];
  /** Everyone follow-ups may name: every account, then removed ones, each marked when disabled or removed. */
  everyone: Person[];
  /** The name to show for an e-mail that follow-ups store; the stored text itself for one nobody has. */
  nameOf(value: string): string;
}

/**
 * The console's people, by the e-mails follow-ups name them with, so an assignee or a history
 * entry shows a name, and still does once that account is disabled or removed.
 */
export function usePeople(): People {
  const state = useLoad(() => admin.get<AccountList>('/users'), []);
  return { state, ...peopleOf(state.data) };
}

/** `usePeople` over a list already read (`GET /users`); nobody has a name until it is there. */
export function peopleOf(list: AccountList | undefined): Omit<People, 'state'> {
  const m = t.value.people;
  const accounts = list?.items ?? [];
  // Removals are listed latest first: the name an e-mail had last wins, and an account made
  // again with a removed e-mail is that account.
  const removed = new Map<string, string>();
  for (const person of list?.removed ?? []) {
    if (!removed.has(person.email) && !accounts.some((a) => a.email === person.email)) removed.set(person.email, m.removed(person.name));
  }
  const names = new Map<string, string>([[ADMIN_TOKEN_ACTOR, m.adminToken], ...removed]);
  for (const account of accounts) names.set(account.email, account.disabled ? m.disabled(account.name) : account.name);
  const withEmail = (value: string) => ({ value, label: `${names.get(value)} <${value}>` });
  return {
    assignees: accounts.filter((a) => !a.disabled).map((a) => withEmail(a.email)),
    everyone: [...accounts.map((a) => withEmail(a.email)), ...[...removed.keys()].map(withEmail)],
    nameOf: (value) => names.get(value) ?? value,
  };
}
