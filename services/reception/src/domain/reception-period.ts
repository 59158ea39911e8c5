import { addCalendarDays, isCivilDate } from '@bakylau/platform/calendar/index';
import type { FieldProblem } from '@bakylau/platform/errors';

/** A period is two valid dates in order, at most ~5 years long (a report, not a table scan of all time). */
export function periodProblems(from: string, to: string, fields: [string, string] = ['from', 'to']): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isCivilDate(from)) problems.push({ field: fields[0], message: 'must be a date YYYY-MM-DD' });
  if (!isCivilDate(to)) problems.push({ field: fields[1], message: 'must be a date YYYY-MM-DD' });
  if (problems.length === 0 && from > to) problems.push({ field: fields[1], message: `must not be before ${fields[0]}` });
  if (problems.length === 0 && addCalendarDays(from, 366 * 5) < to) problems.push({ field: fields[1], message: 'the period may be at most five years' });
  return problems;
}
