import { z } from 'zod';
import { isClockTime, parseClockTime } from './civil-time.ts';
import { gatewayProofKeysSchema } from './auth/gateway-proof.ts';
import { developmentSealingKeyring, sealingKeysSchema, type SealingKeyring } from './events/sealed-text.ts';

/** Thrown when the environment does not satisfy a service's config schema; lists every bad variable at once. */
export class ConfigError extends Error {
  readonly variables: string[];
  constructor(issues: { variable: string; message: string }[]) {
    super('Invalid configuration:\n' + issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n'));
    this.name = 'ConfigError';
    this.variables = issues.map((i) => i.variable);
  }
}

/**
 * Parses the environment with a zod object schema whose keys are variable names.
 * The rest of the code receives the typed result and never reads process.env itself.
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: Record<string, string | undefined> = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const variable = issue.path.map(String).join('.') || '(environment)';
      const missing = env[variable] === undefined || env[variable] === '';
      return { variable, message: missing ? 'is required but missing' : issue.message };
    }),
  );
}

/**
 * End of the working day in Kazakhstan civil time unless WORKING_DAY_END says otherwise: an appeal
 * received at or after it is registered and counted from the next working day (АППК art. 64 part 3).
 * The hour comes from the akimat's internal labour regulations, not from the Code.
 */
export const defaultWorkingDayEnd = '18:30';

// 0 asks the OS for a free port (tests).
const port = z.coerce.number().int().min(0).max(65535);

/** Variables every service shares; services extend this schema with their own. */
export const serviceEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: port,
  /**
   * The address a subgraph listens on. Loopback by default: only the gateway (on the same machine,
   * or beside it in a pod or compose network, which sets 0.0.0.0) talks to a subgraph, never a client.
   */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Where Prometheus scrapes /metrics: a port of its own (default PORT + 5000), never the public one. */
  METRICS_PORT: port.optional(),
  /** Loopback by default; a pod or container that is scraped from outside sets 0.0.0.0. */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
  KAFKA_BROKERS: z.string().regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'must be a comma-separated list of host:port'),
  /** Prepended to consumer group ids, so separate runs on one broker (tests) never share a group. */
  KAFKA_GROUP_PREFIX: z
    .string()
    .regex(/^[\w.-]*$/, 'may hold letters, digits, ".", "_" and "-"')
    .default(''),
  /**
   * Where a consumer group with no committed offsets starts: `earliest` (read copies need the
   * whole history) or `latest` (tests on a shared broker, which only want what they publish).
   */
  KAFKA_CONSUMER_START: z.enum(['earliest', 'latest']).default('earliest'),
  JWT_ISSUER: z.string().min(1).default('bakylau-dev'),
  JWT_AUDIENCE: z.string().min(1).default('bakylau'),
  /** Production: the identity provider's JWKS endpoint. */
  JWT_JWKS_URL: z.url().optional(),
  /** Development and tests: the local public key (SPKI PEM). */
  JWT_PUBLIC_KEY: z.string().min(1).optional(),
  /**
   * Keys that seal free text in public events (platform/src/events/sealed-text.ts):
   * `kid1:base64key,kid2:base64key`, 32-byte keys; the first seals, all open. Required in
   * production; elsewhere the published development keyring applies.
   */
  EVENT_SEALING_KEYS: sealingKeysSchema.optional(),
  /** End of the working day, HH:MM in Kazakhstan civil time (see defaultWorkingDayEnd). */
  WORKING_DAY_END: z.string().default(defaultWorkingDayEnd).refine(isClockTime, 'must be a time of day HH:MM (00:00–23:59)').transform(parseClockTime),
  /**
   * The secret the gateway proves itself with on every subgraph call (platform/src/auth/gateway-proof.ts):
   * `key1,key2`, each at least 32 characters; the gateway sends the first, a subgraph accepts any.
   * Required in production by the gateway and every subgraph; elsewhere enforced only when set.
   */
  GATEWAY_PROOF_KEYS: gatewayProofKeysSchema.optional(),
});

/**
 * The shared variables as a subgraph service reads them: in production it must name its
 * event-sealing keys (the gateway extends serviceEnvSchema, but seals nothing) and the keys of
 * the gateway's proof, without which it would serve anyone who reaches its port.
 */
export const subgraphEnvSchema = serviceEnvSchema.superRefine((env, ctx) => {
  if (env.NODE_ENV !== 'production') return;
  if (!env.EVENT_SEALING_KEYS) ctx.addIssue({ code: 'custom', path: ['EVENT_SEALING_KEYS'], message: 'is required in production' });
  if (!env.GATEWAY_PROOF_KEYS) ctx.addIssue({ code: 'custom', path: ['GATEWAY_PROOF_KEYS'], message: 'is required in production' });
});

export type ServiceEnv = z.infer<typeof serviceEnvSchema>;

/** The keyring a service seals and opens event text with: its configured keys, or the development keyring outside production. */
export function sealingKeyringOf(config: Pick<ServiceEnv, 'EVENT_SEALING_KEYS'>): SealingKeyring {
  return config.EVENT_SEALING_KEYS ?? developmentSealingKeyring;
}

export function brokersList(value: string): string[] {
  return value.split(',');
}

export { z };

/**
 * The metrics listener of a process: METRICS_PORT, else PORT + 5000 (4000 → 9000, so the processes
 * of one machine never collide), else a free port (PORT 0 in tests, or a port too high to shift).
 */
export function metricsListenOf(config: { PORT: number; METRICS_PORT?: number | undefined; METRICS_HOST: string }): { port: number; host: string } {
  const shifted = config.PORT === 0 || config.PORT + 5000 > 65535 ? 0 : config.PORT + 5000;
  return { port: config.METRICS_PORT ?? shifted, host: config.METRICS_HOST };
}
