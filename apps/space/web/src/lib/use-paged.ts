import { useCallback, useEffect, useRef, useState } from 'react';

export type Loader<T> = (cursor: string | null) => Promise<{ items: T[]; next: string | null }>;

/**
 * A list read page by page through an opaque cursor (`next`): the first page on mount and whenever `loader`
 * changes, `more()` for the next; `update`, `remove` and `prepend` keep the shown list in step with actions.
 */
export function usePaged<T extends { id: string }>(loader: Loader<T>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const current = ++generation.current;
    setError(null);
    setItems(null);
    try {
      const page = await loader(null);
      if (generation.current !== current) return;
      setItems(page.items);
      setNext(page.next);
    } catch (caught) {
      if (generation.current === current) setError(caught);
    }
  }, [loader]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const more = useCallback(async () => {
    if (!next || loadingMore) return;
    const current = generation.current;
    setLoadingMore(true);
    try {
      const page = await loader(next);
      if (generation.current !== current) return;
      setItems((list) => {
        const seen = new Set((list ?? []).map((item) => item.id));
        return [...(list ?? []), ...page.items.filter((item) => !seen.has(item.id))];
      });
      setNext(page.next);
    } catch (caught) {
      if (generation.current === current) setError(caught);
    } finally {
      setLoadingMore(false);
    }
  }, [loader, next, loadingMore]);

  const update = useCallback((item: T) => {
    setItems((list) => list?.map((old) => (old.id === item.id ? item : old)) ?? list);
  }, []);
  const remove = useCallback((id: string) => {
    setItems((list) => list?.filter((old) => old.id !== id) ?? list);
  }, []);
  const prepend = useCallback((item: T) => {
    setItems((list) => [item, ...(list ?? []).filter((old) => old.id !== item.id)]);
  }, []);

  return { items, next, error, loadingMore, reload, more, update, remove, prepend };
}
