import { useEffect, useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from './api.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
  /** Replaces the data with what a save answered, without asking again. */
  set(data: T): void;
}

/** Runs `load` when `deps` change (and on `reload`); an answer that arrives after a newer request is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const id = ++latest.current;
    setLoading(true);
    load().then(
      (value) => {
        if (id !== latest.current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (id !== latest.current) return;
        setError(toApiError(failure));
        setLoading(false);
      },
    );
  }, [...deps, round]);

  return { data, error, loading, reload: () => setRound((n) => n + 1), set: setData };
}

/** A cursor-paginated list as the admin API answers it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedLoad<T, P extends Page<T>> extends Loaded<P> {
  /** Fetches the page after the last one and appends its items; no-op without a next cursor. */
  more(): void;
  loadingMore: boolean;
  moreError: ApiError | null;
}

/** A cursor-paginated list: the first page when `deps` change, more on demand. */
export function usePagedLoad<T, P extends Page<T>>(load: (cursor?: string) => Promise<P>, deps: readonly unknown[]): PagedLoad<T, P> {
  const first = useLoad(() => load(), deps);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const more = () => {
    const cursor = first.data?.nextCursor;
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    load(cursor).then(
      (page) => {
        const current = first.data;
        if (current) first.set({ ...page, items: [...current.items, ...page.items] });
        setMoreError(null);
        setLoadingMore(false);
      },
      (failure: unknown) => {
        setMoreError(toApiError(failure));
        setLoadingMore(false);
      },
    );
  };
  return { ...first, more, loadingMore, moreError };
}
