// What the benchmark runs against, all of its own: PostgreSQL databases under a unique prefix, a
// throw-away Kafka broker, the four subgraphs and our gateway as real processes (startSystem),
// and Hive Gateway as a fifth process over the same supergraph and subgraphs.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createGatewayProof, gatewayProofKeysSchema } from '@bakylau/platform/auth/gateway-proof';
import { quoteIdent } from '@bakylau/platform/db/database-url';
import { allTopics } from '@bakylau/platform/events/topics';
import { ensureTopics, startKafkaBroker, type KafkaBroker } from '@bakylau/infra/kafka-broker';
import { dataDir, repoRoot } from '@bakylau/infra/paths';
import { resolvePostgres, type PostgresServer } from '@bakylau/infra/postgres';
import { freePort, startSystem, type RunningSystem } from '@bakylau/infra/system';

export type PeerGateway = { url: string; port: number; child: ChildProcess; logFile: string };

export type BenchEnvironment = {
  postgres: PostgresServer;
  broker: KafkaBroker;
  system: RunningSystem;
  hive: PeerGateway;
  /** The keys of the gateway's proof that startSystem gave every process (GATEWAY_PROOF_KEYS). */
  gatewayProofKeys: string;
  /** The header a caller of a subgraph itself (the `direct` target) must send, as a gateway does. */
  proofHeaders: Record<string, string>;
  /** Every database of the run starts with it; stop() drops them all. */
  databasePrefix: string;
  logsDir: string;
  /** URL of one of the run's databases (appeals, reception, instructions, audit, or a scratch one). */
  databaseUrl(name: string): string;
  stop(): Promise<void>;
};

export const supergraphPath = join(repoRoot, 'schema', 'supergraph.graphql');

export async function dropDatabases(postgresUrl: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [prefix]);
    for (const { datname } of rows) await client.query(`drop database if exists ${quoteIdent(datname)} with (force)`);
  } finally {
    await client.end();
  }
}

function proofKeysOf(system: RunningSystem): string {
  const keys = system.processes.get('gateway')?.env['GATEWAY_PROOF_KEYS'];
  if (!keys) throw new Error('startSystem gave the gateway no GATEWAY_PROOF_KEYS');
  return keys;
}

async function startPeerGateway(system: RunningSystem, logsDir: string): Promise<PeerGateway> {
  const port = await freePort();
  const env: Record<string, string> = { PORT: String(port), SUPERGRAPH_PATH: supergraphPath, GATEWAY_PROOF_KEYS: proofKeysOf(system) };
  for (const [name, p] of system.processes) if (name !== 'gateway') env[`SUBGRAPH_${name.toUpperCase()}_URL`] = p.url;
  const logFile = join(logsDir, 'hive-gateway.log');
  const out = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [join(repoRoot, 'bench', 'src', 'hive-gateway.ts')], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const alive = () => child.exitCode === null && child.signalCode === null;
  // Hive answers /readiness once the supergraph is loaded; /health/ready is ours.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (!alive()) throw new Error(`Hive Gateway exited while starting; see ${logFile}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readiness`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`Hive Gateway was not ready after 90 s; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url: `http://127.0.0.1:${port}/graphql`, port, child, logFile };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

export async function startEnvironment(log: (message: string) => void): Promise<BenchEnvironment> {
  const logsDir = join(dataDir, 'bench-logs');
  await rm(logsDir, { recursive: true, force: true });
  await mkdir(logsDir, { recursive: true });
  const databasePrefix = `bench_${Date.now().toString(36)}_`;
  const postgres = await resolvePostgres({ databaseUrl: process.env['DATABASE_URL'], dataDir: join(dataDir, 'postgres'), log });
  log(`PostgreSQL: ${postgres.origin}; databases ${databasePrefix}*`);
  const kafkaDir = await mkdtemp(join(tmpdir(), 'bakylau-bench-kafka-'));
  let broker: KafkaBroker | null = null;
  let system: RunningSystem | null = null;
  let hive: PeerGateway | null = null;
  const stop = async () => {
    if (hive) await stopChild(hive.child);
    await system?.stop();
    await dropDatabases(postgres.url, databasePrefix).catch((error: unknown) => log(`could not drop the bench databases: ${String(error)}`));
    await broker?.stop();
    await postgres.stop();
    await rm(kafkaDir, { recursive: true, force: true });
  };
  try {
    log('starting a single-node Kafka broker (KRaft)');
    broker = await startKafkaBroker({ dataDir: kafkaDir, log });
    await ensureTopics(broker.brokers, allTopics);
    log('starting the four subgraphs and our gateway (real processes, demo seed)');
    system = await startSystem({
      postgresUrl: postgres.url,
      brokers: broker.brokers,
      logsDir,
      databasePrefix,
      ports: 'free',
      seed: true,
      env: { KAFKA_GROUP_PREFIX: 'bench.', LOG_LEVEL: 'warn' },
      onUnexpectedExit: (name, tail) => log(`${name} exited unexpectedly:\n${tail}`),
    });
    // Should the benchmark die without stop(), its processes must not outlive it.
    const started = system;
    process.on('exit', () => {
      for (const p of started.processes.values()) if (p.child.exitCode === null) p.child.kill('SIGKILL');
      if (hive?.child.exitCode === null) hive.child.kill('SIGKILL');
    });
    log('starting Hive Gateway over the same supergraph and subgraphs');
    hive = await startPeerGateway(system, logsDir);
  } catch (error) {
    await stop();
    throw error;
  }
  const base = new URL(postgres.url);
  const gatewayProofKeys = proofKeysOf(system);
  return {
    postgres,
    broker,
    system,
    hive,
    gatewayProofKeys,
    proofHeaders: createGatewayProof(gatewayProofKeysSchema.parse(gatewayProofKeys)).headers(),
    databasePrefix,
    logsDir,
    databaseUrl: (name) => {
      const url = new URL(base);
      url.pathname = `/${databasePrefix}${name}`;
      return url.toString();
    },
    stop,
  };
}
