import { badUserInput } from '@bakylau/platform/errors';
import { decodeCursor, encodeCursor, pageSize, toConnection as connectionOf, type Connection } from '@bakylau/platform/graphql/connection';

export type { Connection };

/** A keyset position: the sort value of the last row seen and its id (the tiebreaker). */
export type KeysetCursor = { value: string; id: string };

/** Validates Relay arguments; `first` is 1..100 so no list is unbounded. */
export function pageArgs(first: number | null | undefined, after: string | null | undefined): { limit: number; after: KeysetCursor | null } {
  const limit = pageSize(first);
  if (!after) return { limit, after: null };
  const [value, id] = decodeCursor(after, 2).map(String);
  return { limit, after: { value: value ?? '', id: id ?? '' } };
}

/** Turns `limit + 1` fetched rows into a page whose cursors carry (sort value, id). */
export function toConnection<T extends { id: string }>(rows: T[], limit: number, sortValue: (row: T) => string): Connection<T> {
  return connectionOf(rows, limit, (node) => encodeCursor([sortValue(node), node.id]));
}

/**
 * The MikroORM condition "after the cursor" for a sort on `field` then `id`.
 * Date sort values travel as ISO strings and are turned back into Dates here.
 */
export function afterCondition(field: string, direction: 'asc' | 'desc', cursor: KeysetCursor | null, isDate: boolean): Record<string, unknown> {
  if (!cursor) return {};
  const value: unknown = isDate ? new Date(cursor.value) : cursor.value;
  if (isDate && Number.isNaN((value as Date).getTime()))
    throw badUserInput('after is not a cursor of this list', [{ field: 'after', message: 'is not a valid cursor' }]);
  const op = direction === 'asc' ? '$gt' : '$lt';
  return { $or: [{ [field]: { [op]: value } }, { [field]: value, id: { [op]: cursor.id } }] };
}
