import { isAnyRealmError } from './any-realm-error.ts';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The error codes clients can rely on (ARCHITECTURE.md, "The graph"). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A problem with one input field, reported back so a form can point at it. */
export type FieldProblem = { field: string; message: string };

/**
 * A rule broken by the caller's request. Domain code throws this (free of GraphQL);
 * the subgraph's error formatter turns it into a GraphQL error with the same code.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldProblem[];
  constructor(code: ErrorCode, message: string, fields: FieldProblem[] = []) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fields = fields;
  }
}

export const badUserInput = (message: string, fields: FieldProblem[] = []) => new DomainError(ErrorCode.BAD_USER_INPUT, message, fields);
export const forbidden = (message = 'You do not have the right to do this') => new DomainError(ErrorCode.FORBIDDEN, message);
export const unauthenticated = (message = 'A valid access token is required') => new DomainError(ErrorCode.UNAUTHENTICATED, message);
export const notFound = (what: string, id: string) => new DomainError(ErrorCode.NOT_FOUND, `${what} ${id} was not found`);
export const conflict = (message: string) => new DomainError(ErrorCode.CONFLICT, message);
export const serviceUnavailable = (message: string) => new DomainError(ErrorCode.SERVICE_UNAVAILABLE, message);

const knownCodes = new Set<string>(Object.values(ErrorCode));
/** Codes Apollo Server itself assigns to malformed requests; they are safe to pass through. */
const apolloRequestCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export const databaseUnavailableMessage = 'The service cannot reach its database right now; try again later';

/** Node socket errors met when the database server cannot be reached (refused, reset, timed out). */
const connectionErrnoCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
/**
 * pg's own messages for a connection that is gone or was never made (they carry no code).
 * Kept to the wording pg uses for a lost or refused connection only.
 */
const connectionMessages =
  /^(Connection terminated|Client has encountered a connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable)/;

/**
 * Whether `error` (or its cause, or one of an AggregateError's errors) says the database cannot be
 * reached: a refused or broken connection, or PostgreSQL's SQLSTATE class 08 (connection exception)
 * and 57P01..57P03 (admin or crash shutdown, cannot connect now). Drivers and ORMs copy the code of
 * the error they wrap (MikroORM's DriverException does), so the check looks at codes, not classes.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  // isAnyRealmError, not instanceof: a socket error is Node's, of another realm than a vm context's (jest's).
  if (!isAnyRealmError(error) || depth > 5) return false;
  const { code, errors } = error as Error & { code?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    // 08P01 (protocol violation) is a malformed request, not an outage.
    if (connectionErrnoCodes.has(code) || (/^08[0-9A-Z]{3}$/.test(code) && code !== '08P01') || /^57P0[123]$/.test(code)) return true;
  }
  if (connectionMessages.test(error.message)) return true;
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(error.cause, depth + 1);
}

/**
 * Apollo `formatError`: domain errors keep their code and field problems; anything unexpected
 * becomes INTERNAL_SERVER_ERROR with a generic message, so no stack trace or SQL text leaves
 * the service in production. An unreachable database (refused connection, PostgreSQL shutting
 * down or restarting) becomes SERVICE_UNAVAILABLE with a plain message, so clients can tell an
 * outage to retry from a bug. The original error is reported through `onUnexpected` for logging.
 */
export function createErrorFormatter(options: { includeStacktrace: boolean; onUnexpected: (error: unknown) => void }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof DomainError) {
      return {
        message: original.message,
        ...(formatted.path ? { path: formatted.path } : {}),
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: {
          code: original.code,
          ...(original.fields.length ? { fields: original.fields } : {}),
        },
      };
    }
    if (isDatabaseUnavailable(original)) {
      // Not a bug, not the caller's fault: the database is down or restarting. Say so, without details.
      options.onUnexpected(original);
      return {
        message: databaseUnavailableMessage,
        ...(formatted.path ? { path: formatted.path } : {}),
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    const rawCode = formatted.extensions?.['code'];
    const code = typeof rawCode === 'string' ? rawCode : '';
    if (apolloRequestCodes.has(code) || (knownCodes.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR)) {
      return withoutStacktrace(formatted, options.includeStacktrace);
    }
    options.onUnexpected(original);
    if (options.includeStacktrace) return formatted;
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function withoutStacktrace(formatted: GraphQLFormattedError, keep: boolean): GraphQLFormattedError {
  if (keep || !formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
  const { stacktrace: _dropped, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
