// `npm test`: checks generated code, format, types and lint, then runs every test file under jest (unit, integration, end-to-end) against a real
// PostgreSQL and a real single-node Kafka broker that this launcher provides and stops afterwards.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { quoteIdent } from '@bakylau/platform/db/database-url';
import { allTopics } from '@bakylau/platform/events/topics';
import { ensureTopics, startKafkaBroker, type KafkaBroker } from '../kafka-broker.ts';
import { resolvePostgres } from '../postgres.ts';
import { startSystem, type RunningSystem } from '../system.ts';
import { dataDir, repoRoot } from '../paths.ts';

const log = (message: string) => console.log(`[test] ${message}`);

async function dropDatabases(postgresUrl: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [prefix]);
    for (const { datname } of rows) await client.query(`drop database if exists ${quoteIdent(datname)} with (force)`);
  } finally {
    await client.end();
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

type JestResults = { numTotalTests: number; numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; success: boolean };

/**
 * jest over every workspace (jest.config.js), narrowed to the files whose path contains one of `filters`.
 * Ends with the plain `N passed, N failed` line from jest's own results; a run that executed no test fails.
 */
async function runJest(filters: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const resultsFile = join(dataDir, 'jest-results.json');
  await rm(resultsFile, { force: true });
  const patterns = filters.map((filter) => filter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  log(filters.length ? `running jest on the test files matching ${filters.join(', ')}` : 'running jest on every test file');
  const nodeOptions = [env['NODE_OPTIONS'], '--experimental-vm-modules', '--disable-warning=ExperimentalWarning'].filter(Boolean).join(' ');
  const code = await run(process.execPath, [join(repoRoot, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${resultsFile}`, ...patterns], {
    ...env,
    NODE_OPTIONS: nodeOptions,
  });
  const results = JSON.parse(await readFile(resultsFile, 'utf8').catch(() => 'null')) as JestResults | null;
  if (!results) {
    log(`jest wrote no results (exit ${code})`);
    return code || 1;
  }
  const skipped = results.numPendingTests + results.numTodoTests;
  console.log(`${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (results.numTotalTests === 0) {
    log('no test ran');
    return 1;
  }
  return results.success && code === 0 ? 0 : code || 1;
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  log('checking generated resolver types');
  if ((await run(process.execPath, [join(repoRoot, 'infra/src/cli/codegen.ts'), '--check'])) !== 0) return 1;
  log('checking the format (prettier)');
  if ((await run(process.execPath, [join(repoRoot, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--log-level=warn', '.'])) !== 0) return 1;
  log('type-checking');
  if ((await run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'])) !== 0) return 1;
  log('linting (eslint)');
  if ((await run(process.execPath, [join(repoRoot, 'node_modules/eslint/bin/eslint.js'), '.'])) !== 0) return 1;

  const postgres = await resolvePostgres({ databaseUrl: process.env['DATABASE_URL'], dataDir: join(dataDir, 'postgres'), log });
  log(`PostgreSQL: ${postgres.origin}`);
  let broker: KafkaBroker | null = null;
  let system: RunningSystem | null = null;
  let dropE2eDatabases: () => Promise<void> = async () => undefined;
  let brokers = process.env['KAFKA_BROKERS'];
  const kafkaDir = join(dataDir, 'test-kafka');
  try {
    if (!brokers) {
      await rm(kafkaDir, { recursive: true, force: true });
      await mkdir(kafkaDir, { recursive: true });
      log('starting a single-node Kafka broker (KRaft)');
      broker = await startKafkaBroker({ dataDir: kafkaDir, log });
      brokers = broker.brokers;
    }
    await ensureTopics(brokers, allTopics);
    log(`Kafka: ${brokers}`);

    // The end-to-end suites share one running system (four subgraphs + gateway as real processes).
    const prefix = `e2e_${Date.now().toString(36)}_`;
    log('starting the system for the end-to-end tests');
    system = await startSystem({
      postgresUrl: postgres.url,
      brokers,
      logsDir: join(dataDir, 'test-logs'),
      databasePrefix: prefix,
      ports: 'free',
      seed: true,
      // A fresh clone on a busy machine migrates and seeds five databases at once: minutes, not seconds.
      readyTimeoutMs: 240_000,
      env: { LOG_LEVEL: 'warn' },
      onUnexpectedExit: (name, tail) => log(`${name} exited unexpectedly:\n${tail}`),
    });
    dropE2eDatabases = () => dropDatabases(postgres.url, prefix);
    return await runJest(filters, {
      ...process.env,
      DATABASE_URL: postgres.url,
      KAFKA_BROKERS: brokers,
      NODE_ENV: 'test',
      E2E_GATEWAY_URL: system.gatewayUrl,
      E2E_DATABASE_PREFIX: prefix,
    });
  } finally {
    await system?.stop();
    await dropE2eDatabases();
    await broker?.stop();
    await postgres.stop();
    await rm(kafkaDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('[test] failed to set up:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
