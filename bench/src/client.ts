// A tiny GraphQL-over-HTTP client and the dev tokens the benchmark's callers present.
import { devAudience, devIssuer, loadOrCreateDevKeyPair, mintToken } from '@bakylau/platform/auth/dev-keys';
import type { Role } from '@bakylau/platform/auth/principal';

export type GraphQLError = { message: string; path?: (string | number)[]; extensions?: { code?: string } };
export type GraphQLResponse<TData> = { data?: TData | null; errors?: GraphQLError[] };

/** Signs a development token (the key pair startSystem hands every process) valid for two hours. */
export async function devToken(role: Role, subject: string, organizationId: string | null = null): Promise<string> {
  const keys = loadOrCreateDevKeyPair();
  return mintToken({ privateKeyPem: keys.privateKeyPem, issuer: devIssuer, audience: devAudience, subject, role, organizationId, expiresIn: '2h' });
}

/** POSTs one operation; returns the parsed body (errors included) and the HTTP status. */
export async function post<TData>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: GraphQLResponse<TData> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...extraHeaders };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as GraphQLResponse<TData> };
  } catch {
    throw new Error(`${url} answered HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
}

/** The data of a successful operation; throws with the errors otherwise. */
export async function gql<TData>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
  extraHeaders: Record<string, string> = {},
): Promise<TData> {
  const { status, body } = await post<TData>(url, query, variables, token, extraHeaders);
  if (body.errors?.length || !body.data) {
    throw new Error(`${url}: HTTP ${status}: ${JSON.stringify(body.errors ?? body).slice(0, 1000)}`);
  }
  return body.data;
}
