import { decodeCursor, encodeCursor, pageSize, toConnection, type Connection } from '@bakylau/platform/graphql/connection';
import { requireRole } from '@bakylau/platform/auth/principal';
import { badUserInput, forbidden } from '@bakylau/platform/errors';
import type { InstructionsContext } from '../context.ts';
import { Instruction } from '../db/entities.ts';
import { canReadInstruction } from '../domain/instruction-access.ts';
import type { ControlState, IssuerLevel } from '../domain/instruction-vocabulary.ts';
import { isUuid } from '@bakylau/platform/ids';

export type InstructionFilter = {
  controlStates?: readonly ControlState[] | null;
  overdue?: boolean | null;
  executorOrganizationId?: string | null;
  issuerLevel?: IssuerLevel | null;
  appealId?: string | null;
};

export type InstructionPage = Connection<Instruction>;

/** One instruction for the caller, or FORBIDDEN for an executor of another organization. */
export async function getInstruction(ctx: InstructionsContext, id: string): Promise<Instruction | null> {
  const principal = requireRole(ctx.principal);
  const instruction = isUuid(id) ? await ctx.loaders.instructionById.load(id) : null;
  if (!instruction) return null;
  const executors = await ctx.loaders.executorsByInstruction.load(instruction.id);
  if (
    !canReadInstruction(
      principal,
      executors.map((e) => e.organizationId),
    )
  )
    throw forbidden('This instruction is not assigned to your organization');
  return instruction;
}

/** Filters a batch of instructions down to those the caller may read (related-entity lists). */
export async function readableInstructions(ctx: InstructionsContext, instructions: readonly Instruction[]): Promise<Instruction[]> {
  const principal = requireRole(ctx.principal);
  const executors = await ctx.loaders.executorsByInstruction.loadMany(instructions.map((i) => i.id));
  return instructions.filter((instruction, i) => {
    const rows = executors[i];
    return (
      Array.isArray(rows) &&
      canReadInstruction(
        principal,
        rows.map((e) => e.organizationId),
      )
    );
  });
}

const cursorOf = (instruction: Instruction) => encodeCursor([instruction.issuedAt.toISOString(), instruction.id]);

function afterCursor(cursor: string): { issuedAt: string; id: string } {
  const [issuedAt, id] = decodeCursor(cursor, 2).map(String);
  if (!issuedAt || !id || !isUuid(id) || Number.isNaN(Date.parse(issuedAt))) {
    throw badUserInput('Invalid cursor', [{ field: 'after', message: 'is not a cursor of this list' }]);
  }
  return { issuedAt, id };
}

const openPastDue = `i.control_state <> 'EXECUTED' and exists (select 1 from instruction_executor e
  where e.instruction_id = i.id and e.state <> 'FINAL_ACCEPTED' and e.due_date < ?::date)`;

/** A page of instructions, newest first (keyset pagination on issued_at, id); executors see their organization's only. */
export async function listInstructions(
  ctx: InstructionsContext,
  filter: InstructionFilter | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<InstructionPage> {
  const principal = requireRole(ctx.principal);
  const limit = pageSize(first);
  const where: string[] = [];
  const params: unknown[] = [];
  if (principal.role === 'executor') {
    if (!principal.organizationId) throw forbidden('An executor token must name its organization');
    where.push('exists (select 1 from instruction_executor x where x.instruction_id = i.id and x.organization_id = ?)');
    params.push(principal.organizationId);
  } else if (!canReadInstruction(principal, [])) {
    throw forbidden(`The role ${principal.role} may not read instructions`);
  }
  if (filter?.controlStates?.length) {
    where.push(`i.control_state in (${filter.controlStates.map(() => '?').join(', ')})`);
    params.push(...filter.controlStates);
  }
  if (filter?.overdue === true || filter?.overdue === false) {
    where.push(filter.overdue ? `(${openPastDue})` : `not (${openPastDue})`);
    params.push(ctx.today());
  }
  if (filter?.executorOrganizationId) {
    where.push('exists (select 1 from instruction_executor y where y.instruction_id = i.id and y.organization_id = ?)');
    params.push(filter.executorOrganizationId);
  }
  if (filter?.issuerLevel) {
    where.push('i.issuer_level = ?');
    params.push(filter.issuerLevel);
  }
  if (filter?.appealId) {
    where.push('i.basis_appeal_ids @> array[?]::text[]');
    params.push(filter.appealId);
  }
  if (after) {
    const cursor = afterCursor(after);
    where.push('(i.issued_at, i.id) < (?::timestamptz, ?::uuid)');
    params.push(cursor.issuedAt, cursor.id);
  }
  const sql = `select i.id from instruction i ${where.length ? `where ${where.join(' and ')}` : ''}
    order by i.issued_at desc, i.id desc limit ${limit + 1}`;
  const rows = await ctx.em.execute<{ id: string }[]>(sql, params);
  const ids = rows.slice(0, limit).map((r) => r.id);
  const found = await ctx.loaders.instructionById.loadMany(ids);
  const nodes = found.filter((n): n is Instruction => n instanceof Object && !(n instanceof Error));
  const page = toConnection(nodes, limit, cursorOf);
  // hasNextPage comes from the id query, which fetched one row more than the page.
  return { ...page, pageInfo: { ...page.pageInfo, hasNextPage: rows.length > limit } };
}
