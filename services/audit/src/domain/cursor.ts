import { badUserInput } from '@bakylau/platform/errors';

/** Largest page a client may ask for (no unbounded lists). */
export const maxPageSize = 100;

/** Checks `first` (1..100); the schema default covers a missing one. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > maxPageSize) {
    throw badUserInput(`first must be between 1 and ${maxPageSize}`, [{ field: 'first', message: `between 1 and ${maxPageSize}` }]);
  }
  return size;
}

export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** Decodes an opaque cursor made by encodeCursor with `arity` parts; a forged one is BAD_USER_INPUT. */
export function decodeCursor(cursor: string | null | undefined, arity: number): (string | number)[] | null {
  if (cursor === null || cursor === undefined) return null;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  if (!Array.isArray(parts) || parts.length !== arity || !parts.every((p) => typeof p === 'string' || typeof p === 'number')) {
    throw badUserInput('after is not a cursor from this list', [{ field: 'after', message: 'unknown cursor' }]);
  }
  return parts as (string | number)[];
}

/** A page of nodes as a Relay connection; `nodes` holds up to first + 1 items (the extra one only says "more"). */
export type Connection<T> = { edges: { cursor: string; node: T }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

export function toConnection<T>(nodes: T[], first: number, cursorOf: (node: T) => string): Connection<T> {
  const page = nodes.slice(0, first);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return { edges, pageInfo: { hasNextPage: nodes.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
