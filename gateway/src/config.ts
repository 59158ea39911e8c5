import { isAbsolute, resolve } from 'node:path';
import { loadConfig, metricsListenOf, serviceEnvSchema, z } from '@bakylau/platform/config';

/** The repository root (gateway/src → ../..); a relative SUPERGRAPH_PATH resolves against it. */
const repoRoot = resolve(import.meta.dirname, '../..');

const subgraphUrlVariable = /^SUBGRAPH_([A-Z0-9_]+)_URL$/;
const httpUrl = z.url({ protocol: /^https?$/ });

/**
 * The gateway's environment. Besides the fixed variables, any SUBGRAPH_<NAME>_URL replaces the
 * routing URL the supergraph holds for subgraph <name> (lower-cased), e.g.
 * SUBGRAPH_APPEALS_URL=http://appeals:4001/graphql in containers.
 */
export const gatewayEnvSchema = serviceEnvSchema
  .pick({
    NODE_ENV: true,
    LOG_LEVEL: true,
    JWT_ISSUER: true,
    JWT_AUDIENCE: true,
    JWT_JWKS_URL: true,
    JWT_PUBLIC_KEY: true,
    METRICS_PORT: true,
    METRICS_HOST: true,
    GATEWAY_PROOF_KEYS: true,
  })
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().min(1).default('0.0.0.0'),
    SUPERGRAPH_PATH: z.string().min(1).default('schema/supergraph.graphql'),
  })
  .catchall(z.string().optional())
  .superRefine(
    (env, ctx) => {
      for (const [variable, value] of Object.entries(env)) {
        if (subgraphUrlVariable.test(variable) && !httpUrl.safeParse(value).success) {
          ctx.addIssue({ code: 'custom', path: [variable], message: 'must be an http(s) URL' });
        }
      }
      if (env.NODE_ENV === 'production' && !env.JWT_JWKS_URL && !env.JWT_PUBLIC_KEY) {
        ctx.addIssue({ code: 'custom', path: ['JWT_JWKS_URL'], message: 'is required in production (or JWT_PUBLIC_KEY)' });
      }
      // Production subgraphs refuse every call without it.
      if (env.NODE_ENV === 'production' && !env.GATEWAY_PROOF_KEYS) {
        ctx.addIssue({ code: 'custom', path: ['GATEWAY_PROOF_KEYS'], message: 'is required in production' });
      }
    },
    // Run even when other variables are bad, so every problem is reported at once.
    { when: () => true },
  );

export type GatewayConfig = {
  nodeEnv: 'development' | 'test' | 'production';
  production: boolean;
  logLevel: string;
  port: number;
  host: string;
  /** The /metrics listener, apart from the public port. */
  metrics: { port: number; host: string };
  /** Absolute path of the composed supergraph SDL. */
  supergraphPath: string;
  /** Routing URLs replacing the supergraph's, by subgraph name. */
  subgraphUrls: Record<string, string>;
  jwt: { issuer: string; audience: string; jwksUrl?: string | undefined; publicKeyPem?: string | undefined };
  /** Request bodies above this size are refused with 413. */
  bodyLimitBytes: number;
  /** The keys of the gateway's proof (GATEWAY_PROOF_KEYS): the first goes along on every subgraph call; null when unset outside production. */
  gatewayProofKeys: readonly string[] | null;
  /** Plain routes proxied to a subgraph (Open311, documents): how long to wait, and the largest answer buffered. */
  routeProxy: { timeoutMs: number; maxBodyBytes: number };
};

/** Reads and checks the environment; throws ConfigError naming every bad variable. */
export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const parsed = loadConfig(gatewayEnvSchema, env);
  const subgraphUrls: Record<string, string> = {};
  for (const [variable, value] of Object.entries(parsed)) {
    const name = subgraphUrlVariable.exec(variable)?.[1];
    if (name && typeof value === 'string') subgraphUrls[name.toLowerCase()] = value;
  }
  return {
    nodeEnv: parsed.NODE_ENV,
    production: parsed.NODE_ENV === 'production',
    logLevel: parsed.LOG_LEVEL,
    port: parsed.PORT,
    host: parsed.HOST,
    metrics: metricsListenOf(parsed),
    supergraphPath: isAbsolute(parsed.SUPERGRAPH_PATH) ? parsed.SUPERGRAPH_PATH : resolve(repoRoot, parsed.SUPERGRAPH_PATH),
    subgraphUrls,
    jwt: {
      issuer: parsed.JWT_ISSUER,
      audience: parsed.JWT_AUDIENCE,
      jwksUrl: parsed.JWT_JWKS_URL,
      publicKeyPem: parsed.JWT_PUBLIC_KEY,
    },
    gatewayProofKeys: parsed.GATEWAY_PROOF_KEYS ?? null,
    bodyLimitBytes: 1024 * 1024,
    // The largest answer is the registry export's CSV: about 40 MB at its cap of 100,000 rows.
    routeProxy: { timeoutMs: 30_000, maxBodyBytes: 64 * 1024 * 1024 },
  };
}
