import { badUserInput } from '@bakylau/platform/errors';

/** Opaque cursors: base64url of a JSON array, so clients never depend on their content. */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): (string | number)[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === length && parts.every((p) => typeof p === 'string' || typeof p === 'number')) {
      return parts as (string | number)[];
    }
  } catch {
    // fall through to the typed error
  }
  throw badUserInput('Invalid cursor', [{ field: 'after', message: 'is not a cursor of this list' }]);
}

export const maxPageSize = 100;

/** `first` within 1..100, else BAD_USER_INPUT. */
export function pageSize(first: number | null | undefined, fallback: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > maxPageSize) {
    throw badUserInput(`first must be between 1 and ${maxPageSize}`, [{ field: 'first', message: `must be between 1 and ${maxPageSize}` }]);
  }
  return size;
}

export type Page<T> = { edges: { cursor: string; node: T }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

export function toPage<T>(rows: T[], size: number, cursorOf: (row: T) => string): Page<T> {
  const nodes = rows.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
}
