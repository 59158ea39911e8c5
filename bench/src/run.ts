// `npm run bench`: starts its own PostgreSQL databases, Kafka broker, the four subgraphs, our
// gateway and Hive Gateway; seeds appeals through the gateway; measures (1) our gateway against
// Hive Gateway and the owning subgraph, (2) the event pipeline, (3) SQL statements per page and
// the problem-map aggregate and the semi-annual report at 1M appeals, (4) resident memory; writes
// bench/RESULTS.md; stops and drops it all.
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { devAudience, devIssuer, loadOrCreateDevKeyPair } from '@bakylau/platform/auth/dev-keys';
import { createTokenVerifier } from '@bakylau/platform/auth/jwt';
import { topics } from '@bakylau/platform/events/topics';
import { repoRoot } from '@bakylau/infra/paths';
import { devToken } from './client.ts';
import { startEnvironment } from './environment.ts';
import { measureRelayThroughput, startLatencyProbe } from './event-pipeline.ts';
import { appealById, pageAcrossSubgraphs, pageAppealsOnly, registrationBodies } from './operations.ts';
import { measureScenario, processIds, settle, type Measured, type Target } from './measure.ts';
import { memoryOf } from './processes.ts';
import { measureProblemMap } from './problem-map.ts';
import { measureQueryCost } from './query-cost.ts';
import { renderResults } from './report.ts';
import type { PipelineRun, Results } from './results.ts';
import { settings } from './run-settings.ts';
import { seed } from './seed.ts';

const startedAt = Date.now();
const log = (message: string) => console.log(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)}s] ${message}`);

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '?';
  } finally {
    await client.end();
  }
}

/** CPU milliseconds per verification of one token by the verifier the gateway and every subgraph use. */
async function jwtVerifyCost(token: string): Promise<number> {
  const verifier = createTokenVerifier({ issuer: devIssuer, audience: devAudience, publicKeyPem: loadOrCreateDevKeyPair().publicKeyPem });
  const header = `Bearer ${token}`;
  for (let i = 0; i < 200; i += 1) await verifier.verify(header);
  const before = process.cpuUsage();
  const n = 2000;
  for (let i = 0; i < n; i += 1) await verifier.verify(header);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / n;
}

async function main(): Promise<void> {
  const loadAverageStart = os.loadavg();
  log(`${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${loadAverageStart.map((l) => l.toFixed(2)).join(' ')}`);
  const env = await startEnvironment(log);
  // Interrupted: still stop every process and drop the databases.
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping everything and dropping the bench databases`);
    void env.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let results: Results;
  try {
    const targets: Record<Target, string> = { ours: env.system.gatewayUrl, hive: env.hive.url, direct: env.system.processes.get('appeals')?.url ?? '' };
    log('seeding through our gateway');
    const seeded = await seed(targets.ours, settings.seed, log);
    const callers = (role: 'controller' | 'registrar') => Promise.all(Array.from({ length: settings.callers }, (_, i) => devToken(role, `bench-${role}-${i}`)));
    const controllers = await callers('controller');
    const registrars = await callers('registrar');

    const runs: Measured[] = [];
    const page = (query: string) => {
      const body = JSON.stringify({ query, variables: { first: 50 } });
      return () => body;
    };
    const ids = seeded.appealIds;
    let next = 0;
    const byId = () => JSON.stringify({ query: appealById, variables: { id: ids[(next += 1) % ids.length] } });
    const pick = (...names: Target[]): [Target, string][] => names.map((name) => [name, targets[name]]);
    await settle(env, log);
    const memoryBefore = Object.entries(processIds(env)).map(([name, pid]) => ({ name, memory: memoryOf(pid) }));
    runs.push(...(await measureScenario(env, settings, 'page3', pick('ours', 'hive'), { tokens: controllers, body: page(pageAcrossSubgraphs) }, log)));
    runs.push(
      ...(await measureScenario(
        env,
        settings,
        'page3-one-token',
        pick('ours', 'hive'),
        { tokens: controllers.slice(0, 1), body: page(pageAcrossSubgraphs) },
        log,
      )),
    );
    runs.push(...(await measureScenario(env, settings, 'page', pick('ours', 'hive', 'direct'), { tokens: controllers, body: page(pageAppealsOnly) }, log)));
    runs.push(...(await measureScenario(env, settings, 'by-id', pick('ours', 'hive', 'direct'), { tokens: controllers, body: byId }, log)));

    log('counting SQL statements per page (second service instances in this process, onQuery hook)');
    const queryCost = await measureQueryCost(env, settings.queryCostPageSizes, log);

    log('registrations, with a consumer timing the appeals topic');
    await settle(env, log);
    const probe = await startLatencyProbe(env.broker.brokers, topics.appeals);
    const pipeline: PipelineRun[] = [];
    try {
      const timeEvents = async (measured: Measured[]) => {
        for (const run of measured) {
          runs.push(run);
          const latency = await probe.latency('kz.bakylau.appeal.registered.v1', run.windows, run.requests - run.failed);
          pipeline.push({ scenario: run.scenario, target: run.target, mutationsPerSecond: run.requestsPerSecond, latency });
          log(`  events of ${run.scenario} / ${run.target}: ${latency.events}, end to end p50 ${latency.endToEnd.p50} ms, p99 ${latency.endToEnd.p99} ms`);
        }
      };
      await timeEvents(
        await measureScenario(env, settings, 'register', pick('ours', 'hive', 'direct'), { tokens: registrars, body: registrationBodies() }, log),
      );
      const unpaced = runs.find((r) => r.scenario === 'register' && r.target === 'ours')?.requestsPerSecond ?? 20;
      const rate = Math.max(1, Math.round(unpaced * settings.pacedShare));
      await settle(env, log);
      await timeEvents(
        await measureScenario(
          env,
          settings,
          `register-paced-${rate}`,
          pick('ours'),
          { tokens: registrars, body: registrationBodies(), overallRate: rate },
          log,
        ),
      );
    } finally {
      await probe.stop();
    }
    const memory = Object.entries(processIds(env)).map(([name, pid]) => ({
      name,
      before: memoryBefore.find((m) => m.name === name)?.memory ?? { rssMiB: Number.NaN, peakRssMiB: Number.NaN },
      after: memoryOf(pid),
    }));

    log(`relay throughput: ${settings.relayEvents} events inserted in one transaction`);
    const relay = await measureRelayThroughput({
      databaseUrl: env.databaseUrl('relay'),
      brokers: env.broker.brokers,
      events: settings.relayEvents,
      eventBytes: settings.relayEventBytes,
      log,
    });
    log(`relay: ${relay.eventsPerSecond.toFixed(0)} events/s`);

    log('problem map over generated appeals (scratch database, appeals service in this process)');
    const problemMap = await measureProblemMap(
      {
        databaseUrl: env.databaseUrl('problem_map'),
        brokers: env.broker.brokers,
        sizes: settings.problemMapSizes,
        runs: settings.problemMapRuns,
        reportRuns: settings.semiAnnualReportRuns,
      },
      log,
    );
    const jwtVerifyMs = await jwtVerifyCost(controllers[0] ?? '');

    results = {
      settings,
      startedAt: new Date(startedAt),
      wallSeconds: 0,
      command: process.env['npm_lifecycle_event'] === 'bench' ? 'npm run bench' : `node ${process.argv.slice(1).join(' ')}`,
      machine: {
        cpuModel: os.cpus()[0]?.model ?? '?',
        cores: os.cpus().length,
        memoryGiB: os.totalmem() / 2 ** 30,
        os: `${os.type()} ${os.release()}`,
        node: process.version,
        loadAverageStart,
        loadAverageEnd: os.loadavg(),
      },
      versions: {
        postgres: await postgresVersion(env.postgres.url),
        kafka: /<kafka\.version>([^<]+)</.exec(readFileSync(join(repoRoot, 'infra', 'kafka', 'pom.xml'), 'utf8'))?.[1] ?? '?',
        '@apollo/gateway': packageVersion('@apollo/gateway'),
        '@apollo/server': packageVersion('@apollo/server'),
        '@graphql-hive/gateway-runtime': packageVersion('@graphql-hive/gateway-runtime'),
        autocannon: packageVersion('autocannon'),
        kafkajs: packageVersion('kafkajs'),
      },
      seeded: { assigned: seeded.assigned, instructions: seeded.instructions, visits: seeded.visits, pageOf50: seeded.pageOf50 },
      runs,
      pipeline,
      relay,
      queryCost,
      problemMap,
      jwtVerifyMs,
      memory,
    };
  } finally {
    log('stopping everything and dropping the bench databases');
    await env.stop();
  }
  results.wallSeconds = (Date.now() - startedAt) / 1000;
  const file = join(repoRoot, 'bench', 'RESULTS.md');
  await writeFile(file, renderResults(results));
  log(`wrote ${file} (${results.wallSeconds.toFixed(0)} s in all)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('[bench] failed:', error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
