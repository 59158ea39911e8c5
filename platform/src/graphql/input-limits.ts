import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import type { FieldProblem } from '../errors.ts';

/**
 * The longest string any input may carry. Domain rules are tighter where they know better (an
 * appeal's summary is at most 500 characters); this bound holds for every field of every service,
 * so no text field can be used to store or push around hundreds of kilobytes.
 */
export const maxInputStringLength = 20_000;

/** Why a string is not acceptable input, or null when it is. */
export function inputStringProblem(value: string, maxLength = maxInputStringLength): string | null {
  if (value.length > maxLength) return `must be at most ${maxLength} characters (got ${value.length})`;
  // PostgreSQL cannot store U+0000 in text, and an unpaired surrogate is not Unicode text.
  if (value.includes('\u0000')) return 'must not contain the NUL character';
  if (!value.isWellFormed()) return 'is not well-formed Unicode text (unpaired surrogate)';
  return null;
}

/** Every bad string in `value` (variables of a request), with its path (`input.applicant.name`). */
export function variableProblems(value: unknown, path: string, maxLength = maxInputStringLength, found: FieldProblem[] = []): FieldProblem[] {
  if (found.length >= 10) return found;
  if (typeof value === 'string') {
    const problem = inputStringProblem(value, maxLength);
    if (problem) found.push({ field: path, message: problem });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => variableProblems(item, `${path}.${i}`, maxLength, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) variableProblems(item, path ? `${path}.${key}` : key, maxLength, found);
  }
  return found;
}

/** Bad string literals written into the operation document itself. */
export function literalProblems(document: DocumentNode, maxLength = maxInputStringLength): FieldProblem[] {
  const found: FieldProblem[] = [];
  const argument: string[] = [];
  visit(document, {
    Argument: { enter: (node) => void argument.push(node.name.value), leave: () => void argument.pop() },
    StringValue(node) {
      const problem = inputStringProblem(node.value, maxLength);
      if (problem && found.length < 10) found.push({ field: argument.at(-1) ?? '(document)', message: problem });
    },
  });
  return found;
}

/**
 * An Apollo plugin that refuses, with BAD_USER_INPUT (HTTP 400) and before any resolver runs, an
 * operation whose variables or literals hold a string that is too long, contains NUL or is not
 * well-formed Unicode. Used by every subgraph and by the gateway.
 */
export function inputLimitsPlugin<TContext extends BaseContext>(maxLength = maxInputStringLength): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const fields = [...variableProblems(request.variables ?? {}, '', maxLength), ...literalProblems(document, maxLength)];
          if (fields.length === 0) return;
          throw new GraphQLError(`The request has input that is not acceptable: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`, {
            extensions: { code: 'BAD_USER_INPUT', fields, http: { status: 400 } },
          });
        },
      };
    },
  };
}
