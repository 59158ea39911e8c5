// The scalars the subgraphs declare: DateTime (an instant), Date (a civil date in Kazakhstan) and JSON.
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isCivilDate } from '../calendar/index.ts';

function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function parseInstant(value: unknown): Date {
  if (typeof value !== 'string') throw invalid('DateTime must be an ISO 8601 string');
  // A zone is required: an instant without one would be read in the server's zone.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) throw invalid(`DateTime "${value}" must be ISO 8601 with a zone`);
  const date = new Date(value);
  // new Date() rolls 30 February over into March; a day that does not exist is not an instant.
  if (Number.isNaN(date.getTime()) || !isCivilDate(value.slice(0, 10))) throw invalid(`DateTime "${value}" is not a valid instant`);
  return date;
}

/** An instant: ISO string on the wire, Date inside. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : null),
});

function parseCivilDate(value: unknown): string {
  if (typeof value !== 'string' || !isCivilDate(value)) throw invalid('Date must be a civil date YYYY-MM-DD');
  return value;
}

/** A civil date, 'YYYY-MM-DD', the same string inside and out. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parseCivilDate,
  parseLiteral: (ast) => parseCivilDate(ast.kind === Kind.STRING ? ast.value : null),
});

function literalValue(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.LIST:
      return ast.values.map(literalValue);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalValue(f.value)]));
    default:
      return null;
  }
}

/** Any JSON value; output only in practice (GeoJSON layers, audit summaries). */
export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literalValue,
});
