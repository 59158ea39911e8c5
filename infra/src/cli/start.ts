// `npm start`: the whole system on this machine — PostgreSQL (local or embedded), a single-node
// Kafka broker (KRaft), the four subgraphs seeded with demo data, and the gateway with Apollo Sandbox.
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { devAudience, devIssuer, loadOrCreateDevKeyPair, mintToken } from '@bakylau/platform/auth/dev-keys';
import { allTopics } from '@bakylau/platform/events/topics';
import { startDevMailSink } from '../dev-mail-sink.ts';
import { ensureTopics, startKafkaBroker, type KafkaBroker } from '../kafka-broker.ts';
import { resolvePostgres } from '../postgres.ts';
import { startSystem, type RunningSystem } from '../system.ts';
import { dataDir } from '../paths.ts';

const log = (message: string) => console.log(`[bakylau] ${message}`);
const logsDir = join(dataDir, 'logs');
const mailDir = join(dataDir, 'mail');
const gatewayPort = 4000;
const devKafkaPort = 19092;

let system: RunningSystem | null = null;
let stopInfra: () => Promise<void> = async () => undefined;
let shuttingDown = false;

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    log('stopping');
    await system?.stop();
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
  // Applicants' notices go to files here, never to real addresses.
  const mail = await startDevMailSink(mailDir);
  const stopKafkaAndPostgres = stopInfra;
  stopInfra = async () => {
    await mail.stop();
    await stopKafkaAndPostgres();
  };

  system = await startSystem({
    postgresUrl: postgres.url,
    brokers,
    logsDir,
    ports: 'standard',
    seed: true,
    env: { LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info', SMTP_URL: mail.url },
    onUnexpectedExit: (name, tail) => {
      if (shuttingDown) return;
      log(`${name} exited unexpectedly; last lines of its log:\n${tail}`);
      void shutdown(1);
    },
  });
  log(
    `subgraphs ready: ${[...system.processes.values()]
      .filter((p) => p.name !== 'gateway')
      .map((p) => `${p.name} :${p.port}`)
      .join(', ')}`,
  );

  const keys = loadOrCreateDevKeyPair();
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
  log(`applicants' e-mail notices (.eml): ${mailDir}`);
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
