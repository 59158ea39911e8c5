// SQL statements per page request, counted by the services themselves: second instances of the
// appeals, instructions and reception subgraphs started in this process on the benchmark's
// databases with the platform's `onQuery` hook (startService → createOrm → MikroORM onQuery),
// behind a gateway of our own in this process. Their consumers and timed jobs are left out, so
// nothing but the measured request runs SQL through them.
import { createGateway, loadGatewayConfig } from '@bakylau/gateway';
import { appealsService } from '@bakylau/appeals';
import { instructionsService } from '@bakylau/instructions';
import { receptionService } from '@bakylau/reception';
import { loadOrCreateDevKeyPair } from '@bakylau/platform/auth/dev-keys';
import { createLogger } from '@bakylau/platform/logging';
import { startService, type RequestContext, type RunningService, type ServiceDefinition } from '@bakylau/platform/service-runtime';
import type { BenchEnvironment } from './environment.ts';
import { devToken, gql } from './client.ts';
import { pageAcrossSubgraphs, pageAppealsOnly } from './operations.ts';

const counted = ['appeals', 'instructions', 'reception'] as const;
type Counted = (typeof counted)[number];

export type QueryCostRow = {
  pageSize: number;
  /** Statements per subgraph for one page across subgraphs through the gateway. */
  perSubgraph: Record<Counted, number>;
  total: number;
  /** Statements of the appeals subgraph for the appeals-only page asked of it directly. */
  appealsDirect: number;
  /** Rows of the page that had instructions / a reception visit (so those lookups had work to do). */
  withInstructions: number;
  withVisit: number;
};

type Env = Record<string, string>;

function startCounting<TContext extends RequestContext>(definition: ServiceDefinition<TContext>, env: Env, onQuery: () => void): Promise<RunningService> {
  return startService({ ...definition, consumers: [], jobs: [] }, env, { onQuery });
}

const starters: Record<Counted, (env: Env, onQuery: () => void) => Promise<RunningService>> = {
  appeals: (env, onQuery) => startCounting(appealsService, env, onQuery),
  instructions: (env, onQuery) => startCounting(instructionsService, env, onQuery),
  reception: (env, onQuery) => startCounting(receptionService, env, onQuery),
};

type PageData = { appeals: { edges: { node: { instructions: unknown[]; receptionVisit: unknown } }[] } };

export async function measureQueryCost(env: BenchEnvironment, pageSizes: number[], log: (message: string) => void): Promise<QueryCostRow[]> {
  const counts: Record<Counted, number> = { appeals: 0, instructions: 0, reception: 0 };
  const common = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    PORT: '0',
    KAFKA_BROKERS: env.broker.brokers,
    KAFKA_GROUP_PREFIX: 'bench.query-cost.',
    JWT_PUBLIC_KEY: loadOrCreateDevKeyPair().publicKeyPem,
    // The system's audit subgraph serves this gateway too: the same proof for all.
    GATEWAY_PROOF_KEYS: env.gatewayProofKeys,
  };
  const services: Partial<Record<Counted, RunningService>> = {};
  const urls: Record<string, string> = {};
  let gateway: Awaited<ReturnType<typeof createGateway>> | null = null;
  try {
    for (const name of counted) {
      const service = await starters[name]({ ...common, DATABASE_URL: env.databaseUrl(name) }, () => {
        counts[name] += 1;
      });
      services[name] = service;
      urls[`SUBGRAPH_${name.toUpperCase()}_URL`] = `http://127.0.0.1:${service.port}/graphql`;
    }
    const audit = env.system.processes.get('audit');
    if (audit) urls['SUBGRAPH_AUDIT_URL'] = audit.url;
    gateway = await createGateway(loadGatewayConfig({ ...common, HOST: '127.0.0.1', ...urls }), {
      logger: createLogger({ service: 'bench-gateway', level: 'silent' }),
    });
    const gatewayUrl = `http://127.0.0.1:${gateway.port}/graphql`;
    const appealsUrl = urls['SUBGRAPH_APPEALS_URL'] ?? '';
    const token = await devToken('controller', 'bench-query-cost');
    const reset = () => counted.forEach((name) => (counts[name] = 0));

    const rows: QueryCostRow[] = [];
    for (const first of pageSizes) {
      await gql(gatewayUrl, pageAcrossSubgraphs, { first }, token); // warm: plans, prepared metadata
      reset();
      const page = await gql<PageData>(gatewayUrl, pageAcrossSubgraphs, { first }, token);
      const perSubgraph = { ...counts };
      reset();
      await gql(appealsUrl, pageAppealsOnly, { first }, token, env.proofHeaders);
      const nodes = page.appeals.edges.map((e) => e.node);
      const row = {
        pageSize: first,
        perSubgraph,
        total: counted.reduce((sum, name) => sum + perSubgraph[name], 0),
        appealsDirect: counts.appeals,
        withInstructions: nodes.filter((n) => n.instructions.length > 0).length,
        withVisit: nodes.filter((n) => n.receptionVisit !== null).length,
      };
      log(`page of ${first}: ${row.total} SQL statements (${counted.map((n) => `${n} ${perSubgraph[n]}`).join(', ')}); appeals alone ${row.appealsDirect}`);
      rows.push(row);
    }
    return rows;
  } finally {
    await gateway?.stop();
    for (const name of [...counted].reverse()) await services[name]?.stop();
  }
}
