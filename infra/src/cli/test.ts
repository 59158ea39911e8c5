// `npm test`: type-checks, then runs every test file (unit, integration, end-to-end) against a real
// PostgreSQL and a real single-node Kafka broker that this launcher provides and stops afterwards.
import { spawn } from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import pg from 'pg';
import { quoteIdent } from '@bakylau/platform/db/database-url';
import { allTopics } from '@bakylau/platform/events/topics';
import { ensureTopics, startKafkaBroker, type KafkaBroker } from '../kafka-broker.ts';
import { resolvePostgres } from '../postgres.ts';
import { startSystem, type RunningSystem } from '../system.ts';
import { dataDir, repoRoot } from '../paths.ts';

const log = (message: string) => console.log(`[test] ${message}`);

async function findTestFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await findTestFiles(path)));
    else if (entry.name.endsWith('.test.ts')) found.push(relative(repoRoot, path));
  }
  return found.sort();
}

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

async function main(): Promise<number> {
  const filters = process.argv.slice(2);
  log('checking generated resolver types');
  if ((await run(process.execPath, [join(repoRoot, 'infra/src/cli/codegen.ts'), '--check'])) !== 0) return 1;
  log('type-checking');
  if ((await run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'])) !== 0) return 1;

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
      env: { LOG_LEVEL: 'warn' },
      onUnexpectedExit: (name, tail) => log(`${name} exited unexpectedly:\n${tail}`),
    });
    dropE2eDatabases = () => dropDatabases(postgres.url, prefix);
    const all = await findTestFiles(repoRoot);
    const files = filters.length ? all.filter((file) => filters.some((f) => file.includes(f))) : all;
    log(`running ${files.length} test files`);
    return await run(process.execPath, ['--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
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
