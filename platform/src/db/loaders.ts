import DataLoader from 'dataloader';
import { isUuid } from '../ids.ts';

/**
 * Per-request DataLoaders over one SQL query per batch, so a page of N parents costs a constant
 * number of queries whatever N is. Create them fresh for each request (no cross-request cache).
 */

/** Rows by id; keys that are not uuids are simply not found (a malformed id never reaches SQL). */
export function loaderById<T extends { id: string }>(load: (ids: string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (keys) => {
    const ids = keys.filter(isUuid);
    const found = new Map((ids.length ? await load(ids) : []).map((row) => [row.id, row]));
    return keys.map((key) => found.get(key) ?? null);
  });
}

/** Rows grouped under the key(s) each belongs to, keeping the order `load` returns them in. */
export function loaderOfGroups<T>(load: (keys: string[]) => Promise<T[]>, keyOf: (row: T) => string | readonly string[] | null): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of await load([...keys])) {
      const rowKeys = keyOf(row);
      if (rowKeys === null) continue;
      for (const key of typeof rowKeys === 'string' ? [rowKeys] : rowKeys) groups.get(key)?.push(row);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
