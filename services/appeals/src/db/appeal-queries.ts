import type { EntityManager } from '@mikro-orm/postgresql';
import { closedStates, type AppealState } from '../domain/appeal-lifecycle.ts';
import type { AppealChannel, AppealKind } from '../domain/appeal-kinds.ts';
import type { AppealScope } from '../use-cases/appeal-access.ts';
import { decodeCursor, encodeCursor, toConnection, type Connection } from '@bakylau/platform/graphql/connection';
import { Appeal } from './entities.ts';
import { scopeMatch, textMatch, type SearchReach } from './search-queries.ts';

export type AppealListFilter = {
  state?: AppealState[] | null;
  overdue?: boolean | null;
  organizationId?: string | null;
  districtId?: string | null;
  categoryId?: string | null;
  kind?: AppealKind | null;
  channel?: AppealChannel | null;
  registeredFrom?: Date | null;
  registeredTo?: Date | null;
  dueTo?: string | null;
  /** Full-text match over summary and text (see search-queries.ts). */
  text?: string | null;
};

const closedList = closedStates.map((s) => `'${s}'`).join(', ');

/**
 * The registry page, newest first, keyset-paginated on (registered_at, id): one query for the ids
 * of the page, one for the rows, one for the count.
 */
export async function listAppeals(
  em: EntityManager,
  input: { filter: AppealListFilter; scope: AppealScope; today: string; first: number; after?: string | null; textReach?: SearchReach },
): Promise<Connection<Appeal> & { totalCount: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const { filter, scope } = input;
  const inScope = scopeMatch('a', scope);
  if (inScope) {
    where.push(inScope.sql);
    params.push(...inScope.params);
  }
  if (filter.state?.length) {
    where.push(`a.state in (${filter.state.map(() => '?').join(', ')})`);
    params.push(...filter.state);
  }
  if (filter.overdue === true) {
    where.push(`a.state not in (${closedList}) and a.due_date < ?`);
    params.push(input.today);
  } else if (filter.overdue === false) {
    where.push(`(a.state in (${closedList}) or a.due_date >= ?)`);
    params.push(input.today);
  }
  if (filter.organizationId) {
    where.push('(a.organization_id = ? or exists (select 1 from appeal_executor e2 where e2.appeal_id = a.id and e2.organization_id = ?))');
    params.push(filter.organizationId, filter.organizationId);
  }
  for (const [column, value] of [
    ['district_id', filter.districtId],
    ['category_id', filter.categoryId],
    ['kind', filter.kind],
    ['channel', filter.channel],
  ] as const) {
    if (value) {
      where.push(`a.${column} = ?`);
      params.push(value);
    }
  }
  if (filter.registeredFrom) {
    where.push('a.registered_at >= ?');
    params.push(filter.registeredFrom.toISOString());
  }
  if (filter.registeredTo) {
    where.push('a.registered_at < ?');
    params.push(filter.registeredTo.toISOString());
  }
  if (filter.dueTo) {
    where.push('a.due_date <= ?');
    params.push(filter.dueTo);
  }
  if (filter.text?.trim()) {
    const match = textMatch('a', filter.text, input.textReach ?? 'summary');
    where.push(match.sql);
    params.push(...match.params);
  }
  const filtered = where.length ? `where ${where.join(' and ')}` : '';
  const pageWhere = [...where];
  const pageParams = [...params];
  if (input.after) {
    const [registeredAt, id] = decodeCursor(input.after, 2);
    pageWhere.push('(a.registered_at, a.id) < (?::timestamptz, ?::uuid)');
    pageParams.push(registeredAt, id);
  }
  const pageFilter = pageWhere.length ? `where ${pageWhere.join(' and ')}` : '';
  const [idRows, countRows] = await Promise.all([
    em.execute<{ id: string }[]>(`select a.id from appeal a ${pageFilter} order by a.registered_at desc, a.id desc limit ${input.first + 1}`, pageParams),
    em.execute<{ count: string }[]>(`select count(*) as count from appeal a ${filtered}`, params),
  ]);
  const ids = idRows.map((r) => r.id);
  const rows = ids.length ? await em.find(Appeal, { id: { $in: ids } }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = ids.map((id) => byId.get(id)).filter((row): row is Appeal => !!row);
  return {
    ...toConnection(ordered, input.first, (row) => encodeCursor([row.registeredAt.toISOString(), row.id])),
    totalCount: Number(countRows[0]?.count ?? 0),
  };
}
