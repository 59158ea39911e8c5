import type { EntityManager } from '@mikro-orm/postgresql';
import type { CloudEvent } from '@bakylau/platform/events/cloud-event';
import { isSealedText, openSealedText } from '@bakylau/platform/events/sealed-text';
import { Appeal } from '../db/entities.ts';
import { referenceStatus } from './appeal-input.ts';
import { systemActor } from '../events/appeals-events.ts';
import { registerInTransaction, systemAcceptor } from './register-appeal.ts';
import type { UseCaseDeps } from './use-case-deps.ts';

/** What reception produces: the summary sealed. */
export const appealRequestedType = 'kz.bakylau.reception.appeal-requested.v2';
/** What it produced before (the summary in plain); still on the topic's history. */
export const appealRequestedV1Type = 'kz.bakylau.reception.appeal-requested.v1';

type AppealRequested = {
  appointmentId: string;
  organizationId?: string | null;
  officialId?: string | null;
  /** v2, since the official's scope: the account of the official who received the citizen. */
  officialSubject?: string | null;
  citizenSubject?: string | null;
  applicantName?: string | null;
  /** v1 */
  summary?: string | null;
  /** v2 */
  sealedSummary?: unknown;
  categoryId?: string | null;
  districtId?: string | null;
};

/**
 * The summary of either version. Sealed text that does not open (a key missing from this service's
 * EVENT_SEALING_KEYS, tampering) throws: the event is retried rather than the appeal registered without its substance.
 */
function summaryOf(event: CloudEvent, data: AppealRequested, deps: Pick<UseCaseDeps, 'sealingKeys'>): string | null {
  if (event.type === appealRequestedV1Type) return data.summary ?? null;
  return isSealedText(data.sealedSummary) ? openSealedText(data.sealedSummary, deps.sealingKeys) : null;
}

/** The id if it names an existing active row, else null: a stale reference from another service must not block registration. */
async function known(em: EntityManager, entity: 'category' | 'district' | 'organization', id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  return (await referenceStatus(em, entity, id)) === 'active' ? id : null;
}

/**
 * Registers the appeal a citizen gave at a personal reception (channel PERSONAL_RECEPTION),
 * once per appointment: a redelivered or repeated request finds the appeal already there.
 */
export async function handleAppealRequested(em: EntityManager, event: CloudEvent, deps: Omit<UseCaseDeps, 'em' | 'principal' | 'trace'>): Promise<void> {
  if (event.type !== appealRequestedType && event.type !== appealRequestedV1Type) return;
  const data = event.data as AppealRequested;
  if (!data.appointmentId) return;
  const existing = await em.findOne(Appeal, { sourceAppointmentId: data.appointmentId });
  if (existing) return;
  const summary = summaryOf(event, data, deps)?.trim() || 'Обращение на личном приёме';
  const receivedAt = new Date(event.time);
  await registerInTransaction(
    em,
    { ...deps, em, principal: null, trace: { 'x-correlation-id': event.id } },
    {
      kind: 'APPLICATION',
      channel: 'PERSONAL_RECEPTION',
      // A reception event can only be as late as now; a skewed clock must not make it "future".
      receivedAt: Number.isNaN(receivedAt.getTime()) || receivedAt > deps.now() ? null : receivedAt,
      applicant: { type: 'INDIVIDUAL', name: data.applicantName?.trim() || 'Заявитель на личном приёме' },
      summary: summary.slice(0, 500),
      // The oral appeal is written up in a protocol at the reception; its text is the summary here.
      text: summary,
      categoryId: await known(em, 'category', data.categoryId),
      districtId: await known(em, 'district', data.districtId),
      addresseeId: await known(em, 'organization', data.organizationId),
      applicantSubject: data.citizenSubject ?? null,
      sourceAppointmentId: data.appointmentId,
      receptionOfficialSubject: data.officialSubject ?? null,
      acceptedBy: systemAcceptor('PERSONAL_RECEPTION'),
    },
    systemActor,
  );
}
