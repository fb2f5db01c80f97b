import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from './api.ts';

export interface Save {
  saving: boolean;
  error: ApiError | null;
  /** The confirmation of the last successful save, until the next attempt. */
  saved: string | null;
  /** Server messages by field path (`touchpoints.0.key`), from the last failed save. */
  fieldErrors: Record<string, string>;
  /** Runs `action`; on success shows `confirmation` and returns the result, on failure keeps the error (and every field as typed). */
  run<T>(action: () => Promise<T>, confirmation?: string): Promise<T | undefined>;
}

/** The state of a form's submissions. */
export function useSave(): Save {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return {
    saving,
    error,
    saved,
    fieldErrors: error?.fieldErrors ?? {},
    async run(action, confirmation) {
      setSaving(true);
      setSaved(null);
      try {
        const result = await action();
        setError(null);
        setSaved(confirmation ?? null);
        return result;
      } catch (failure) {
        setError(toApiError(failure));
        return undefined;
      } finally {
        setSaving(false);
      }
    },
  };
}
