import type { EntityManager } from '@mikro-orm/postgresql';

/** The raw counts behind ReceptionIndicators (R6.6), for one organization or one plan. */
export type IndicatorCounts = {
  sessionsPlanned: number;
  sessionsHeld: number;
  sessionsCancelled: number;
  appointmentsBooked: number;
  citizensReceived: number;
  cancellations: number;
  noShows: number;
  appealsRequested: number;
  instructionsGiven: number;
};

export const emptyCounts = (): IndicatorCounts => ({
  sessionsPlanned: 0,
  sessionsHeld: 0,
  sessionsCancelled: 0,
  appointmentsBooked: 0,
  citizensReceived: 0,
  cancellations: 0,
  noShows: 0,
  appealsRequested: 0,
  instructionsGiven: 0,
});

type Scope = { column: 'organization_id' | 'plan_id'; ids: readonly string[]; start?: Date; end?: Date };

type Row = Record<string, string | number | null> & { scope_id: string };

/**
 * Counts for many organizations (or plans) in three grouped queries, whatever their number, so
 * a list of organizations with indicators costs a constant number of SQL statements.
 * A session counts in the period its start falls in; its appointments and follow-ups with it.
 */
export async function countIndicators(em: EntityManager, scope: Scope): Promise<Map<string, IndicatorCounts>> {
  const result = new Map<string, IndicatorCounts>(scope.ids.map((id) => [id, emptyCounts()]));
  if (scope.ids.length === 0) return result;
  const placeholders = scope.ids.map(() => '?').join(', ');
  const period = scope.start && scope.end ? ' and s.starts_at >= ? and s.starts_at < ?' : '';
  const params: unknown[] = [...scope.ids, ...(scope.start && scope.end ? [scope.start, scope.end] : [])];
  const sessions = `select id, ${scope.column} as scope_id, state from reception_session s where s.${scope.column} in (${placeholders})${period}`;

  const [sessionRows, appointmentRows, instructionRows] = await Promise.all([
    em.execute<Row[]>(
      `select scope_id, count(*)::int as planned,
         count(*) filter (where state = 'HELD')::int as held,
         count(*) filter (where state = 'CANCELLED')::int as cancelled
       from (${sessions}) s group by scope_id`,
      params,
    ),
    em.execute<Row[]>(
      `select s.scope_id, count(a.id)::int as booked,
         count(a.id) filter (where a.state = 'ATTENDED')::int as received,
         count(a.id) filter (where a.state = 'CANCELLED')::int as cancellations,
         count(a.id) filter (where a.state = 'NO_SHOW')::int as no_shows,
         count(a.id) filter (where a.appeal_requested_at is not null)::int as appeals
       from (${sessions}) s join appointment a on a.session_id = s.id group by s.scope_id`,
      params,
    ),
    em.execute<Row[]>(
      `select s.scope_id, count(vi.id)::int as instructions
       from (${sessions}) s join appointment a on a.session_id = s.id join visit_instruction vi on vi.appointment_id = a.id
       group by s.scope_id`,
      params,
    ),
  ]);
  const counts = (id: string) => result.get(id) ?? emptyCounts();
  for (const row of sessionRows) {
    Object.assign(counts(row.scope_id), {
      sessionsPlanned: Number(row['planned']),
      sessionsHeld: Number(row['held']),
      sessionsCancelled: Number(row['cancelled']),
    });
  }
  for (const row of appointmentRows) {
    Object.assign(counts(row.scope_id), {
      appointmentsBooked: Number(row['booked']),
      citizensReceived: Number(row['received']),
      cancellations: Number(row['cancellations']),
      noShows: Number(row['no_shows']),
      appealsRequested: Number(row['appeals']),
    });
  }
  for (const row of instructionRows) counts(row.scope_id).instructionsGiven = Number(row['instructions']);
  return result;
}
