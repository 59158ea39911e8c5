import type { EntityManager } from '@mikro-orm/postgresql';
import { requireRole } from '@bakylau/platform/auth/principal';
import { overdueAppealSql } from '@bakylau/platform/law/appeal-predicates';
import { recordAppealsEvent, systemActor } from '../events/appeals-events.ts';
import { actorOf, todayOf, type UseCaseDeps } from './use-case-deps.ts';
import type { Actor } from '@bakylau/platform/events/cloud-event';

/**
 * Raises `appeal.overdue` once for each open appeal past its due date. Marking and recording
 * happen in one statement each inside one transaction; `for update skip locked` lets two runs
 * (two replicas, a manual run during the scheduled one) never raise the same event twice.
 * Returns how many appeals became overdue.
 */
export async function raiseOverdueEvents(em: EntityManager, today: string, now: Date, actor: Actor = systemActor): Promise<number> {
  return em.transactional(async (tx) => {
    const rows = await tx.execute<{ id: string; organization_id: string | null; due_date: string }[]>(
      `update appeal set overdue_notified_at = ? where id in (
         select id from appeal where ${overdueAppealSql({ state: 'state', dueDate: 'due_date', today: '?::date' })} and overdue_notified_at is null
         order by due_date limit 500 for update skip locked)
       returning id, organization_id, to_char(due_date, 'YYYY-MM-DD') as due_date`,
      [now.toISOString(), today],
    );
    for (const row of rows) {
      recordAppealsEvent(tx, 'kz.bakylau.appeal.overdue.v1', row.id, { appealId: row.id, organizationId: row.organization_id, dueDate: row.due_date }, actor);
    }
    return rows.length;
  });
}

/** A controller (or a scheduler with a service token) runs the overdue check on demand. */
export async function detectOverdueAppeals(deps: UseCaseDeps): Promise<number> {
  const principal = requireRole(deps.principal, 'controller', 'department_head', 'admin');
  return raiseOverdueEvents(deps.em, todayOf(deps), deps.now(), actorOf(principal));
}
