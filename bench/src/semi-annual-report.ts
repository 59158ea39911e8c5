// The semi-annual report (R7.6) over the problem map's generated appeals: the graph's
// `semiAnnualReport` query with its figures, and the download of the .docx behind the signed
// link it returns (the figures gathered by five aggregates and the document written), both over
// HTTP of the appeals subgraph measureProblemMap starts. Nearest-rank p95 over the runs.
import type pg from 'pg';
import { civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { startOfCivilDay } from '@bakylau/platform/civil-time';
import { readDocx } from '@bakylau/platform/documents/docx-reader';
import { gql } from './client.ts';

export type SemiAnnualReportPoint = {
  /** The half-year reported, e.g. "2026-1" (the last one that is over). */
  period: string;
  /** Appeals registered in it. */
  appealsInPeriod: number;
  /** Instructions of the President and his Administration in the read model for it. */
  instructions: number;
  /** `semiAnnualReport` with its figures (one aggregate over the period + rollup + instructions): p95 and median ms. */
  queryP95Ms: number;
  queryMedianMs: number;
  /** GET of the signed link: every figure gathered and the .docx written. */
  documentP95Ms: number;
  documentMedianMs: number;
  documentBytes: number;
  /** SQL statements the service ran for one download. */
  documentStatements: number;
  runs: number;
};

export const semiAnnualReportQuery = `query SemiAnnualReport($year: Int!, $half: Int!) {
  semiAnnualReport(year: $year, half: $half) {
    fileName url expiresAt
    figures { received answered answeredOnTime inWork overdue returnedForRework previousReceived presidentialInstructions { issued executed overdue } }
  }
}`;

/** The p-th percentile by nearest rank (p95 of 10 runs is the slowest). */
export function percentile(times: readonly number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** The last half-year that is over: its year and half. */
export function lastCompleteHalfYear(now: Date): { year: number; half: 1 | 2 } {
  const [year, month] = civilDateInKazakhstan(now).split('-').map(Number) as [number, number];
  return month >= 7 ? { year, half: 1 } : { year: year - 1, half: 2 };
}

/**
 * Instructions of the President's level put on control over the two years the appeals cover
 * (one in 2,000 appeals' worth, as a region receives them), a third executed, some late, some overdue.
 */
export async function insertInstructionFacts(client: pg.Client, count: number): Promise<void> {
  await client.query(`truncate instruction_fact_executor, instruction_fact`);
  await client.query(
    `insert into instruction_fact (instruction_id, number, issuer_level, issued_at, removed_at, updated_at)
       select md5('instruction:' || i)::uuid, 'АП-' || i, (array['PRESIDENT','STATE_COUNSELLOR','PRESIDENTIAL_ADMINISTRATION_LEADERSHIP','PA_APPEALS_DEPARTMENT','AKIM'])[1 + i % 5],
              t.issued, case when i % 3 = 0 then t.issued + interval '40 days' end, now()
         from generate_series(1, $1::int) i, lateral (select now() - ((i::bigint * 7919 % 730) * interval '1 day') as issued) t`,
    [count],
  );
  // One executor each, due in 30 days; the executed ones on day 18, or on day 35 (late) for one in four.
  await client.query(
    `insert into instruction_fact_executor (instruction_id, organization_id, due_date, executed_on)
       select f.instruction_id, md5('organization:' || (i % 60))::uuid, (f.issued_at + interval '30 days')::date,
              case when f.removed_at is not null then (f.issued_at + case when i % 4 = 0 then interval '35 days' else interval '18 days' end)::date end
         from generate_series(1, $1::int) i join instruction_fact f on f.instruction_id = md5('instruction:' || i)::uuid`,
    [count],
  );
  await client.query('analyze instruction_fact; analyze instruction_fact_executor');
}

export async function measureSemiAnnualReport(
  options: { url: string; token: string; client: pg.Client; runs: number; countStatements: () => number; resetStatements: () => void },
  log: (message: string) => void,
): Promise<SemiAnnualReportPoint> {
  const { year, half } = lastCompleteHalfYear(new Date());
  const from = half === 1 ? `${year}-01-01` : `${year}-07-01`;
  const to = half === 1 ? `${year}-07-01` : `${year + 1}-01-01`;
  const bounds = [startOfCivilDay(from).toISOString(), startOfCivilDay(to).toISOString()];
  const appealsInPeriod = Number(
    (await options.client.query<{ n: string }>('select count(*) as n from appeal where registered_at >= $1 and registered_at < $2', bounds)).rows[0]?.n,
  );
  const instructions = Number(
    (
      await options.client.query<{ n: string }>(
        `select count(*) as n from instruction_fact where issuer_level <> 'AKIM' and issued_at >= $1 and issued_at < $2`,
        bounds,
      )
    ).rows[0]?.n,
  );
  type Report = { semiAnnualReport: { url: string; figures: { received: number } } };
  const origin = new URL(options.url).origin;
  const download = async (url: string) => {
    const link = new URL(url);
    const response = await fetch(new URL(link.pathname + link.search, origin));
    if (response.status !== 200) throw new Error(`the report download answered HTTP ${response.status}: ${await response.text()}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  // Warm, and check the figures against the table.
  const warm = await gql<Report>(options.url, semiAnnualReportQuery, { year, half }, options.token);
  if (warm.semiAnnualReport.figures.received !== appealsInPeriod) {
    throw new Error(`the report counts ${warm.semiAnnualReport.figures.received} appeals for ${year}-${half}, the table has ${appealsInPeriod}`);
  }
  const warmDocument = await download(warm.semiAnnualReport.url);
  if (!readDocx(warmDocument).tables.some((t) => t.some((row) => row[0] === 'Поступило обращений' && row[1] === String(appealsInPeriod)))) {
    throw new Error('the report document does not hold the number of appeals');
  }
  const queryTimes: number[] = [];
  const documentTimes: number[] = [];
  let documentBytes = 0;
  let documentStatements = 0;
  for (let i = 0; i < options.runs; i += 1) {
    let start = performance.now();
    const report = await gql<Report>(options.url, semiAnnualReportQuery, { year, half }, options.token);
    queryTimes.push(performance.now() - start);
    options.resetStatements();
    start = performance.now();
    documentBytes = (await download(report.semiAnnualReport.url)).byteLength;
    documentTimes.push(performance.now() - start);
    documentStatements = options.countStatements();
  }
  const point: SemiAnnualReportPoint = {
    period: `${year}-${half}`,
    appealsInPeriod,
    instructions,
    queryP95Ms: percentile(queryTimes, 95),
    queryMedianMs: percentile(queryTimes, 50),
    documentP95Ms: percentile(documentTimes, 95),
    documentMedianMs: percentile(documentTimes, 50),
    documentBytes,
    documentStatements,
    runs: options.runs,
  };
  log(
    `  semi-annual report ${point.period} (${appealsInPeriod} appeals): query p95 ${point.queryP95Ms.toFixed(1)} ms, document p95 ${point.documentP95Ms.toFixed(1)} ms ` +
      `(${(documentBytes / 1024).toFixed(1)} KiB, ${documentStatements} statements)`,
  );
  return point;
}
