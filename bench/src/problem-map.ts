// The problem map (district × category × month aggregates of appeals) at 10k, 100k and 1M appeals.
// The appeals service has no problem-map query yet, so this measures the aggregate SQL such a
// query would run, over the real appeal table (the service's own migrations, indexes included)
// in a scratch database filled by generate_series and dropped afterwards.
import pg from 'pg';
import { createOrm } from '@bakylau/platform/db/orm';
import { appealsService } from '@bakylau/appeals';

export type ProblemMapPoint = {
  appeals: number;
  /** Seconds to generate the rows added for this size (setup, not the measure). */
  generateSeconds: number;
  /** Groups (district × category × month) in the result. */
  groups: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** The top plan nodes, e.g. "HashAggregate ← Seq Scan on appeal". */
  plan: string;
};

export const problemMapSql = `select district_id, category_id,
       date_trunc('month', registered_at at time zone 'Asia/Almaty') as period,
       count(*) as received,
       count(*) filter (where state not in ('ANSWERED', 'FORWARDED', 'LEFT_WITHOUT_CONSIDERATION', 'REDIRECTED_EXCLUDED', 'WITHDRAWN')) as open,
       count(*) filter (where state not in ('ANSWERED', 'FORWARDED', 'LEFT_WITHOUT_CONSIDERATION', 'REDIRECTED_EXCLUDED', 'WITHDRAWN')
                          and due_date < (now() at time zone 'Asia/Almaty')::date) as overdue
  from appeal
 where registered_at >= now() - interval '12 months' and registered_at < now()
 group by 1, 2, 3`;

const districts = 20;
const categories = 40;
const organizations = 60;

/** Appeals from..to (1-based sequence numbers), spread over the last two years. */
function insertAppeals(from: number, to: number): string {
  return `insert into appeal (
      id, registration_number, registration_year, registration_sequence, version, kind, channel, state,
      received_at, registered_at, registered_by, term_start_date, due_date, forwarding_due_date, max_due_date,
      applicant_type, applicant_subject, summary, text, category_id, district_id, organization_id, updated_at)
    select gen_random_uuid(), 'ЖТ-' || i, 2000 + (i % 1000), i, 1,
           (array['APPLICATION','COMPLAINT','PROPOSAL','RESPONSE','REQUEST','REPORT'])[1 + i % 6],
           (array['POST','HAND_DELIVERY','ELECTRONIC','E_OTINISH','PERSONAL_RECEPTION'])[1 + i % 5],
           -- about a third open, the rest closed (most of them answered)
           (array['REGISTERED','ASSIGNED','IN_PROGRESS','ANSWERED','ANSWERED','ANSWERED','ANSWERED','FORWARDED','WITHDRAWN'])[1 + (i::bigint * 7) % 9],
           r.at, r.at, 'bench', r.at::date, r.at::date + 30, r.at::date + 5, r.at::date + 60,
           'INDIVIDUAL', 'citizen-' || (i % 5000), 'Обращение №' || i, 'Текст обращения', 
           md5('category:' || (i::bigint * 31 % ${categories}))::uuid, md5('district:' || (i::bigint * 17 % ${districts}))::uuid,
           md5('organization:' || (i::bigint * 13 % ${organizations}))::uuid, r.at
      from generate_series(${from}, ${to}) as i,
           lateral (select now() - (((i::bigint * 7919) % 730) * interval '1 day') - ((i % 86400) * interval '1 second') as at) r`;
}

const directory = `
  insert into district (id, name, name_kk, kind)
    select md5('district:' || d)::uuid, 'Район ' || d, 'Аудан ' || d, 'DISTRICT' from generate_series(0, ${districts - 1}) d;
  insert into category (id, code, name, name_kk)
    select md5('category:' || c)::uuid, lpad(c::text, 2, '0'), 'Категория ' || c, 'Санат ' || c from generate_series(0, ${categories - 1}) c;
  insert into organization (id, name, kind, updated_at)
    select md5('organization:' || o)::uuid, 'Организация ' || o, 'AKIMAT_UNIT', now() from generate_series(0, ${organizations - 1}) o;`;

function summarizePlan(plan: unknown): string {
  type Node = { 'Node Type': string; Strategy?: string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: Node[]; 'Workers Launched'?: number };
  const root = (plan as { Plan: Node }[])[0]?.Plan;
  const parts: string[] = [];
  for (let node: Node | undefined = root; node; node = node.Plans?.[0]) {
    let label = node.Strategy && node['Node Type'] === 'Aggregate' ? `${node.Strategy}Aggregate` : node['Node Type'];
    if (node['Relation Name']) label += ` on ${node['Relation Name']}`;
    if (node['Index Name']) label += ` using ${node['Index Name']}`;
    if (node['Workers Launched'] !== undefined) label += ` (${node['Workers Launched']} workers)`;
    parts.push(label);
  }
  return parts.join(' ← ');
}

export async function measureProblemMap(databaseUrl: string, sizes: number[], runs: number, log: (message: string) => void): Promise<ProblemMapPoint[]> {
  // The service's own migrations give the real table, constraints and indexes.
  await (await createOrm({ databaseUrl, entities: appealsService.entities, migrations: appealsService.migrations })).close();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const points: ProblemMapPoint[] = [];
  try {
    // Bulk load: the generated rows reference the directory consistently, so the deferred
    // foreign-key triggers (one queued check per reference per row) are skipped for the load.
    await client.query(`set session_replication_role = replica; set synchronous_commit = off`);
    await client.query(directory);
    let have = 0;
    for (const size of sizes) {
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
      await client.query('analyze appeal');
      const generateSeconds = (performance.now() - t0) / 1000;
      have = size;
      const times: number[] = [];
      let groups = 0;
      await client.query(problemMapSql); // warm the cache
      for (let i = 0; i < runs; i += 1) {
        const start = performance.now();
        const result = await client.query(problemMapSql);
        times.push(performance.now() - start);
        groups = result.rowCount ?? 0;
      }
      const explained = await client.query<{ 'QUERY PLAN': unknown }>(`explain (format json) ${problemMapSql}`);
      times.sort((a, b) => a - b);
      const point = {
        appeals: size,
        generateSeconds,
        groups,
        medianMs: times[Math.floor(times.length / 2)] ?? 0,
        minMs: times[0] ?? 0,
        maxMs: times[times.length - 1] ?? 0,
        plan: summarizePlan(explained.rows[0]?.['QUERY PLAN']),
      };
      log(`problem map over ${size} appeals: median ${point.medianMs.toFixed(1)} ms (${groups} groups; rows generated in ${generateSeconds.toFixed(1)} s)`);
      points.push(point);
    }
  } finally {
    await client.end();
  }
  return points;
}
