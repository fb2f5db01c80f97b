import type { ApiError } from '../api.ts';
import { t, type Messages } from '../i18n/index.ts';

/** What to tell the person about a failed request, in their language where we know the case. */
export function errorText(error: ApiError, m: Messages): string {
  if (error.code === 'network') return m.errors.network;
  if (error.code === 'forbidden') return m.errors.forbidden;
  if (error.code === 'csrf_failed') return m.errors.csrf;
  if (error.code === 'last_owner') return m.users.lastOwner;
  if (error.code === 'account_disabled') return m.login.disabled;
  // Whole minutes, rounded up: the wait after repeated failed sign-ins grows up to an hour.
  if (error.status === 429) return m.errors.rateLimited(Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)));
  if (error.issues.length > 0) return m.errors.fields;
  return error.message;
}

/** A failed request, announced as it appears. */
export function ErrorAlert({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <p class="alert" role="alert">
      {errorText(error, t.value)}
    </p>
  );
}
