// `npm start`: the whole system on this machine — PostgreSQL (local or embedded), a single-node
// Kafka broker (KRaft), the four subgraphs seeded with demo data, and the gateway with Apollo Sandbox.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { devAudience, devIssuer, loadOrCreateDevKeyPair, mintToken } from '@bakylau/platform/auth/dev-keys';
import { withDatabase } from '@bakylau/platform/db/database-url';
import { allTopics } from '@bakylau/platform/events/topics';
import { subgraphs } from '@bakylau/schema/subgraphs';
import { ensureTopics, startKafkaBroker, type KafkaBroker } from '../kafka-broker.ts';
import { resolvePostgres } from '../postgres.ts';
import { dataDir, repoRoot } from '../paths.ts';

const log = (message: string) => console.log(`[bakylau] ${message}`);
const logsDir = join(dataDir, 'logs');
const gatewayPort = 4000;
const devKafkaPort = 19092;

type Child = { name: string; process: ChildProcess; logFile: string };
const children: Child[] = [];
let shuttingDown = false;

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function waitReady(name: string, port: number, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (shuttingDown) throw new Error(`${name} stopped while starting`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${name} was not ready after ${timeoutMs / 1000}s; see ${join(logsDir, `${name}.log`)}`);
}

function spawnNode(name: string, entry: string, env: Record<string, string>): Child {
  const logFile = join(logsDir, `${name}.log`);
  const out = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [entry], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const record = { name, process: child, logFile };
  child.on('exit', (code, signal) => {
    if (shuttingDown) return;
    log(`${name} exited (${signal ?? code}); last lines of ${logFile}:`);
    void readFile(logFile, 'utf8').then((text) => {
      console.log(text.split('\n').slice(-15).join('\n'));
      void shutdown(1);
    });
  });
  children.push(record);
  return record;
}

let stopInfra: () => Promise<void> = async () => undefined;

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    log('stopping');
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.process.exitCode !== null) return resolve();
            child.process.once('exit', () => resolve());
            child.process.kill('SIGTERM');
            setTimeout(() => child.process.kill('SIGKILL'), 15_000).unref();
          }),
      ),
    );
    await stopInfra();
  }
  process.exit(code);
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  await mkdir(logsDir, { recursive: true });

  const postgres = await resolvePostgres({ databaseUrl: process.env['DATABASE_URL'], dataDir: join(dataDir, 'postgres'), log });
  log(`PostgreSQL: ${postgres.origin}`);
  let broker: KafkaBroker | null = null;
  let brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) {
    const port = (await portIsFree(devKafkaPort)) ? devKafkaPort : undefined;
    log('starting Apache Kafka (single KRaft node; the first run downloads the broker jars with Maven)');
    broker = await startKafkaBroker({ dataDir: join(dataDir, 'kafka'), ...(port ? { port } : {}), log });
    brokers = broker.brokers;
  }
  stopInfra = async () => {
    await broker?.stop();
    await postgres.stop();
  };
  await ensureTopics(brokers, allTopics);
  log(`Kafka: ${brokers}`);

  const keys = loadOrCreateDevKeyPair();
  const common = {
    NODE_ENV: 'development',
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
    KAFKA_BROKERS: brokers,
    JWT_PUBLIC_KEY: keys.publicKeyPem,
    JWT_ISSUER: devIssuer,
    JWT_AUDIENCE: devAudience,
  };
  const started = subgraphs.filter((s) => existsSync(join(repoRoot, 'services', s.name, 'src', 'main.ts')));
  for (const subgraph of started) {
    spawnNode(subgraph.name, join('services', subgraph.name, 'src', 'main.ts'), {
      ...common,
      PORT: String(subgraph.port),
      DATABASE_URL: withDatabase(postgres.url, subgraph.name),
      SEED_DEMO_DATA: 'true',
    });
  }
  await Promise.all(started.map((s) => waitReady(s.name, s.port)));
  log(`subgraphs ready: ${started.map((s) => `${s.name} :${s.port}`).join(', ')}`);

  spawnNode('gateway', join('gateway', 'src', 'main.ts'), { ...common, PORT: String(gatewayPort) });
  await waitReady('gateway', gatewayPort);

  const token = await mintToken({
    privateKeyPem: keys.privateKeyPem,
    issuer: devIssuer,
    audience: devAudience,
    subject: 'demo-department-head',
    role: 'department_head',
    organizationId: null,
    expiresIn: '12h',
  });
  log(`logs: ${logsDir}`);
  console.log(`
  Bakylau is running.
  Apollo Sandbox:  http://localhost:${gatewayPort}/graphql
  A development token (department_head, 12 h) for the Authorization header:
    Bearer ${token}
  Other roles: npm run token -- --role registrar|controller|executor|citizen|official|analyst|agency|admin [--org <organizationId>]
  Press Ctrl+C to stop.
`);
}

main().catch((error: unknown) => {
  console.error(`[bakylau] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
