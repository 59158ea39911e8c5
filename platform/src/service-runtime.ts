import type { IncomingMessage } from 'node:http';
import type { BaseContext } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import type { Kafka } from 'kafkajs';
import type { EntityManager, MikroORM, Options } from '@mikro-orm/postgresql';
import { gatewayProofOf } from './auth/gateway-proof.ts';
import { createConfiguredTokenVerifier } from './auth/jwt.ts';
import type { Principal } from './auth/principal.ts';
import type { ClockTime } from './civil-time.ts';
import { brokersList, loadConfig, metricsListenOf, sealingKeyringOf, subgraphEnvSchema, type ServiceEnv } from './config.ts';
import type { CloudEvent } from './events/cloud-event.ts';
import type { SealingKeyring } from './events/sealed-text.ts';
import { createOrm, type NamedMigration } from './db/orm.ts';
import { startGraphQLHttpServer, type HttpRouteRequest, type HttpRouteResponse } from './http/graphql-http-server.ts';
import { createInboxConsumer, type InboxConsumer } from './inbox/inbox-consumer.ts';
import { createIdempotentProducer, createKafkaClient } from './kafka/kafka-client.ts';
import { createLogger, type Logger } from './logging.ts';
import { createOutboxRelay } from './outbox/outbox-relay.ts';
import { startPeriodicJob } from './periodic-job.ts';
import type { TraceHeaders } from './outbox/record-event.ts';
import { createSubgraphServer, type GraphQLResolverMap } from './subgraph.ts';

/**
 * What every resolver gets: a unit of work of its own, the verified caller, the trace to pass on,
 * and the keyring that seals free text in the events it records.
 */
export type RequestContext = BaseContext & {
  em: EntityManager;
  principal: Principal | null;
  requestId: string;
  logger: Logger;
  trace: TraceHeaders;
  sealingKeys: SealingKeyring;
  /** End of the working day (WORKING_DAY_END): the law's after-hours rule counts with it. */
  workingDayEnd: ClockTime;
};

/**
 * A plain GET endpoint of the service (a document to download, a public API), with a unit of work
 * of its own and the caller when the request carries a token (null otherwise: public or signed links).
 */
export type ServiceRoute = {
  prefix: string;
  handle(request: HttpRouteRequest & { em: EntityManager; principal: Principal | null }): Promise<HttpRouteResponse>;
};

/** What every event handler gets besides the event: its topic and headers, and the keyring that opens sealed text. */
export type ConsumerContext = { topic: string; headers: Record<string, string>; sealingKeys: SealingKeyring; workingDayEnd: ClockTime };

export type ServiceEventHandler = (em: EntityManager, event: CloudEvent, context: ConsumerContext) => Promise<void>;

export type ServiceConsumer = { name: string; topics: string[]; handle: ServiceEventHandler };

/** Work the service does on a timer (e.g. raising overdue facts once they happen). */
export type ServiceJob = { name: string; intervalMs: number; run: (em: EntityManager, now: Date) => Promise<void> };

export type ServiceDefinition<TContext extends RequestContext> = {
  name: 'appeals' | 'reception' | 'instructions' | 'audit';
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  entities: NonNullable<Options['entities']>;
  migrations: NamedMigration[];
  /** Adds the service's per-request parts (loaders, use cases) to the base context. */
  createContext: (base: RequestContext) => TContext;
  consumers?: ServiceConsumer[];
  jobs?: ServiceJob[];
  routes?: ServiceRoute[];
  /** Idempotent demo data for `npm start`; it seals free text in its events with the service's keyring. */
  seed?: (em: EntityManager, context: { sealingKeys: SealingKeyring }) => Promise<void>;
};

export type RunningService = {
  url: string;
  port: number;
  /** The address the subgraph listens on (HOST; loopback unless configured otherwise). */
  listenAddress: string;
  orm: MikroORM;
  kafka: Kafka;
  logger: Logger;
  /** The keyring the service seals and opens event text with (EVENT_SEALING_KEYS). */
  sealingKeys: SealingKeyring;
  /** Resolves when every consumer has joined its group and is fetching. */
  consumersFetching(): Promise<void>;
  stop(): Promise<void>;
};

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The explicit lifecycle of a subgraph service: config, database (migrated), Kafka, outbox relay,
 * HTTP (GraphQL, health, metrics), then consumers; stop() undoes it in reverse, draining HTTP first.
 */
export async function startService<TContext extends RequestContext>(
  definition: ServiceDefinition<TContext>,
  env: Record<string, string | undefined> = process.env,
  options: { seed?: boolean; onQuery?: (sql: string) => void } = {},
): Promise<RunningService> {
  const config: ServiceEnv = loadConfig(subgraphEnvSchema, env);
  // One keyring per process, parsed and checked with the rest of the config; use cases reach it
  // through their request context, consumers through their consumer context.
  const sealingKeys = sealingKeyringOf(config);
  const logger = createLogger({ service: definition.name, level: config.LOG_LEVEL });
  const production = config.NODE_ENV === 'production';
  const verifier = createConfiguredTokenVerifier({
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    jwksUrl: config.JWT_JWKS_URL,
    publicKeyPem: config.JWT_PUBLIC_KEY,
    production,
  });
  // Required in production (subgraphEnvSchema); elsewhere enforced when set.
  const gatewayProof = gatewayProofOf(config);

  const orm = await createOrm({
    databaseUrl: config.DATABASE_URL,
    entities: definition.entities,
    migrations: definition.migrations,
    logger,
    onQuery: options.onQuery,
  });
  if (options.seed && definition.seed) {
    const em = orm.em.fork();
    await definition.seed(em, { sealingKeys });
    await em.flush();
  }
  const kafka = createKafkaClient({ brokers: brokersList(config.KAFKA_BROKERS), clientId: `bakylau-${definition.name}`, logger });
  const relay = createOutboxRelay({
    service: definition.name,
    databaseUrl: config.DATABASE_URL,
    createProducer: () => createIdempotentProducer(kafka),
    logger,
  });
  const consumers: InboxConsumer[] = (definition.consumers ?? []).map((consumer) =>
    createInboxConsumer({
      service: definition.name,
      name: consumer.name,
      groupPrefix: config.KAFKA_GROUP_PREFIX,
      fromBeginning: config.KAFKA_CONSUMER_START === 'earliest',
      kafka,
      orm,
      topics: consumer.topics,
      handle: (em, event, meta) => consumer.handle(em, event, { ...meta, sealingKeys, workingDayEnd: config.WORKING_DAY_END }),
      logger,
    }),
  );

  const readiness = async () => {
    const database = await orm.em
      .fork()
      .execute('select 1')
      .then(
        () => true,
        () => false,
      );
    const checks: Record<string, boolean> = { database, outboxRelay: relay.isActive() };
    consumers.forEach((consumer, i) => (checks[`consumer:${definition.consumers?.[i]?.name}`] = consumer.isRunning()));
    return { ok: database, checks };
  };

  const http = await startGraphQLHttpServer<TContext>({
    apollo: createSubgraphServer<TContext>({ typeDefs: definition.typeDefs, resolvers: definition.resolvers, logger, production }),
    port: config.PORT,
    host: config.HOST,
    metrics: metricsListenOf(config),
    logger,
    bodyLimitBytes: 1_000_000,
    readiness,
    ...(gatewayProof ? { admits: (req: IncomingMessage) => gatewayProof.admits(req.headers) } : {}),
    context: async (req: IncomingMessage, info) => {
      const principal = await verifier.verify(firstHeader(req.headers.authorization));
      const trace: TraceHeaders = { 'x-request-id': info.requestId };
      const traceparent = firstHeader(req.headers['traceparent']);
      if (traceparent) trace.traceparent = traceparent;
      return definition.createContext({
        em: orm.em.fork(),
        principal,
        requestId: info.requestId,
        logger: info.logger,
        trace,
        sealingKeys,
        workingDayEnd: config.WORKING_DAY_END,
      });
    },
    routes: (definition.routes ?? []).map((route) => ({
      prefix: route.prefix,
      handle: async (request) => {
        const principal = await verifier.verify(firstHeader(request.req.headers.authorization));
        return route.handle({ ...request, em: orm.em.fork(), principal });
      },
    })),
  });
  await relay.start();
  // Consumers join their groups in the background so a slow broker never blocks serving reads.
  for (const consumer of consumers) {
    consumer.start().catch((error: unknown) => logger.error({ err: error }, 'consumer failed to start'));
  }
  const jobs = (definition.jobs ?? []).map((job) =>
    startPeriodicJob({ name: job.name, intervalMs: job.intervalMs, logger, run: () => job.run(orm.em.fork(), new Date()) }),
  );
  logger.info({ url: http.url }, `${definition.name} subgraph ready`);

  let stopped: Promise<void> | null = null;
  return {
    url: http.url,
    port: http.port,
    listenAddress: http.listenAddress,
    orm,
    kafka,
    logger,
    sealingKeys,
    consumersFetching: async () => {
      await Promise.all(consumers.map((consumer) => consumer.fetching()));
    },
    stop: () =>
      (stopped ??= (async () => {
        await http.stop();
        await Promise.all(jobs.map((job) => job.stop()));
        await Promise.all(consumers.map((consumer) => consumer.stop().catch(() => undefined)));
        await relay.stop();
        await orm.close();
      })()),
  };
}

/** For main.ts: start, stop on SIGTERM/SIGINT, exit 1 with a readable message on a failed start. */
export function runServiceMain<TContext extends RequestContext>(definition: ServiceDefinition<TContext>): void {
  startService(definition, process.env, { seed: process.env['SEED_DEMO_DATA'] === 'true' }).then(
    (service) => {
      const shutdown = (signal: string) => {
        service.logger.info({ signal }, 'shutting down');
        service.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            service.logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
    },
    (error: unknown) => {
      console.error(`${definition.name}: failed to start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
