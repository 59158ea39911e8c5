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

export const badUserInput = (message: string, fields: FieldProblem[] = []) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, fields);
export const forbidden = (message = 'You do not have the right to do this') =>
  new DomainError(ErrorCode.FORBIDDEN, message);
export const unauthenticated = (message = 'A valid access token is required') =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message);
export const notFound = (what: string, id: string) =>
  new DomainError(ErrorCode.NOT_FOUND, `${what} ${id} was not found`);
export const conflict = (message: string) => new DomainError(ErrorCode.CONFLICT, message);
export const serviceUnavailable = (message: string) =>
  new DomainError(ErrorCode.SERVICE_UNAVAILABLE, message);

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

/**
 * Apollo `formatError`: domain errors keep their code and field problems; anything unexpected
 * becomes INTERNAL_SERVER_ERROR with a generic message, so no stack trace or SQL text leaves
 * the service in production. The original error is reported through `onUnexpected` for logging.
 */
export function createErrorFormatter(options: {
  includeStacktrace: boolean;
  onUnexpected: (error: unknown) => void;
}) {
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
    const code = String(formatted.extensions?.['code'] ?? '');
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
