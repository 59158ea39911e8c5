import type { EntityManager } from '@mikro-orm/postgresql';
import { civilDateInKazakhstan, isCivilDate } from '@bakylau/platform/calendar/index';
import type { CloudEvent } from '@bakylau/platform/events/cloud-event';
import { isUuid } from '@bakylau/platform/ids';

/** The instruction events the read model follows (schema/events/data/kz.bakylau.instruction.*.json). */
export const instructionFactTypes = {
  issued: 'kz.bakylau.instruction.issued.v1',
  extended: 'kz.bakylau.instruction.extended.v2',
  /** Retired (the reason in plain), still on the topic's history; the read model needs only its dates. */
  extendedV1: 'kz.bakylau.instruction.extended.v1',
  reportAccepted: 'kz.bakylau.instruction.report-accepted.v1',
  removedFromControl: 'kz.bakylau.instruction.removed-from-control.v1',
  overdue: 'kz.bakylau.instruction.overdue.v1',
} as const;

type Data = Record<string, unknown>;

const text = (data: Data, key: string): string | null => (typeof data[key] === 'string' && data[key] !== '' ? data[key] : null);
const uuid = (data: Data, key: string): string | null => {
  const value = text(data, key);
  return value && isUuid(value) ? value : null;
};
const day = (data: Data, key: string): string | null => {
  const value = text(data, key);
  return value && isCivilDate(value) ? value : null;
};
const instant = (data: Data, key: string): Date | null => {
  const value = text(data, key);
  const at = value ? new Date(value) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
};
const executorsOf = (data: Data): Data[] => (Array.isArray(data['executors']) ? data['executors'].filter((e): e is Data => !!e && typeof e === 'object') : []);

/**
 * Keeps the instruction read model of the semi-annual report from the instructions topic. Every
 * statement is an upsert or an update to a value the event states, so applying an event again
 * changes nothing (the inbox skips redeliveries anyway). Events of one instruction arrive in
 * order (the key is the instruction id), so `issued` comes first; a later event of an
 * instruction the model does not have (issued before this consumer existed) updates no row.
 * Malformed data is ignored rather than blocking the partition: the producer validates its contracts.
 */
export async function handleInstructionFact(em: EntityManager, event: CloudEvent): Promise<void> {
  const data = (event.data && typeof event.data === 'object' ? event.data : {}) as Data;
  const instructionId = uuid(data, 'instructionId');
  if (!instructionId) return;
  const now = new Date();
  switch (event.type) {
    case instructionFactTypes.issued: {
      const number = text(data, 'number');
      const issuerLevel = text(data, 'issuerLevel');
      const issuedAt = instant(data, 'issuedAt');
      const executors = executorsOf(data).flatMap((e) => {
        const organizationId = uuid(e, 'organizationId');
        const dueDate = day(e, 'dueDate');
        return organizationId && dueDate ? [{ organizationId, dueDate }] : [];
      });
      if (!number || !issuerLevel || !issuedAt || !executors.length) return;
      await em.execute(
        `insert into instruction_fact (instruction_id, number, issuer_level, issued_at, updated_at) values (?, ?, ?, ?, ?) on conflict (instruction_id) do nothing`,
        [instructionId, number, issuerLevel, issuedAt.toISOString(), now.toISOString()],
      );
      await em.execute(
        `insert into instruction_fact_executor (instruction_id, organization_id, due_date) values ${executors.map(() => '(?, ?, ?::date)').join(', ')}
         on conflict (instruction_id, organization_id) do nothing`,
        executors.flatMap((e) => [instructionId, e.organizationId, e.dueDate]),
      );
      return;
    }
    case instructionFactTypes.extended:
    case instructionFactTypes.extendedV1: {
      const organizationId = uuid(data, 'organizationId');
      const dueDate = day(data, 'newDueDate');
      if (!organizationId || !dueDate) return;
      await em.execute('update instruction_fact_executor set due_date = ?::date where instruction_id = ? and organization_id = ?', [
        dueDate,
        instructionId,
        organizationId,
      ]);
      return;
    }
    case instructionFactTypes.reportAccepted: {
      const organizationId = uuid(data, 'organizationId');
      const reviewedAt = instant(data, 'reviewedAt');
      // An accepted final report means the executor has executed the instruction (interim ones report progress).
      if (data['kind'] !== 'FINAL' || !organizationId || !reviewedAt) return;
      await em.execute('update instruction_fact_executor set executed_on = coalesce(executed_on, ?::date) where instruction_id = ? and organization_id = ?', [
        civilDateInKazakhstan(reviewedAt),
        instructionId,
        organizationId,
      ]);
      return;
    }
    case instructionFactTypes.removedFromControl: {
      const removedAt = instant(data, 'removedAt');
      if (!removedAt) return;
      await em.execute('update instruction_fact set removed_at = ?, updated_at = ? where instruction_id = ?', [
        removedAt.toISOString(),
        now.toISOString(),
        instructionId,
      ]);
      // The event states each executor's due date and day of execution: they are the final word.
      for (const executor of executorsOf(data)) {
        const organizationId = uuid(executor, 'organizationId');
        const dueDate = day(executor, 'dueDate');
        const executedOn = day(executor, 'executedOn');
        if (!organizationId || !dueDate || !executedOn) continue;
        await em.execute('update instruction_fact_executor set due_date = ?::date, executed_on = ?::date where instruction_id = ? and organization_id = ?', [
          dueDate,
          executedOn,
          instructionId,
          organizationId,
        ]);
      }
      return;
    }
    case instructionFactTypes.overdue: {
      const organizationId = uuid(data, 'organizationId');
      const dueDate = day(data, 'dueDate');
      if (!organizationId || !dueDate) return;
      await em.execute('update instruction_fact_executor set overdue_due_date = ?::date where instruction_id = ? and organization_id = ?', [
        dueDate,
        instructionId,
        organizationId,
      ]);
      return;
    }
  }
}
