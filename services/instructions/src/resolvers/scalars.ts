import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isCivilDate } from '@bakylau/platform/calendar/index';

function badValue(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw badValue('DateTime must be an ISO 8601 string');
  return new Date(value);
}

/** DateTime: ISO 8601 string on the wire, Date in resolvers. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value : parseDateTime(value)).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : null),
});

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCivilDate(value)) throw badValue('Date must be a civil date YYYY-MM-DD');
  return value;
}

/** Date: a civil date 'YYYY-MM-DD', kept as a string everywhere. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  serialize: parseDate,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null),
});
