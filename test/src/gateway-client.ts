// A tiny GraphQL client for the end-to-end suites: every call goes through the running gateway
// (E2E_GATEWAY_URL), as a real client's would, with a dev token for the caller when one is named.
import assert from '@bakylau/platform/testkit/assert';
import { withDatabase } from '@bakylau/platform/db/database-url';
import { tokenFor, type TestCaller } from '@bakylau/platform/testkit/service-harness';

export type Caller = TestCaller;

export type GraphQLErrorBody = {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; stacktrace?: unknown; [key: string]: unknown };
};

export type GqlResult<TData = Record<string, unknown>> = {
  /** The HTTP status of the response. */
  status: number;
  data: TData | null | undefined;
  errors: GraphQLErrorBody[] | undefined;
};

/** The gateway's /graphql URL, set by `npm test` (infra/src/cli/test.ts). */
export function gatewayUrl(): string {
  const url = process.env['E2E_GATEWAY_URL'];
  if (!url) throw new Error('E2E_GATEWAY_URL is not set: run the end-to-end tests with `npm test` (or set it to a running gateway)');
  return url;
}

/** The URL of one service's database (`<E2E_DATABASE_PREFIX><service>` on DATABASE_URL's server). */
export function serviceDatabaseUrl(service: 'appeals' | 'reception' | 'instructions' | 'audit'): string {
  const prefix = process.env['E2E_DATABASE_PREFIX'];
  if (prefix === undefined) throw new Error('E2E_DATABASE_PREFIX is not set: run the end-to-end tests with `npm test`');
  const server = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  return withDatabase(server, `${prefix}${service}`);
}

/** The bearer token header value for a caller. */
export async function bearer(as: Caller): Promise<string> {
  return `Bearer ${await tokenFor(as)}`;
}

/**
 * POSTs one operation to the gateway (anonymous without `as`) and returns the status with the
 * body's data and errors. `options.headers` adds request headers (e.g. an x-request-id to trace).
 */
export async function gql<TData = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  as?: Caller,
  options: { headers?: Record<string, string> } = {},
): Promise<GqlResult<TData>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (as) headers['authorization'] = await bearer(as);
  const response = await fetch(gatewayUrl(), { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  let body: { data?: TData | null; errors?: GraphQLErrorBody[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`The gateway answered HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 500)}`);
  }
  return { status: response.status, data: body.data, errors: body.errors };
}

/** The data of a successful result; fails the test with the errors printed otherwise. */
export function ok<TData>(result: GqlResult<TData>, what = 'the operation'): TData {
  assert.ok(
    !result.errors?.length && result.data,
    `${what} failed (HTTP ${result.status}): ${JSON.stringify(result.errors?.map((e) => ({ message: e.message, code: e.extensions?.code, path: e.path })) ?? result)}`,
  );
  return result.data;
}

/** The first error's extensions.code, or undefined when there is none. */
export function codeOf(result: GqlResult<unknown>): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

/** A short description of a result's errors for assertion messages. */
export function describeErrors(result: GqlResult<unknown>): string {
  if (!result.errors?.length) return `no errors (HTTP ${result.status})`;
  return `HTTP ${result.status}: ${result.errors.map((e) => `${e.extensions?.code ?? '?'}: ${e.message}`).join(' | ')}`;
}
