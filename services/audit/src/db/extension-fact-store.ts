import { randomUUID } from 'node:crypto';
import type { CivilDate } from '@bakylau/platform/calendar/index';
import type { EntityManager } from '@bakylau/platform/db/orm';

export type OpenExtension = { id: string; appealId: string; organizationId: string; extensionEventId: string; noticeDeadline: CivilDate };

/** Remembers an extension until its notice arrives or its notice term ends (idempotent per event). */
export async function recordExtensionFact(
  em: EntityManager,
  fact: { extensionEventId: string; appealId: string; organizationId: string; extendedAt: Date; noticeDeadline: CivilDate },
): Promise<void> {
  await em.execute(
    `insert into extension_fact (id, extension_event_id, appeal_id, organization_id, extended_at, notice_deadline)
     values (?, ?, ?, ?, ?, ?::date) on conflict (extension_event_id) do nothing`,
    [randomUUID(), fact.extensionEventId, fact.appealId, fact.organizationId, fact.extendedAt, fact.noticeDeadline],
  );
}

const openColumns = `id, appeal_id, organization_id, extension_event_id, to_char(notice_deadline, 'YYYY-MM-DD') as notice_deadline`;
type OpenRow = { id: string; appeal_id: string; organization_id: string; extension_event_id: string; notice_deadline: string };
const toOpen = (row: OpenRow): OpenExtension => ({
  id: row.id,
  appealId: row.appeal_id,
  organizationId: row.organization_id,
  extensionEventId: row.extension_event_id,
  noticeDeadline: row.notice_deadline,
});

/** Marks the appeal's extensions as noticed; returns those not yet evaluated, to check the notice was in time. */
export async function markExtensionsNoticed(em: EntityManager, appealId: string, noticedAt: Date): Promise<OpenExtension[]> {
  const rows = await em.execute<OpenRow[]>(
    `update extension_fact set noticed_at = ? where appeal_id = ? and noticed_at is null
     returning ${openColumns}, evaluated_at`,
    [noticedAt, appealId],
  );
  return (rows as (OpenRow & { evaluated_at: Date | null })[]).filter((row) => row.evaluated_at === null).map(toOpen);
}

/**
 * Extensions with no notice whose term ended before `today`, locked for this sweep; rows another
 * sweep holds are skipped, not waited for.
 */
export async function overdueUnnoticedExtensions(em: EntityManager, today: CivilDate, limit: number): Promise<OpenExtension[]> {
  const rows = await em.execute<OpenRow[]>(
    `select ${openColumns} from extension_fact
      where noticed_at is null and evaluated_at is null and notice_deadline < ?::date
      order by notice_deadline limit ? for update skip locked`,
    [today, limit],
  );
  return rows.map(toOpen);
}

export async function markExtensionsEvaluated(em: EntityManager, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await em.execute(`update extension_fact set evaluated_at = ? where id in (${ids.map(() => '?').join(', ')})`, [at, ...ids]);
}
