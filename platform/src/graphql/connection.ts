import { badUserInput } from '../errors.ts';

/** Largest page a client may ask for: no list in the graph is unbounded. */
export const maxPageSize = 100;

/** Checks `first` (1..100), or takes `fallback` when the client gave none; else BAD_USER_INPUT. */
export function pageSize(first: number | null | undefined, fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > maxPageSize) {
    throw badUserInput(`first must be between 1 and ${maxPageSize}`, [{ field: 'first', message: `must be between 1 and ${maxPageSize}` }]);
  }
  return size;
}

/** Opaque cursors: base64url of a JSON array of the sort key, so clients never depend on their content. */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor with `arity` parts; a forged one is BAD_USER_INPUT. */
export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  let parts: unknown = null;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // reported below as a typed error
  }
  if (!Array.isArray(parts) || parts.length !== arity || !parts.every((p) => typeof p === 'string' || typeof p === 'number')) {
    throw badUserInput('Invalid cursor', [{ field: 'after', message: 'is not a cursor of this list' }]);
  }
  return parts;
}

/** A Relay connection page. */
export type Connection<T> = { edges: { cursor: string; node: T }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/** Builds a page from up to `size + 1` rows: the extra row only says that there is more. */
export function toConnection<T>(rows: T[], size: number, cursorOf: (row: T) => string): Connection<T> {
  const edges = rows.slice(0, size).map((node) => ({ cursor: cursorOf(node), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
}
