import { computed, signal } from '@preact/signals';
import { can, type Permission } from '../../shared/roles.ts';
import type { Me } from '../../shared/schemas/account.ts';
import { ADMIN, ApiError, configureApi, request } from '../api.ts';

/** Who is signed in: undefined while asking the server, null when nobody is. */
export const me = signal<Me | null | undefined>(undefined);

/** Whether the signed-in role may change things in `area`; the console hides what it may not. */
export const allowed = (area: Permission) => !!me.value && can(me.value.role, area);

/** What "me" is called as a follow-up assignee: the account's e-mail; null for the admin token, which is no account and cannot be assigned. */
export const myAssignee = computed(() => me.value?.email ?? null);

// Any admin request answering 401 means the session ended: back to the login page.
configureApi({ onUnauthorized: () => (me.value = null) });

/** Asks the server who we are; a 401 means nobody. */
export async function loadSession(): Promise<void> {
  try {
    me.value = await request<Me>('GET', `${ADMIN}/me`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) me.value = null;
    else throw error;
  }
}

/** Signs in (the server sets an HttpOnly session cookie), then loads who we are. Throws ApiError (401, 429). */
export async function signIn(email: string, password: string): Promise<void> {
  await request('POST', '/api/auth/sign-in/email', { email, password });
  await loadSession();
}

export async function signOut(): Promise<void> {
  await request('POST', '/api/auth/sign-out', {});
  me.value = null;
}
