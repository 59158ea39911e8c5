import { requireRole } from '@bakylau/platform/auth/principal';
import { isCivilDate } from '@bakylau/platform/calendar/index';
import { badUserInput, forbidden } from '@bakylau/platform/errors';
import type { InstructionsContext } from '../context.ts';
import { canReadDiscipline } from '../domain/instruction-access.ts';
import { computeExecutionDiscipline, type ExecutionDiscipline } from '../domain/execution-discipline.ts';
import type { DisciplineKey } from '../db/discipline-queries.ts';

/** `Organization.executionDiscipline(from, to)` (R9.2), computed as of today. */
export async function executionDisciplineOf(ctx: InstructionsContext, key: DisciplineKey): Promise<ExecutionDiscipline & { from: string; to: string }> {
  const principal = requireRole(ctx.principal);
  if (!canReadDiscipline(principal, key.organizationId)) throw forbidden('You may not read the indicators of this organization');
  const problems = [];
  if (!isCivilDate(key.from)) problems.push({ field: 'from', message: 'must be a date YYYY-MM-DD' });
  if (!isCivilDate(key.to)) problems.push({ field: 'to', message: 'must be a date YYYY-MM-DD' });
  if (!problems.length && key.from > key.to) problems.push({ field: 'to', message: 'must not be before from' });
  if (problems.length) throw badUserInput('Invalid period', problems);
  const assignments = await ctx.loaders.disciplineAssignments.load(key);
  return { from: key.from, to: key.to, ...computeExecutionDiscipline(assignments, ctx.today()) };
}
