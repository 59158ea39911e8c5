import type { EntityManager } from '@mikro-orm/postgresql';
import { instructionEventTypes, recordInstructionEvent, systemActor } from '../events/instruction-events.ts';

/**
 * Raises `instruction.overdue` once per executor and due date: one UPDATE … RETURNING marks the
 * executors that just became overdue, so two sweeps running at once never raise the same fact
 * twice (the second finds the rows already marked). An extension gives a new due date, which can
 * become overdue again. Call it periodically (and from tests) with today's civil date.
 */
export async function sweepOverdueInstructions(em: EntityManager, today: string): Promise<number> {
  return em.transactional(async (tx) => {
    const rows = await tx.execute<{ instruction_id: string; organization_id: string; due_date: string }[]>(
      `update instruction_executor e set overdue_notified_for = e.due_date
         from instruction i
        where i.id = e.instruction_id and i.control_state <> 'EXECUTED' and e.state <> 'FINAL_ACCEPTED'
          and e.due_date < ?::date and e.overdue_notified_for is distinct from e.due_date
       returning e.instruction_id, e.organization_id, to_char(e.due_date, 'YYYY-MM-DD') as due_date`,
      [today],
    );
    for (const row of rows) {
      recordInstructionEvent(tx, instructionEventTypes.overdue, {
        instructionId: row.instruction_id,
        organizationId: row.organization_id,
        dueDate: row.due_date,
        detectedOn: today,
        actor: systemActor,
      });
    }
    return rows.length;
  });
}
