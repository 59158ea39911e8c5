import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The first citizen waiting for a session who does not already hold a booking in it, locked
 * for this transaction. SKIP LOCKED lets two cancellations in the same session each promote a
 * different citizen instead of both offering their slot to the same one.
 */
export async function lockFirstWaiting(em: EntityManager, sessionId: string): Promise<string | null> {
  const rows = await em.execute<{ id: string }[]>(
    `select w.id from waiting_list_entry w
      where w.session_id = ? and w.state = 'WAITING'
        and not exists (select 1 from appointment a
                         where a.session_id = w.session_id and a.citizen_subject = w.citizen_subject and a.state = 'BOOKED')
      order by w.joined_at, w.id
      limit 1
      for update skip locked`,
    [sessionId],
  );
  return rows[0]?.id ?? null;
}

/** Slot ids of a session held by a live booking (the predicate of `appointment_slot_taken`). */
export async function takenSlotIds(em: EntityManager, sessionIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const result = new Map<string, Set<string>>(sessionIds.map((id) => [id, new Set<string>()]));
  if (sessionIds.length === 0) return result;
  const rows = await em.execute<{ session_id: string; slot_id: string }[]>(
    `select session_id, slot_id from appointment where state in ('BOOKED', 'ATTENDED') and session_id in (${sessionIds.map(() => '?').join(', ')})`,
    [...sessionIds],
  );
  for (const row of rows) result.get(row.session_id)?.add(row.slot_id);
  return result;
}

/** How many citizens wait, per session. */
export async function waitingCounts(em: EntityManager, sessionIds: readonly string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>(sessionIds.map((id) => [id, 0]));
  if (sessionIds.length === 0) return result;
  const rows = await em.execute<{ session_id: string; n: number }[]>(
    `select session_id, count(*)::int as n from waiting_list_entry where state = 'WAITING' and session_id in (${sessionIds.map(() => '?').join(', ')}) group by session_id`,
    [...sessionIds],
  );
  for (const row of rows) result.set(row.session_id, row.n);
  return result;
}
