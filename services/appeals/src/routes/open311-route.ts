import { DomainError, ErrorCode, databaseUnavailableMessage, isDatabaseUnavailable } from '@bakylau/platform/errors';
import { inputStringProblem } from '@bakylau/platform/graphql/input-limits';
import type { HttpRouteResponse } from '@bakylau/platform/http/graphql-http-server';
import type { Logger } from '@bakylau/platform/logging';
import type { ServiceRoute } from '@bakylau/platform/service-runtime';
import type { EntityManager } from '@mikro-orm/postgresql';
import { getOpen311Request, listOpen311Requests, listOpen311Services, localeOf, parseRequestsQuery } from '../use-cases/open311.ts';

/** Where the API lives; the gateway proxies `/open311/` here unchanged. */
export const open311Prefix = '/open311/';
const basePath = '/open311/v2/';

/** `services.json`, `requests.json`, `requests/<id>.json` (and their other formats, to refuse them by name). */
const resourcePattern = /^(services|requests)(?:\/([^/]+))?\.([A-Za-z0-9]+)$/;

/** An error of the spec: an array of {code, description}. */
type Open311Error = { code: number; description: string };

// Public data for civic apps in browsers: every origin may read it; a short cache spares the database.
const publicHeaders = { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' };

function answer(status: number, payload: unknown): HttpRouteResponse {
  return { status, headers: { ...publicHeaders, 'cache-control': status === 200 ? 'public, max-age=60' : 'no-store' }, body: JSON.stringify(payload) };
}

function refusal(status: number, descriptions: string[]): HttpRouteResponse {
  return answer(
    status,
    descriptions.map((description): Open311Error => ({ code: status, description })),
  );
}

const statusByCode: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/** Errors in the spec's shape (Open311 clients read that, not GraphQL's), never with a stack. */
function errorAnswer(error: unknown, logger: Logger): HttpRouteResponse {
  if (error instanceof DomainError) {
    const status = statusByCode[error.code];
    if (status) return refusal(status, error.fields.length ? error.fields.map((f) => `${f.field} ${f.message}`) : [error.message]);
  }
  if (isDatabaseUnavailable(error)) {
    logger.warn({ err: error }, 'open311: database unavailable');
    return refusal(503, [databaseUnavailableMessage]);
  }
  logger.error({ err: error }, 'open311 request failed');
  return refusal(500, ['Internal server error']);
}

async function serve(path: string, query: URLSearchParams, em: EntityManager, now: Date): Promise<HttpRouteResponse> {
  const match = path.startsWith(basePath) ? resourcePattern.exec(path.slice(basePath.length)) : null;
  const [, resource, id, format] = match ?? [];
  if (!resource || !format || (resource === 'services' && id !== undefined)) {
    // Service definitions exist only for services with metadata; ours have none.
    return refusal(404, [`No Open311 resource at ${path}; see services.json, requests.json and requests/<service_request_id>.json`]);
  }
  if (format !== 'json') return refusal(400, [`Only the JSON format is served: ask for ${resource}${id === undefined ? '' : `/${id}`}.json`]);
  // The same limits as every GraphQL string input (a NUL, say, is no text PostgreSQL can compare).
  const problems = [...query].flatMap(([name, value]) => {
    const problem = inputStringProblem(value);
    return problem ? [`${name} ${problem}`] : [];
  });
  if (problems.length) return refusal(400, problems);
  if (resource === 'services') return answer(200, await listOpen311Services(em, localeOf(query)));
  if (id === undefined) return answer(200, await listOpen311Requests(em, parseRequestsQuery(query, now)));
  let registrationNumber: string;
  try {
    registrationNumber = decodeURIComponent(id);
  } catch {
    return refusal(400, ['service_request_id is not a valid URL segment']);
  }
  const idProblem = inputStringProblem(registrationNumber);
  if (idProblem) return refusal(400, [`service_request_id ${idProblem}`]);
  // The spec answers a single request as an array of one.
  return answer(200, [await getOpen311Request(em, registrationNumber, localeOf(query))]);
}

/**
 * The public, read-only Open311 GeoReport v2 API (domain/open311.ts says what is published and
 * what never is). No token needed; one SQL statement per answer.
 */
export function createOpen311Route(now: () => Date = () => new Date()): ServiceRoute {
  return {
    prefix: open311Prefix,
    async handle({ path, query, em, logger }) {
      try {
        return await serve(path, query, em, now());
      } catch (error) {
        return errorAnswer(error, logger);
      }
    },
  };
}
