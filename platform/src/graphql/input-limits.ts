import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import type { FieldProblem } from '../errors.ts';

/**
 * The longest string any input may carry. Domain rules are tighter where they know better (an
 * appeal's summary is at most 500 characters); this bound holds for every field of every service,
 * so no text field can be used to store or push around hundreds of kilobytes.
 */
export const maxInputStringLength = 20_000;

/**
 * Characters no field of ours has a use for, and that make stored text lie about itself:
 * bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) show `exe.fdp` as `pdf.exe`
 * and reorder a name or a sum on screen and in printed answers; zero-width characters (U+200B–U+200D,
 * U+2060, U+FEFF) make two names that look the same differ, defeating search and duplicate
 * detection (emoji joined with U+200D are refused too: no field needs them); control characters (C0 but tab, newline and carriage return; DEL; C1) are not text and
 * break CSV, DOCX and terminal output. Marks that only hint direction (U+200E, U+200F) stay allowed.
 */
function forbiddenCharacter(codePoint: number): string | null {
  // NUL apart, with its own reason: PostgreSQL cannot store U+0000 in text at all.
  if (codePoint === 0) return 'the NUL character';
  if ((codePoint < 0x20 && codePoint !== 0x09 && codePoint !== 0x0a && codePoint !== 0x0d) || (codePoint >= 0x7f && codePoint <= 0x9f)) {
    return 'a control character';
  }
  if ((codePoint >= 0x202a && codePoint <= 0x202e) || (codePoint >= 0x2066 && codePoint <= 0x2069)) return 'a bidirectional-override character';
  if ((codePoint >= 0x200b && codePoint <= 0x200d) || codePoint === 0x2060 || codePoint === 0xfeff) return 'a zero-width character';
  return null;
}

/** Why a string is not acceptable input, or null when it is. */
export function inputStringProblem(value: string, maxLength = maxInputStringLength): string | null {
  if (value.length > maxLength) return `must be at most ${maxLength} characters (got ${value.length})`;
  // An unpaired surrogate is not Unicode text (and PostgreSQL's UTF-8 cannot hold it).
  if (!value.isWellFormed()) return 'is not well-formed Unicode text (unpaired surrogate)';
  // By code point, so the position counts an emoji as one character, as the sender sees it.
  let position = 0;
  for (const char of value) {
    position++;
    const codePoint = char.codePointAt(0) ?? 0;
    const what = forbiddenCharacter(codePoint);
    if (what) return `must not contain ${what} (U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}, character ${position})`;
  }
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
 * operation whose variables or literals hold a string that is too long, is not well-formed Unicode
 * or contains a forbidden character (NUL, controls, bidi overrides, zero-width). Used by every
 * subgraph and by the gateway.
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
