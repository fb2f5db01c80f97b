import type { Account } from '../shared/schemas/account.ts';
import { admin } from './api.ts';
import { useLoad } from './use-load.ts';

export interface Assignee {
  /** What goes into a follow-up's `assignee`: the account's e-mail. */
  value: string;
  label: string;
}

/** Console accounts to pick an assignee from; none when the list cannot be read (then assignees are typed). */
export function useAssignees(): Assignee[] {
  const accounts = useLoad(() => admin.get<{ items: Account[] }>('/users'), []);
  return (accounts.data?.items ?? []).map((account) => ({ value: account.email, label: `${account.name} <${account.email}>` }));
}
