import type { EntityManager } from '@bakylau/platform/db/orm';

/** Keeps the local read copy of the directory current from `organization.upserted`. */
export async function upsertKnownOrganization(
  em: EntityManager,
  organization: { id: string; kind: string | null; parentId: string | null; active: boolean; updatedAt: Date },
): Promise<void> {
  await em.execute(
    `insert into known_organization (id, kind, parent_id, active, updated_at) values (?, ?, ?, ?, ?)
     on conflict (id) do update set kind = excluded.kind, parent_id = excluded.parent_id, active = excluded.active,
       updated_at = excluded.updated_at
     where known_organization.updated_at <= excluded.updated_at`,
    [organization.id, organization.kind, organization.parentId, organization.active, organization.updatedAt],
  );
}

export async function isKnownOrganization(em: EntityManager, id: string): Promise<boolean> {
  const rows = await em.execute('select 1 from known_organization where id = ?', [id]);
  return rows.length > 0;
}
