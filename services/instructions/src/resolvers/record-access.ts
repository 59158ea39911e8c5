import type { InstructionsContext } from '../context.ts';
import type { Instruction } from '../db/entities.ts';
import { getInstruction } from '../use-cases/instruction-queries.ts';

/** A record attached to an instruction is readable by whoever may read the instruction (FORBIDDEN otherwise). */
export async function readableRecord<T extends { instructionId: string }>(record: T | null, ctx: InstructionsContext): Promise<T | null> {
  if (!record) return null;
  return (await getInstruction(ctx, record.instructionId)) ? record : null;
}

/** The instruction a record belongs to (always present: records are written with their instruction). */
export async function instructionOf(record: { instructionId: string }, ctx: InstructionsContext): Promise<Instruction> {
  const instruction = await ctx.loaders.instructionById.load(record.instructionId);
  if (!instruction) throw new Error(`instruction ${record.instructionId} of a record is missing`);
  return instruction;
}
