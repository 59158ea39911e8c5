import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Conclusion,
  DisciplinaryProposal,
  ExecutionReport,
  Inspection,
  Instruction,
  InstructionExecutor,
  InstructionExtension,
} from './db/entities.ts';
import { loadDisciplineAssignments, type DisciplineKey } from './use-cases/execution-discipline-query.ts';
import type { DisciplineAssignment } from './domain/execution-discipline.ts';

function byId<T extends { id: string }>(rows: readonly T[], ids: readonly string[]): (T | null)[] {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id) ?? null);
}

function groupBy<T>(rows: readonly T[], keys: readonly string[], keyOf: (row: T) => string | readonly string[] | null): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) {
    const rowKeys = keyOf(row);
    if (rowKeys === null) continue;
    for (const key of typeof rowKeys === 'string' ? [rowKeys] : rowKeys) groups.get(key)?.push(row);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** Per-request loaders: one SQL query per kind of read for a whole page of parents. */
export function createInstructionLoaders(em: EntityManager) {
  return {
    instructionById: new DataLoader<string, Instruction | null>(async (ids) =>
      byId(await em.find(Instruction, { id: { $in: [...ids] } }), ids),
    ),
    reportById: new DataLoader<string, ExecutionReport | null>(async (ids) =>
      byId(await em.find(ExecutionReport, { id: { $in: [...ids] } }), ids),
    ),
    inspectionById: new DataLoader<string, Inspection | null>(async (ids) =>
      byId(await em.find(Inspection, { id: { $in: [...ids] } }), ids),
    ),
    proposalById: new DataLoader<string, DisciplinaryProposal | null>(async (ids) =>
      byId(await em.find(DisciplinaryProposal, { id: { $in: [...ids] } }), ids),
    ),
    conclusionById: new DataLoader<string, Conclusion | null>(async (ids) =>
      byId(await em.find(Conclusion, { id: { $in: [...ids] } }), ids),
    ),
    executorsByInstruction: new DataLoader<string, InstructionExecutor[]>(async (ids) =>
      groupBy(
        await em.find(InstructionExecutor, { instructionId: { $in: [...ids] } }, { orderBy: { dueDate: 'asc', organizationId: 'asc' } }),
        ids,
        (row) => row.instructionId,
      ),
    ),
    extensionsByInstruction: new DataLoader<string, InstructionExtension[]>(async (ids) =>
      groupBy(
        await em.find(InstructionExtension, { instructionId: { $in: [...ids] } }, { orderBy: { decidedAt: 'asc', id: 'asc' } }),
        ids,
        (row) => row.instructionId,
      ),
    ),
    reportsByInstruction: new DataLoader<string, ExecutionReport[]>(async (ids) =>
      groupBy(
        await em.find(ExecutionReport, { instructionId: { $in: [...ids] } }, { orderBy: { submittedAt: 'asc', id: 'asc' } }),
        ids,
        (row) => row.instructionId,
      ),
    ),
    inspectionsByInstruction: new DataLoader<string, Inspection[]>(async (ids) =>
      groupBy(
        await em.find(Inspection, { instructionId: { $in: [...ids] } }, { orderBy: { date: 'asc', id: 'asc' } }),
        ids,
        (row) => row.instructionId,
      ),
    ),
    proposalsByInstruction: new DataLoader<string, DisciplinaryProposal[]>(async (ids) =>
      groupBy(
        await em.find(DisciplinaryProposal, { instructionId: { $in: [...ids] } }, { orderBy: { proposedAt: 'asc', id: 'asc' } }),
        ids,
        (row) => row.instructionId,
      ),
    ),
    conclusionByInstruction: new DataLoader<string, Conclusion | null>(async (ids) => {
      const rows = await em.find(Conclusion, { instructionId: { $in: [...ids] } });
      return groupBy(rows, ids, (row) => row.instructionId).map((group) => group[0] ?? null);
    }),
    instructionsByAppeal: new DataLoader<string, Instruction[]>(async (appealIds) =>
      groupBy(
        await em.find(Instruction, { basisAppealIds: { $overlap: [...appealIds] } }, { orderBy: { issuedAt: 'desc', id: 'desc' } }),
        appealIds,
        (row) => row.basisAppealIds,
      ),
    ),
    instructionsByAppointment: new DataLoader<string, Instruction[]>(async (appointmentIds) =>
      groupBy(
        await em.find(Instruction, { basisAppointmentId: { $in: [...appointmentIds] } }, { orderBy: { issuedAt: 'desc', id: 'desc' } }),
        appointmentIds,
        (row) => row.basisAppointmentId ?? null,
      ),
    ),
    disciplineAssignments: new DataLoader<DisciplineKey, DisciplineAssignment[], string>(
      (keys) => loadDisciplineAssignments(em, keys),
      { cacheKeyFn: (key) => `${key.organizationId}|${key.from}|${key.to}` },
    ),
  };
}

export type InstructionLoaders = ReturnType<typeof createInstructionLoaders>;
