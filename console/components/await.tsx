import type { ComponentChildren } from 'preact';
import { t } from '../i18n/index.ts';
import type { Loaded } from '../use-load.ts';
import { ErrorAlert } from './error-alert.tsx';

/** What `state` has loaded, rendered by `children`; "Loading…" first, the error if it failed. */
export function Await<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (state.data === undefined) {
    return state.error ? (
      <ErrorAlert error={state.error} />
    ) : (
      <p class="muted" role="status">
        {t.value.common.loading}
      </p>
    );
  }
  return (
    <>
      <ErrorAlert error={state.error} />
      {children(state.data)}
    </>
  );
}
