import type { EntityManager } from '@mikro-orm/postgresql';
import { notOverdueAppealSql, overdueAppealSql } from '@bakylau/platform/law/appeal-predicates';
import type { AppealState } from '../domain/appeal-lifecycle.ts';
import type { AppealChannel, AppealKind, AppealOutcome, ApplicantType } from '../domain/appeal-kinds.ts';
import type { AppealListFilter } from '../domain/appeal-filter.ts';
import type { RegistryEntry } from '../domain/registry-export.ts';
import type { AppealScope } from '../use-cases/appeal-access.ts';
import { decodeCursor, encodeCursor, toConnection, type Connection } from '@bakylau/platform/graphql/connection';
import { Appeal } from './entities.ts';
import { scopeMatch, textMatch, type SearchReach } from './search-queries.ts';

export type { AppealListFilter };

/** What selects the registry's rows: the filter in the caller's scope, as of `today` (for overdue). */
export type RegistryQuery = { filter: AppealListFilter; scope: AppealScope; today: string; textReach?: SearchReach };

/** The WHERE conditions (on `appeal a`) and their parameters of a registry query, written so the appeal table's indexes serve them. */
export function registryConditions(input: RegistryQuery): { where: string[]; params: unknown[] } {
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
    where.push(overdueAppealSql({ state: 'a.state', dueDate: 'a.due_date', today: '?' }));
    params.push(input.today);
  } else if (filter.overdue === false) {
    where.push(notOverdueAppealSql({ state: 'a.state', dueDate: 'a.due_date', today: '?' }));
    params.push(input.today);
  }
  // A literal, not a parameter: the planner matches it to the partial index appeal_akim_control.
  if (filter.underAkimControl === true) where.push('a.under_akim_control');
  else if (filter.underAkimControl === false) where.push('not a.under_akim_control');
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
  if (filter.dueFrom) {
    where.push('a.due_date >= ?');
    params.push(filter.dueFrom);
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
  return { where, params };
}

const whereClause = (where: readonly string[]) => (where.length ? `where ${where.join(' and ')}` : '');

/** How many appeals a registry query selects. */
export async function countAppeals(em: EntityManager, input: RegistryQuery): Promise<number> {
  const { where, params } = registryConditions(input);
  const rows = await em.execute<{ count: string }[]>(`select count(*) as count from appeal a ${whereClause(where)}`, params);
  return Number(rows[0]?.count ?? 0);
}

/**
 * The registry page, newest first, keyset-paginated on (registered_at, id): one query for the ids
 * of the page, one for the rows, one for the count.
 */
export async function listAppeals(
  em: EntityManager,
  input: RegistryQuery & { first: number; after?: string | null },
): Promise<Connection<Appeal> & { totalCount: number }> {
  const { where, params } = registryConditions(input);
  const pageWhere = [...where];
  const pageParams = [...params];
  if (input.after) {
    const [registeredAt, id] = decodeCursor(input.after, 2);
    pageWhere.push('(a.registered_at, a.id) < (?::timestamptz, ?::uuid)');
    pageParams.push(registeredAt, id);
  }
  const [idRows, totalCount] = await Promise.all([
    em.execute<{ id: string }[]>(
      `select a.id from appeal a ${whereClause(pageWhere)} order by a.registered_at desc, a.id desc limit ${input.first + 1}`,
      pageParams,
    ),
    countAppeals(em, input),
  ]);
  const ids = idRows.map((r) => r.id);
  const rows = ids.length ? await em.find(Appeal, { id: { $in: ids } }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = ids.map((id) => byId.get(id)).filter((row): row is Appeal => !!row);
  return {
    ...toConnection(ordered, input.first, (row) => encodeCursor([row.registeredAt.toISOString(), row.id])),
    totalCount,
  };
}

/**
 * One line of the registry export as read: the entry of domain/registry-export.ts with its
 * directory ids still unresolved, and the keyset position of the next page.
 */
export type RegistryRecord = Omit<RegistryEntry, 'category' | 'district' | 'executor'> & {
  id: string;
  /** The exact timestamptz as PostgreSQL prints it: the keyset position of the next page. */
  registeredKey: string;
  categoryId: string | null;
  districtId: string | null;
  organizationId: string | null;
};

type RegistryRecordRow = {
  id: string;
  registered_key: string;
  registration_number: string;
  registered_at: Date;
  channel: AppealChannel;
  kind: AppealKind;
  applicant_type: ApplicantType;
  applicant_name: string | null;
  applicant_iin: string | null;
  applicant_bin: string | null;
  applicant_phone: string | null;
  applicant_address: string | null;
  summary: string;
  category_id: string | null;
  district_id: string | null;
  organization_id: string | null;
  due_date: string;
  state: AppealState;
  closed_at: Date | null;
  final_outcome: AppealOutcome | null;
  under_akim_control: boolean;
  rework_count: number;
};

/**
 * A page of the registry export, in the registry's order, after the keyset position `after`
 * (the `registeredKey` and id of the last record of the previous page): one statement. Without
 * `personal` the personal columns are not even read: a person's name, IIN, phone and address
 * come back null (a legal entity's name is public and stays).
 */
export async function registryRecordsPage(
  em: EntityManager,
  input: RegistryQuery & { personal: boolean; after: { registeredKey: string; id: string } | null; limit: number },
): Promise<RegistryRecord[]> {
  const { where, params } = registryConditions(input);
  if (input.after) {
    where.push('(a.registered_at, a.id) < (?::timestamptz, ?::uuid)');
    params.push(input.after.registeredKey, input.after.id);
  }
  const personal = (column: string) => (input.personal ? `a.${column}` : `null`);
  const rows = await em.execute<RegistryRecordRow[]>(
    `select a.id, a.registered_at::text as registered_key, a.registration_number, a.registered_at, a.channel, a.kind, a.applicant_type,
       ${input.personal ? 'a.applicant_name' : `case when a.applicant_type = 'LEGAL_ENTITY' then a.applicant_name end`} as applicant_name,
       ${personal('applicant_iin')} as applicant_iin, a.applicant_bin, ${personal('applicant_phone')} as applicant_phone,
       ${personal('applicant_address')} as applicant_address, a.summary, a.category_id, a.district_id, a.organization_id,
       a.due_date::text as due_date, a.state, a.closed_at, a.final_outcome, a.under_akim_control, a.rework_count
     from appeal a ${whereClause(where)} order by a.registered_at desc, a.id desc limit ${input.limit}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    registeredKey: r.registered_key,
    registrationNumber: r.registration_number,
    registeredAt: new Date(r.registered_at),
    channel: r.channel,
    kind: r.kind,
    applicantType: r.applicant_type,
    applicantName: r.applicant_name,
    applicantIin: r.applicant_iin,
    applicantBin: r.applicant_bin,
    applicantPhone: r.applicant_phone,
    applicantAddress: r.applicant_address,
    summary: r.summary,
    categoryId: r.category_id,
    districtId: r.district_id,
    organizationId: r.organization_id,
    dueDate: r.due_date,
    state: r.state,
    closedAt: r.closed_at ? new Date(r.closed_at) : null,
    outcome: r.final_outcome,
    underAkimControl: r.under_akim_control,
    reworkCount: r.rework_count,
  }));
}
