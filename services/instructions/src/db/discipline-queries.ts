// The rows behind the execution-discipline indicators (R9.2), batched for the per-request loader.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DisciplineAssignment } from '../domain/execution-discipline.ts';

export type DisciplineKey = { organizationId: string; from: string; to: string };

/** The assignments behind the indicators, for a batch of (organization, period) keys: one query per period. */
export async function loadDisciplineAssignments(em: EntityManager, keys: readonly DisciplineKey[]): Promise<DisciplineAssignment[][]> {
  const byPeriod = new Map<string, DisciplineKey[]>();
  for (const key of keys) {
    const period = `${key.from}|${key.to}`;
    byPeriod.set(period, [...(byPeriod.get(period) ?? []), key]);
  }
  const result = new Map<string, DisciplineAssignment[]>();
  for (const group of byPeriod.values()) {
    const { from, to } = group[0]!;
    const organizationIds = [...new Set(group.map((k) => k.organizationId))];
    const rows = await em.execute<{ organization_id: string; due_date: string; executed_on: string | null; return_count: number }[]>(
      `select e.organization_id, to_char(e.due_date, 'YYYY-MM-DD') as due_date, to_char(e.executed_on, 'YYYY-MM-DD') as executed_on, e.return_count
         from instruction_executor e join instruction i on i.id = e.instruction_id
        where e.organization_id in (${organizationIds.map(() => '?').join(', ')}) and i.issued_on between ?::date and ?::date`,
      [...organizationIds, from, to],
    );
    for (const id of organizationIds) result.set(`${id}|${from}|${to}`, []);
    for (const row of rows) {
      result.get(`${row.organization_id}|${from}|${to}`)?.push({ dueDate: row.due_date, executedOn: row.executed_on, returnCount: row.return_count });
    }
  }
  return keys.map((k) => result.get(`${k.organizationId}|${k.from}|${k.to}`) ?? []);
}
