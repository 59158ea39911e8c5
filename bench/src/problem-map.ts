// The problem map (district × category for a period, with the previous period for the trend) at
// 10k, 100k and 1M appeals: the appeals service's own `problemMap` query, asked over HTTP of an
// appeals subgraph started in this process on a scratch database (the service's migrations give
// the real tables, indexes, rollup and trigger), filled with generate_series and dropped afterwards.
// For comparison, the same counts straight from the appeal table (no rollup) are timed too.
import pg from 'pg';
import { appealsService } from '@bakylau/appeals';
import { loadOrCreateDevKeyPair } from '@bakylau/platform/auth/dev-keys';
import { addCalendarDays, civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { civilDaySql, endOfCivilDay, startOfCivilDay } from '@bakylau/platform/civil-time';
import { startService, type RunningService } from '@bakylau/platform/service-runtime';
import { devToken, gql } from './client.ts';
import { insertInstructionFacts, measureSemiAnnualReport, percentile, type SemiAnnualReportPoint } from './semi-annual-report.ts';

export type ProblemMapPoint = {
  appeals: number;
  /** Seconds to generate the rows added for this size, indexes and rollup included (setup, not the measure). */
  generateSeconds: number;
  /** Cells of the map for the period (district × category). */
  cells: number;
  /** The service's problemMap query (rollup + live open-overdue count), through HTTP: median, p95 (nearest rank), min, max of the runs. */
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  /** SQL statements the service ran for one problemMap request (onQuery hook). */
  statements: number;
  /** The same counts aggregated straight from the appeal table, median ms, and its plan. */
  rawMedianMs: number;
  rawPlan: string;
  /** The semi-annual report (R7.6) of the last complete half-year over the same appeals. */
  report: SemiAnnualReportPoint;
};

export const problemMapQuery = `query ProblemMap($from: Date!, $to: Date!) {
  problemMap(from: $from, to: $to) {
    from to previousFrom previousTo registered
    cells { district { id name } category { id name } registered closed overdue overdueShare previousRegistered trend }
  }
}`;

const closed = `'ANSWERED', 'FORWARDED', 'LEFT_WITHOUT_CONSIDERATION', 'REDIRECTED_EXCLUDED', 'WITHDRAWN'`;

/** What the map counts, computed from the appeal rows themselves (what the rollup spares the query). */
export const rawAggregateSql = `select district_id, category_id,
       count(*) filter (where registered_at >= $1) as registered,
       count(*) filter (where registered_at >= $1 and closed_at is not null) as closed,
       count(*) filter (where registered_at >= $1 and (
         (closed_at is not null and ${civilDaySql('closed_at')} > due_date)
         or (state not in (${closed}) and due_date < $4::date))) as overdue,
       count(*) filter (where registered_at < $1) as previous
  from appeal
 where registered_at >= $2 and registered_at < $3
 group by district_id, category_id`;

const districts = 20;
const categories = 40;
const organizations = 60;
const summaries = [
  'Ямы на дороге',
  'Нет отопления в школе',
  'Не вывозят мусор',
  'Нет записи к терапевту',
  'Освещение во дворе',
  'Ремонт крыши дома',
  'Нет воды в посёлке',
  'Автобус не ходит по расписанию',
];

/**
 * Appeals from..to (sequence numbers), registered over the last two years. As in a working
 * registry, appeals of the last ~40 days are mostly open and older ones closed (about one in five
 * after its due date), with 1 % of old ones still open (overdue).
 */
function insertAppeals(from: number, to: number): string {
  return `insert into appeal (
      id, registration_number, registration_year, registration_sequence, version, kind, channel, state,
      received_at, registered_at, registered_by, term_start_date, due_date, forwarding_due_date,
      applicant_type, applicant_subject, summary, text, category_id, district_id, organization_id, closed_at, updated_at)
    select gen_random_uuid(), 'ЖТ-' || i, 2000 + (i % 1000), i, 1,
           (array['APPLICATION','COMPLAINT','PROPOSAL','RESPONSE','REQUEST','REPORT'])[1 + i % 6],
           (array['POST','HAND_DELIVERY','ELECTRONIC','E_OTINISH','PERSONAL_RECEPTION'])[1 + i % 5],
           case when r.open then (array['REGISTERED','ASSIGNED','IN_PROGRESS','ANSWER_SUBMITTED'])[1 + i % 4]
                else (array['ANSWERED','ANSWERED','ANSWERED','ANSWERED','ANSWERED','ANSWERED','FORWARDED','WITHDRAWN'])[1 + i % 8] end,
           r.at, r.at, 'bench', r.at::date, r.at::date + 30, r.at::date + 5,
           'INDIVIDUAL', 'citizen-' || (i % 5000),
           (array['${summaries.join("','")}'])[1 + i % ${summaries.length}], 'Прошу принять меры.',
           md5('category:' || (i::bigint * 31 % ${categories}))::uuid, md5('district:' || (i::bigint / ${categories} % ${districts}))::uuid,
           md5('organization:' || (i::bigint * 13 % ${organizations}))::uuid,
           case when r.open then null else r.at + ((3 + i % 37) * interval '1 day') end, r.at
      from generate_series(${from}, ${to}) as i,
           lateral (select now() - (((i::bigint * 7919) % 730) * interval '1 day') - ((i % 86400) * interval '1 second') as at,
                           ((i::bigint * 7919) % 730) < 40 or i % 100 = 0 as open) r`;
}

const directory = `
  insert into district (id, name, name_kk, kind)
    select md5('district:' || d)::uuid, 'Район ' || d, 'Аудан ' || d, 'DISTRICT' from generate_series(0, ${districts - 1}) d;
  insert into category (id, code, name, name_kk)
    select md5('category:' || c)::uuid, lpad(c::text, 2, '0'), 'Категория ' || c, 'Санат ' || c from generate_series(0, ${categories - 1}) c;
  insert into organization (id, name, kind, updated_at)
    select md5('organization:' || o)::uuid, 'Организация ' || o, 'AKIMAT_UNIT', now() from generate_series(0, ${organizations - 1}) o;`;

// The rollup as the migration 0003 back-fills it (the row trigger is off during the bulk load).
const rebuildRollup = `truncate appeal_map_rollup;
  insert into appeal_map_rollup (day, district_id, category_id, registered, closed, closed_late)
    select ${civilDaySql('registered_at')}, district_id, category_id, count(*),
      count(*) filter (where closed_at is not null),
      count(*) filter (where closed_at is not null and ${civilDaySql('closed_at')} > due_date)
    from appeal group by 1, 2, 3`;

function summarizePlan(plan: unknown): string {
  type Node = { 'Node Type': string; Strategy?: string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: Node[] };
  const root = (plan as { Plan: Node }[])[0]?.Plan;
  const aggregate: Record<string, string> = { Hashed: 'HashAggregate', Sorted: 'GroupAggregate', Mixed: 'MixedAggregate' };
  const parts: string[] = [];
  for (let node: Node | undefined = root; node; node = node.Plans?.[0]) {
    let label = (node['Node Type'] === 'Aggregate' && node.Strategy ? aggregate[node.Strategy] : undefined) ?? node['Node Type'];
    if (node['Relation Name']) label += ` on ${node['Relation Name']}`;
    if (node['Index Name']) label += ` using ${node['Index Name']}`;
    parts.push(label);
  }
  return parts.join(' ← ');
}

function stats(times: number[]): { median: number; min: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, min: sorted[0] ?? Number.NaN, max: sorted[sorted.length - 1] ?? Number.NaN };
}

export async function measureProblemMap(
  options: { databaseUrl: string; brokers: string; sizes: number[]; runs: number; reportRuns: number },
  log: (message: string) => void,
): Promise<ProblemMapPoint[]> {
  let statements = 0;
  // The service migrates its (new) database at start: the real appeal table, indexes, rollup and trigger.
  const service: RunningService = await startService(
    { ...appealsService, consumers: [], jobs: [] },
    {
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      PORT: '0',
      DATABASE_URL: options.databaseUrl,
      KAFKA_BROKERS: options.brokers,
      KAFKA_GROUP_PREFIX: 'bench.problem-map.',
      JWT_PUBLIC_KEY: loadOrCreateDevKeyPair().publicKeyPem,
    },
    { onQuery: () => (statements += 1) },
  );
  const url = `http://127.0.0.1:${service.port}/graphql`;
  const token = await devToken('analyst', 'bench-analyst');
  // A year up to today, against the year before it.
  const to = civilDateInKazakhstan(new Date());
  const from = addCalendarDays(to, -364);
  const rawParams = [startOfCivilDay(from), startOfCivilDay(addCalendarDays(from, -365)), endOfCivilDay(to), to];
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const points: ProblemMapPoint[] = [];
  try {
    // Bulk load: the generated rows reference the directory consistently, so the deferred
    // foreign-key checks and the rollup trigger are off for the load (the rollup is then
    // rebuilt the way migration 0003 back-fills it).
    await client.query(`set session_replication_role = replica; set synchronous_commit = off`);
    await client.query(directory);
    let have = 0;
    for (const size of options.sizes) {
      const t0 = performance.now();
      // As a bulk load does: secondary indexes and unique constraints are dropped for the insert and
      // built again after it (the primary key stays), several times faster than growing them row by row.
      const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
        `select indexname, indexdef from pg_indexes i
          where tablename = 'appeal' and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
      );
      const { rows: uniques } = await client.query<{ conname: string; definition: string }>(
        `select conname, pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = 'appeal'::regclass and contype = 'u'`,
      );
      for (const index of indexes) await client.query(`drop index ${index.indexname}`);
      for (const unique of uniques) await client.query(`alter table appeal drop constraint ${unique.conname}`);
      await client.query(insertAppeals(have + 1, size));
      for (const unique of uniques) await client.query(`alter table appeal add constraint ${unique.conname} ${unique.definition}`);
      for (const index of indexes) await client.query(index.indexdef);
      await client.query(rebuildRollup);
      await insertInstructionFacts(client, Math.max(10, Math.round(size / 2000)));
      await client.query('analyze appeal; analyze appeal_map_rollup');
      const generateSeconds = (performance.now() - t0) / 1000;
      have = size;

      type MapData = { problemMap: { registered: number; cells: unknown[] } };
      let map = await gql<MapData>(url, problemMapQuery, { from, to }, token); // warm
      const times: number[] = [];
      for (let i = 0; i < options.runs; i += 1) {
        statements = 0;
        const start = performance.now();
        map = await gql<MapData>(url, problemMapQuery, { from, to }, token);
        times.push(performance.now() - start);
      }
      const perRequest = statements;
      await client.query(rawAggregateSql, rawParams); // warm
      const rawTimes: number[] = [];
      for (let i = 0; i < options.runs; i += 1) {
        const start = performance.now();
        await client.query(rawAggregateSql, rawParams);
        rawTimes.push(performance.now() - start);
      }
      const explained = await client.query<{ 'QUERY PLAN': unknown }>(`explain (format json) ${rawAggregateSql}`, rawParams);
      const served = stats(times);
      const report = await measureSemiAnnualReport(
        { url, token, client, runs: options.reportRuns, countStatements: () => statements, resetStatements: () => (statements = 0) },
        log,
      );
      const point: ProblemMapPoint = {
        appeals: size,
        generateSeconds,
        cells: map.problemMap.cells.length,
        medianMs: served.median,
        p95Ms: percentile(times, 95),
        minMs: served.min,
        maxMs: served.max,
        statements: perRequest,
        rawMedianMs: stats(rawTimes).median,
        rawPlan: summarizePlan(explained.rows[0]?.['QUERY PLAN']),
        report,
      };
      log(
        `problem map over ${size} appeals: ${point.medianMs.toFixed(1)} ms, p95 ${point.p95Ms.toFixed(1)} ms (${point.cells} cells, ${perRequest} statements); straight from appeal ${point.rawMedianMs.toFixed(1)} ms; rows generated in ${generateSeconds.toFixed(1)} s`,
      );
      points.push(point);
    }
  } finally {
    await client.end();
    await service.stop();
  }
  return points;
}
