import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Grants expired this long ago are removed when the next one is made (kept a while for support questions). */
const keepExpiredHours = 24;

/** Stores a granted export and returns its random id, the only thing its link carries. */
export async function saveRegistryExportGrant(em: EntityManager, payload: Record<string, unknown>, expiresAt: Date): Promise<string> {
  const id = randomUUID();
  await em.execute(`delete from registry_export_grant where expires_at < now() - make_interval(hours => ?)`, [keepExpiredHours]);
  await em.execute('insert into registry_export_grant (id, payload, expires_at) values (?, ?, ?)', [id, JSON.stringify(payload), expiresAt]);
  return id;
}

/**
 * Claims a grant for its one download: the stored payload when the grant of this format exists, is
 * unused and has not expired at `now`, else null (a request for another format leaves it unused).
 * One statement, so two downloads racing for it cannot both win.
 */
export async function claimRegistryExportGrant(em: EntityManager, id: string, format: string, now: Date): Promise<unknown> {
  const rows = await em.execute<{ payload: unknown }[]>(
    `update registry_export_grant set used_at = ?
      where id = ? and payload->>'format' = ? and used_at is null and expires_at > ? returning payload`,
    [now, id, format, now],
  );
  return rows[0]?.payload ?? null;
}
