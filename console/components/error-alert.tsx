import type { ApiError } from '../api.ts';
import { t, type Messages } from '../i18n/index.ts';

/** What to tell the person about a failed request, in their language where we know the case. */
export function errorText(error: ApiError, m: Messages): string {
  if (error.code === 'network') return m.errors.network;
  if (error.code === 'forbidden') return m.errors.forbidden;
  if (error.code === 'csrf_failed') return m.errors.csrf;
  if (error.status === 429) return m.errors.rateLimited;
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
