import { isCivilDate } from '@bakylau/platform/calendar/index';
import { badUserInput, type FieldProblem } from '@bakylau/platform/errors';

/** Collects every problem of an input, so a form can show them all at once; nothing is written on any. */
export function createInputChecks() {
  const problems: FieldProblem[] = [];
  return {
    problems,
    /** A trimmed non-empty text of at most `max` characters; returns the trimmed value. */
    text(field: string, value: string | null | undefined, max = 10_000): string {
      const trimmed = (value ?? '').trim();
      if (!trimmed) problems.push({ field, message: 'must not be empty' });
      else if (trimmed.length > max) problems.push({ field, message: `must be at most ${max} characters` });
      return trimmed;
    },
    optionalText(field: string, value: string | null | undefined, max = 1_000): string | null {
      const trimmed = (value ?? '').trim();
      if (trimmed.length > max) problems.push({ field, message: `must be at most ${max} characters` });
      return trimmed || null;
    },
    civilDate(field: string, value: string): void {
      if (!isCivilDate(value)) problems.push({ field, message: 'must be a date YYYY-MM-DD' });
    },
    add(problem: FieldProblem | null): void {
      if (problem) problems.push(problem);
    },
    check(field: string, ok: boolean, message: string): void {
      if (!ok) problems.push({ field, message });
    },
    /** Throws BAD_USER_INPUT listing every problem found. */
    done(message = 'Invalid input'): void {
      if (problems.length) throw badUserInput(message, problems);
    },
  };
}
