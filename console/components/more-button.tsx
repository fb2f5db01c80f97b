import type { ApiError } from '../api.ts';
import { t } from '../i18n/index.ts';
import { ErrorAlert } from './error-alert.tsx';

interface MoreState {
  data?: { nextCursor: string | null } | undefined;
  more(): void;
  loadingMore: boolean;
  moreError: ApiError | null;
}

/** "Load more" under a cursor-paginated list, while there is more. */
export function MoreButton({ state }: { state: MoreState }) {
  if (!state.data?.nextCursor) return null;
  return (
    <div class="more">
      <ErrorAlert error={state.moreError} />
      <button type="button" onClick={state.more} disabled={state.loadingMore}>
        {state.loadingMore ? t.value.common.loading : t.value.common.loadMore}
      </button>
    </div>
  );
}
