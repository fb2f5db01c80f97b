import type { ApiError } from '../api.ts';
import { ErrorAlert } from './error-alert.tsx';

/** How the last save went: the error (what was typed stays in the form), or a short confirmation. */
export function SaveStatus({ error, saved }: { error: ApiError | null; saved: string | null }) {
  if (error) return <ErrorAlert error={error} />;
  return (
    <p role="status" class="ok-text">
      {saved ?? ''}
    </p>
  );
}
