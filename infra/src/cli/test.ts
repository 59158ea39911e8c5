// `npm test`: type-checks, then runs every test file (unit, integration, end-to-end) against a real
// PostgreSQL and a real single-node Kafka broker that this launcher provides and stops afterwards.
import { spawn } from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { allTopics } from '@bakylau/platform/events/topics';
import { ensureTopics, startKafkaBroker, type KafkaBroker } from '../kafka-broker.ts';
import { resolvePostgres } from '../postgres.ts';
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

    const all = await findTestFiles(repoRoot);
    const files = filters.length ? all.filter((file) => filters.some((f) => file.includes(f))) : all;
    log(`running ${files.length} test files`);
    return await run(
      process.execPath,
      ['--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
      { ...process.env, DATABASE_URL: postgres.url, KAFKA_BROKERS: brokers, NODE_ENV: 'test' },
    );
  } finally {
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
