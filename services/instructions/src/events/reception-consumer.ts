import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import type { CloudEvent } from '@bakylau/platform/events/cloud-event';
import { isSealedText, openSealedText } from '@bakylau/platform/events/sealed-text';
import type { ConsumerContext } from '@bakylau/platform/service-runtime';
import { Instruction } from '../db/entities.ts';
import { dueDateFromEvent } from '../domain/instruction-deadlines.ts';
import { createInstruction } from '../use-cases/instruction-records.ts';
import { systemActor } from './instruction-events.ts';

/** What reception produces: the text sealed. */
export const instructionGivenType = 'kz.bakylau.reception.instruction-given.v2';
/** What it produced before (the text in plain); still on the topic's history. */
export const instructionGivenV1Type = 'kz.bakylau.reception.instruction-given.v1';

type InstructionGiven = {
  appointmentId?: unknown;
  officialId?: unknown;
  organizationId?: unknown;
  executorOrganizationId?: unknown;
  /** v1 */
  text?: unknown;
  /** v2 */
  sealedText?: unknown;
  dueDate?: unknown;
  actor?: { subject?: unknown; role?: unknown };
};

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** The text of either version; sealed text that does not open throws, so the event is retried once the keyring is fixed. */
function textOf(event: CloudEvent, data: InstructionGiven, context: Pick<ConsumerContext, 'sealingKeys'>): string | null {
  if (event.type === instructionGivenV1Type) return str(data.text);
  return isSealedText(data.sealedText) ? str(openSealedText(data.sealedText, context.sealingKeys)) : null;
}

/**
 * An instruction given during a personal reception is put on control with issuer level
 * OFFICIAL_AT_RECEPTION and the appointment as its basis. Idempotent twice over: the inbox skips a
 * redelivered event id, and the natural key (appointment + text hash) skips the same fact
 * republished under a new id, in either version.
 */
export async function handleReceptionEvent(em: EntityManager, event: CloudEvent, context: Pick<ConsumerContext, 'sealingKeys'>): Promise<void> {
  if (event.type !== instructionGivenType && event.type !== instructionGivenV1Type) return;
  const data = (event.data ?? {}) as InstructionGiven;
  const appointmentId = str(data.appointmentId);
  const executorOrganizationId = str(data.executorOrganizationId);
  const text = textOf(event, data, context);
  if (!appointmentId || !executorOrganizationId || !text) return; // not ours to fix; reception validates its events
  const sourceKey = `reception:${appointmentId}:${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
  if ((await em.count(Instruction, { sourceKey })) > 0) return;
  const issuedAt = Number.isNaN(Date.parse(event.time)) ? new Date() : new Date(event.time);
  const issuedOn = civilDateInKazakhstan(issuedAt);
  const actorSubject = str(data.actor?.subject);
  const actorRole = str(data.actor?.role);
  await createInstruction(
    em,
    {
      number: null,
      issuerLevel: 'OFFICIAL_AT_RECEPTION',
      issuerName: 'Должностное лицо на личном приёме',
      issuerPosition: null,
      issuerOfficialId: str(data.officialId),
      text,
      appealIds: [],
      appointmentId,
      systemicIssueId: null,
      executors: [{ organizationId: executorOrganizationId, dueDate: dueDateFromEvent(data.dueDate, issuedOn) }],
      reportingPeriodDays: null,
      sourceKey,
    },
    { actor: actorSubject && actorRole ? { subject: actorSubject, role: actorRole } : systemActor, issuedAt, issuedOn },
  );
  await em.flush();
}
