// `sh infra/bin/run.sh bench/src/analytics.ts`: only the problem map and the semi-annual report over generated
// appeals (sizes from BENCH_ANALYTICS_SIZES, default 10000,100000,1000000), against PostgreSQL as
// `npm run bench` finds it and the Kafka broker of KAFKA_BROKERS (the dev broker will do: the
// appeals service only starts its outbox relay there). Prints the figures; bench/RESULTS.md is
// written by the full `npm run bench` only, so the record keeps every section from one run.
import { join } from 'node:path';
import { dataDir } from '@bakylau/infra/paths';
import { resolvePostgres } from '@bakylau/infra/postgres';
import { dropDatabases } from './environment.ts';
import { measureProblemMap } from './problem-map.ts';
import { settings } from './run-settings.ts';

const startedAt = Date.now();
const log = (message: string) => console.log(`[bench:analytics ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)}s] ${message}`);

async function main(): Promise<void> {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS is not set (e.g. 127.0.0.1:39092)');
  const sizes = (process.env['BENCH_ANALYTICS_SIZES'] ?? settings.problemMapSizes.join(',')).split(',').map(Number);
  const postgres = await resolvePostgres({ databaseUrl: process.env['DATABASE_URL'], dataDir: join(dataDir, 'postgres'), log });
  const prefix = `bench_analytics_${Date.now().toString(36)}_`;
  const url = new URL(postgres.url);
  url.pathname = `/${prefix}problem_map`;
  try {
    const points = await measureProblemMap(
      { databaseUrl: url.toString(), brokers, sizes, runs: settings.problemMapRuns, reportRuns: settings.semiAnnualReportRuns },
      log,
    );
    console.log(JSON.stringify(points, null, 2));
  } finally {
    await dropDatabases(postgres.url, prefix);
    await postgres.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('[bench:analytics] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
