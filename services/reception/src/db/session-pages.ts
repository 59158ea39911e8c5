import type { EntityManager } from '@mikro-orm/postgresql';
import { ReceptionSession } from './entities.ts';
import type { KeysetCursor } from './pagination.ts';

/** The column a nested list of sessions hangs from: an official's sessions or a plan's. */
export type SessionParent = 'official_id' | 'plan_id';

/**
 * Up to `limit` sessions of each parent in start order (starts_at, id), after the cursor: one
 * query for a whole page of parents, each parent cut to its own first rows by a window function.
 * The cursor is a keyset on (starts_at, id), so it means the same for every parent.
 */
export async function sessionPagesOf(
  em: EntityManager,
  parent: SessionParent,
  parentIds: readonly string[],
  after: KeysetCursor | null,
  limit: number,
): Promise<Map<string, ReceptionSession[]>> {
  const pages = new Map<string, ReceptionSession[]>(parentIds.map((id) => [id, []]));
  if (parentIds.length === 0) return pages;
  const params: unknown[] = [...parentIds];
  let afterCursor = '';
  if (after) {
    afterCursor = 'and (s.starts_at, s.id) > (?::timestamptz, ?::uuid)';
    params.push(after.value, after.id);
  }
  params.push(limit);
  const rows = await em.execute<Record<string, unknown>[]>(
    `select s.* from reception_session s
       join (select id, row_number() over (partition by ${parent} order by starts_at, id) as position
               from reception_session s
              where s.${parent} in (${parentIds.map(() => '?').join(', ')}) ${afterCursor}) p on p.id = s.id
      where p.position <= ?
      order by s.starts_at, s.id`,
    params,
  );
  for (const row of rows) {
    const session = em.map(ReceptionSession, row);
    const key = parent === 'official_id' ? session.officialId : session.planId;
    if (key) pages.get(key)?.push(session);
  }
  return pages;
}
