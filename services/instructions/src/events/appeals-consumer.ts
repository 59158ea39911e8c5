import type { EntityManager } from '@mikro-orm/postgresql';
import type { CloudEvent } from '@bakylau/platform/events/cloud-event';

export const appealEventTypes = {
  closed: 'kz.bakylau.appeal.closed.v1',
  answered: 'kz.bakylau.appeal.answered.v1',
  organizationUpserted: 'kz.bakylau.organization.upserted.v1',
} as const;

type AppealsEventData = {
  appealId?: unknown;
  organizationId?: unknown;
  name?: unknown;
  kind?: unknown;
  parentId?: unknown;
  districtId?: unknown;
  active?: unknown;
};

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/**
 * From appeals: an appeal answered or closed while an instruction on it is still open sets the
 * instruction's flag (the controller decides what it means); organization upserts keep the local
 * read copy of the directory that executor checks use.
 */
export async function handleAppealsEvent(em: EntityManager, event: CloudEvent): Promise<void> {
  const data = (event.data ?? {}) as AppealsEventData;
  if (event.type === appealEventTypes.closed || event.type === appealEventTypes.answered) {
    const appealId = str(data.appealId) ?? str(event.subject);
    if (!appealId) return;
    await em.execute(
      `update instruction set basis_appeal_closed_while_open = true, version = version + 1
        where control_state <> 'EXECUTED' and not basis_appeal_closed_while_open and basis_appeal_ids @> array[?]::text[]`,
      [appealId],
    );
    return;
  }
  if (event.type === appealEventTypes.organizationUpserted) {
    const id = str(data.organizationId) ?? str(event.subject);
    if (!id) return;
    // Later facts win: an older upsert redelivered after a newer one changes nothing.
    await em.execute(
      `insert into organization_copy (id, name, kind, parent_id, district_id, active, updated_at) values (?, ?, ?, ?, ?, ?, ?::timestamptz)
       on conflict (id) do update set name = excluded.name, kind = excluded.kind, parent_id = excluded.parent_id,
         district_id = excluded.district_id, active = excluded.active, updated_at = excluded.updated_at
       where organization_copy.updated_at <= excluded.updated_at`,
      [id, str(data.name) ?? id, str(data.kind), str(data.parentId), str(data.districtId), data.active !== false, event.time],
    );
  }
}
